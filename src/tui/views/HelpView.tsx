// The `?` overlay: every key of every view.
import { Box, Text } from 'ink';

const KEYS: [string, string][] = [
  ['1-6 / tab', 'switch view: checklist, findings, traces, logs, metrics, audit'],
  ['j k ↑ ↓', 'move; PgUp/PgDn page; g/G first/last (logs)'],
  ['enter', 'open: a step\'s findings, a finding, an evidence record, a trace timeline, a record\'s fields'],
  ['esc ← backspace', 'back: close a detail or the record pane; from a finding\'s evidence, back to the finding'],
  ['/ n N', 'search the logs (each / starts a new query), next/previous match ("match i/N")'],
  ['ctrl-u', 'clear the prompt (search, field filter, time)'],
  ['f', 'filter logs by fields: trace_id=… client_id=… (words without = match the message)'],
  ['l  s  c', 'logs: minimum level, one source, clear filters'],
  ['t', 'logs: jump to a time (HH:MM[:SS[.mmm]] on the bundle\'s first day, or RFC 3339; UTC)'],
  ['h', 'metrics: counters / histograms'],
  ['p', 'bundle problems: the parts that could not be read (file:line) and the files that were'],
  ['r', 'redaction on/off: show values as the report would'],
  ['?', 'this help'],
  ['q  ctrl-c', 'quit'],
];

export function HelpView() {
  return (
    <Box flexDirection="column">
      <Text bold>Keys</Text>
      {KEYS.map(([k, v]) => <Text key={k}>{`  ${k.padEnd(16)} ${v}`}</Text>)}
      <Text dimColor>Press any key to close.</Text>
    </Box>
  );
}
