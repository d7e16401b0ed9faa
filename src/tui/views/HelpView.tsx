// The `?` overlay: every key of every view.
import { Box, Text } from 'ink';

// Each line fits an 80-column terminal, so the whole list fits 80×24.
const KEYS: [string, string][] = [
  ['1-6 / tab', 'views: checklist, findings, traces, logs, metrics, audit'],
  ['j k ↑ ↓', 'move; PgUp/PgDn page; g/G first/last (logs)'],
  ['enter', 'open: a step, a finding, evidence, a trace, a log record'],
  ['esc ← backspace', 'back (from a finding\'s evidence: back to the finding)'],
  ['e', 'the whole text of a finding or a timeline record, when cut'],
  ['t', 'a finding\'s traces: only those its evidence names'],
  ['/ n N', 'logs: new search; next/previous match ("match i/N")'],
  ['ctrl-u', 'clear the prompt'],
  ['f', 'logs: filter by fields, trace_id=… (bare words: the message)'],
  ['l  s  c', 'logs: minimum level, one source, clear filters'],
  ['t', 'logs: jump to a time, HH:MM[:SS] (UTC) or RFC 3339'],
  ['h', 'metrics: counters / histograms'],
  ['p', 'bundle problems (file:line) and the files read'],
  ['r', 'redaction on/off: show values as the report would'],
  ['?', 'this help'],
  ['q  ctrl-c', 'quit'],
];

export function HelpView() {
  return (
    <Box flexDirection="column">
      <Text bold>Keys</Text>
      {KEYS.map(([k, v], i) => <Text key={i}>{`  ${k.padEnd(16)} ${v}`}</Text>)}
      <Text dimColor>Press any key to close.</Text>
    </Box>
  );
}
