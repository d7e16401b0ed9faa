// Prometheus text and OpenMetrics `/metrics` snapshots: one MetricSnapshot per file or per `# EOF` block.
import type { FileFormat, FileHead, LineParser, ParseContext } from '../../../format.ts';
import type { MetricSample, MetricSnapshot } from '../../../types.ts';
import { parentFolder, parseTime, timeFromName } from '../util/time.ts';
import { FamilyBuilder, metricType } from './prom-families.ts';
import { parseSampleLine } from './prom-line.ts';

const META = /^#\s+(HELP|TYPE|UNIT)\s+(\S+)(?:\s+(.*))?$/;
const EOF_LINE = /^#\s*EOF\s*$/;
// A comment carrying the scrape time, e.g. `# scraped at 2026-10-03T09:15:00Z`.
// A name that says "metrics snapshot": the only evidence an empty file has (`metrics.prom`, `metrics-0915.txt`).
const METRICS_NAME = /(\.prom$|(^|\/)[^/]*metrics[^/]*$)/i;
const TIME_COMMENT = /(\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)/i;

interface Block {
  builder: FamilyBuilder;
  line: number;
  offset: number;
  isOpenMetrics: boolean;
  commentTime: number | null;
  maxSampleTs: number | null;
  instances: Set<string>;
  targetInstance: string | null;
}

function newBlock(line: number, offset: number): Block {
  return {
    builder: new FamilyBuilder(), line, offset, isOpenMetrics: false, commentTime: null,
    maxSampleTs: null, instances: new Set(), targetInstance: null,
  };
}

function unescapeHelp(s: string): string {
  return s.replace(/\\(n|\\)/g, (_m, c: string) => (c === 'n' ? '\n' : '\\'));
}

/** Line parser that builds snapshots and reports bad or duplicate lines with their line numbers. */
export function openMetricsParser(ctx: ParseContext): LineParser {
  let block: Block | null = null;
  let isAnyOpenMetrics = false;
  let snapshots = 0; // with at least one sample
  let isAnyProblem = false;
  const problem = (lineNo: number, text: string): void => {
    isAnyProblem = true;
    ctx.problem(lineNo, text);
  };
  const nameTime = timeFromName(ctx.path);

  const finish = () => {
    if (!block) return;
    const b = block;
    block = null;
    if (b.builder.result().length === 0) return;
    if (b.isOpenMetrics) isAnyOpenMetrics = true;
    if (b.builder.sampleCount > 0) snapshots++;
    let time: number | null = b.commentTime ?? b.maxSampleTs;
    let timeSource: MetricSnapshot['timeSource'] = time !== null ? 'content' : null;
    if (time === null && nameTime !== null) [time, timeSource] = [nameTime, 'name'];
    if (time === null && ctx.mtime !== null) [time, timeSource] = [ctx.mtime, 'mtime'];
    const instance = b.instances.size === 1 ? [...b.instances][0]! : (b.targetInstance ?? parentFolder(ctx.path) ?? 'default');
    ctx.emit({
      kind: 'metrics', file: ctx.path, line: b.line, offset: b.offset,
      format: b.isOpenMetrics ? 'openmetrics' : 'prometheus', time, timeSource, instance, families: b.builder.result(),
    });
  };

  return {
    line(text, lineNo, offset) {
      const t = text.trim();
      if (t === '') return;
      if (t.charCodeAt(0) === 0x23) {
        if (EOF_LINE.test(t)) {
          if (block) block.isOpenMetrics = true;
          finish();
          return;
        }
        const meta = META.exec(t);
        if (meta) {
          block ??= newBlock(lineNo, offset);
          const [, kw, name, rest = ''] = meta;
          if (kw === 'TYPE') {
            const type = metricType(rest.trim());
            if (type === null) problem(lineNo, `unknown metric type for ${name}`);
            else block.builder.declare(name!, type);
          } else if (kw === 'HELP') {
            block.builder.help(name!, unescapeHelp(rest));
          } else {
            block.isOpenMetrics = true;
          }
          return;
        }
        const tm = TIME_COMMENT.exec(t);
        const when = tm ? parseTime(tm[1]) : null;
        if (when !== null) {
          // A second scrape-time comment after samples starts the next concatenated scrape.
          if (block && block.builder.sampleCount > 0) finish();
          block ??= newBlock(lineNo, offset);
          block.commentTime = when;
        }
        return;
      }
      const parsed = parseSampleLine(t);
      if (typeof parsed === 'string') {
        problem(lineNo, `metrics: ${parsed}`);
        return;
      }
      block ??= newBlock(lineNo, offset);
      const sample: MetricSample = { name: parsed.name, labels: parsed.labels, value: parsed.value, line: lineNo };
      if (parsed.timestampMs !== undefined) {
        sample.timestampMs = parsed.timestampMs;
        if (block.maxSampleTs === null || parsed.timestampMs > block.maxSampleTs) block.maxSampleTs = parsed.timestampMs;
      }
      if (parsed.exemplar) sample.exemplar = parsed.exemplar;
      if (!block.builder.add(sample)) {
        problem(lineNo, `metrics: duplicate sample ${parsed.name}`);
        return;
      }
      const inst = parsed.labels.instance;
      if (inst !== undefined) block.instances.add(inst);
      if (parsed.name === 'target_info') {
        block.targetInstance ??= parsed.labels.service_instance_id ?? parsed.labels.host_name ?? null;
      }
    },
    end() {
      finish();
      // A scrape that returned nothing (a failed curl, a full disk) is evidence of that, not an unknown file.
      if (snapshots === 0 && !isAnyProblem) ctx.problem(undefined, 'empty metrics snapshot');
      ctx.setFormat(isAnyOpenMetrics ? 'openmetrics' : 'prometheus');
    },
  };
}

/** How sure we are that the head is a metrics exposition (an empty file only by its name). */
export function sniffMetrics(head: FileHead): number {
  if (head.size === 0 || (head.size !== null && head.text.trim() === '' && Buffer.byteLength(head.text) >= head.size)) {
    return METRICS_NAME.test(head.path) ? 0.5 : 0;
  }
  let meta = 0;
  let samples = 0;
  let bad = 0;
  for (const raw of head.lines) {
    const t = raw.trim();
    if (t === '') continue;
    if (t.charCodeAt(0) === 0x23) {
      if (META.test(t)) meta++;
      continue;
    }
    if (typeof parseSampleLine(t) === 'string') bad++;
    else samples++;
  }
  if (meta > 0 && samples >= bad) return samples > 0 || bad === 0 ? 0.95 : 0;
  if (meta === 0 && samples >= 2 && bad === 0) return 0.6;
  return 0;
}

/** The Prometheus text / OpenMetrics format. */
export const metricsFormat: FileFormat = {
  id: 'prometheus',
  kind: 'metrics',
  mode: 'lines',
  sniff: sniffMetrics,
  openLines: (ctx) => openMetricsParser(ctx),
};
