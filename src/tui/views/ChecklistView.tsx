// Checklist view: the ten steps with pass/warn/fail/unknown; enter opens the step's findings.
import { useKeys } from '../hooks/use-keys.ts';
import { Box, Text } from 'ink';
import { useTui } from '../context.ts';
import { useList } from '../hooks/use-list.ts';
import { fit } from '../lib/format.ts';
import { STATUS_COLOR, STATUS_MARK } from '../theme.ts';
import { problemsLine } from './ProblemsView.tsx';

export function ChecklistView({ height, width, isActive }: { height: number; width: number; isActive: boolean }) {
  const { analysis, color, go } = useTui();
  const steps = analysis.checklist;
  const list = useList(steps.length, Math.max(1, Math.floor(height / 2)), 0, 'checklist');
  useKeys((input, key) => {
    if (key.downArrow || input === 'j') list.move(1);
    else if (key.upArrow || input === 'k') list.move(-1);
    else if (key.return && steps[list.index]) go('findings', { kind: 'step', step: steps[list.index]!.step });
  }, { isActive });
  const current = steps[list.index];
  const problems = problemsLine(analysis);
  return (
    <Box flexDirection="column">
      {steps.map((s, i) => {
        const selected = i === list.index;
        const head = `${selected ? '›' : ' '} ${STATUS_MARK[s.status]} ${String(s.step).padStart(2)}  ${fit(s.title, Math.max(10, width - 24))} ${s.status.padEnd(7)}`;
        return (
          <Text key={s.step} bold={selected} color={color ? STATUS_COLOR[s.status] : undefined} wrap="truncate">{head}</Text>
        );
      })}
      {problems ? <Text color={color ? 'yellow' : undefined}>{fit(problems, width)}</Text> : null}
      {current ? (
        <Box marginTop={1} flexDirection="column">
          <Text wrap="wrap">{`Step ${current.step}: ${current.note || (current.findings.length ? `findings ${current.findings.join(', ')}` : 'nothing to report.')}`}</Text>
          {current.findings.length > 0 ? <Text dimColor>enter: open this step's findings</Text> : null}
        </Box>
      ) : null}
    </Box>
  );
}
