// One bundle file, redacted in the form it has: a JSON document structurally, YAML node by node,
// anything else line by line (JSON lines structurally behind any container prefix, slog text,
// env files, metrics, HTTP captures, PEM blocks across lines), keeping the format parseable.
import type { Readable } from 'node:stream';
import type { Redactor } from '../redact/redactor.ts';
import { Spool } from './spool.ts';
import { redactYaml } from './yaml-doc.ts';

/** Files up to this size are read whole (documents); larger ones stream line by line. */
const WHOLE = 64 * 1024 * 1024;
/** A longer line cannot be parsed by ingest either: it is replaced, never copied. */
const MAX_LINE = 1024 * 1024;
/** Lines are handed to the well-known-token detector in batches of about this many bytes. */
const BATCH = 1024 * 1024;

export type FileOutcome = { kind: 'redacted'; spool: Spool; form: 'json' | 'yaml' | 'lines' } | { kind: 'omitted'; reason: string };

/** Redact one file's bytes. Binary files are omitted (they cannot be checked, so they do not leave). */
export async function redactFile(path: string, stream: Readable, r: Redactor): Promise<FileOutcome> {
  const it = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const head: Buffer[] = [];
  let headSize = 0;
  let ended = false;
  while (headSize <= WHOLE) {
    const n = await it.next();
    if (n.done) {
      ended = true;
      break;
    }
    const b = Buffer.isBuffer(n.value) ? n.value : Buffer.from(n.value as Uint8Array);
    head.push(b);
    headSize += b.length;
  }
  const first = Buffer.concat(head);
  if (first.subarray(0, 8192).includes(0)) {
    // Drain so the walker can move on.
    if (!ended) for (let n = await it.next(); !n.done; n = await it.next());
    return { kind: 'omitted', reason: 'binary content cannot be checked for secrets' };
  }
  const spool = new Spool();
  if (ended) {
    const text = first.toString('utf8').replace(/^\uFEFF/, '');
    const json = redactJsonDocument(text, r);
    if (json !== null) {
      spool.write(json);
      return { kind: 'redacted', spool, form: 'json' };
    }
    if (/\.ya?ml$/i.test(path)) {
      await r.learn(text);
      const yaml = redactYaml(text, r);
      if (yaml !== null) {
        spool.write(yaml);
        return { kind: 'redacted', spool, form: 'yaml' };
      }
    }
  }
  await redactLines(first, ended ? null : it, r, spool, isEnvFile(path) ? redactEnvLine : redactLine);
  return { kind: 'redacted', spool, form: 'lines' };
}

/** A whole JSON document (not JSON lines), re-serialized with its original indentation; null if it is not one. */
export function redactJsonDocument(text: string, r: Redactor): string | null {
  const t = text.trimStart();
  if (t[0] !== '{' && t[0] !== '[') return null;
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return null;
  }
  const indentMatch = /^[[{]\s*\n([ \t]+)/.exec(t);
  const indent = indentMatch ? indentMatch[1]! : undefined;
  const out = JSON.stringify(r.value('', v), null, indent);
  return text.endsWith('\n') ? `${out}\n` : out;
}

/** Line-by-line redaction with PEM state across lines, secretlint run per batch of lines. */
async function redactLines(
  first: Buffer, rest: AsyncIterator<Buffer> | null, r: Redactor, spool: Spool, redactLine: (line: string, r: Redactor, next?: string) => string,
): Promise<void> {
  let pending = first;
  let inPem = false;
  let batch: string[] = [];
  let batchBytes = 0;
  /**
   * Redact the batch. Each line is shown the line after it (`- value: x` then `name: X_SECRET`), so
   * a batch that is not the last keeps its last line for the next one; `after`: the line after the
   * last batch (an unterminated tail).
   */
  const flush = async (last: boolean, after?: string) => {
    if (batch.length === 0) return;
    await r.learn(batch.join('\n'));
    const upTo = last ? batch.length : batch.length - 1;
    for (let i = 0; i < upTo; i++) {
      const raw = batch[i]!;
      const cr = raw.endsWith('\r');
      const line = cr ? raw.slice(0, -1) : raw;
      const next = (batch[i + 1] ?? after)?.replace(/\r$/, '');
      let out: string;
      if (inPem) {
        // Key body lines become empty lines: line numbers of the rest of the file stay the same.
        if (/-----END [A-Z0-9 ]*PRIVATE KEY/.test(line)) inPem = false;
        out = '';
      } else if (line.length > MAX_LINE) {
        out = '[REDACTED:oversized-line]';
      } else {
        out = redactLine(line, r, next);
        if (/-----BEGIN [A-Z0-9 ]*PRIVATE KEY/.test(line) && !/-----END [A-Z0-9 ]*PRIVATE KEY/.test(line)) inPem = true;
      }
      spool.write(`${out}${cr ? '\r' : ''}\n`);
    }
    batch = batch.slice(upTo);
    batchBytes = batch.length > 0 ? batch[0]!.length : 0;
  };
  for (;;) {
    let start = 0;
    for (let nl = pending.indexOf(0x0a, start); nl >= 0; nl = pending.indexOf(0x0a, start)) {
      const line = pending.toString('utf8', start, nl);
      batch.push(line);
      batchBytes += nl - start;
      start = nl + 1;
      if (batchBytes >= BATCH) await flush(false);
    }
    pending = pending.subarray(start);
    const n = rest ? await rest.next() : { done: true as const, value: undefined };
    if (n.done) break;
    pending = pending.length ? Buffer.concat([pending, n.value]) : n.value;
  }
  const tail = pending.length ? pending.toString('utf8') : undefined;
  await flush(true, tail);
  // The last line had no newline: keep it that way.
  if (tail !== undefined) {
    await r.learn(tail);
    const out = inPem ? '' : tail.length > MAX_LINE ? '[REDACTED:oversized-line]' : redactLine(tail, r);
    spool.write(out);
  }
}

/** `.env`, `prod.env`, `.env.local`: files of `NAME=value` lines (Docker's env_file, dotenv). */
function isEnvFile(path: string): boolean {
  return /(?:^|\/)(?:[\w.-]*\.env|\.env(?:\.[\w-]+)*)$/i.test(path);
}

/**
 * One line of an env file: an unquoted value runs to the line end, spaces included
 * (`NAME=correct horse battery`), so it is judged whole by its name. Anything else as any line.
 */
export function redactEnvLine(line: string, r: Redactor, next?: string): string {
  const m = /^([ \t]*(?:export[ \t]+)?)([A-Za-z_]\w*)=([^"'\s].*)$/.exec(line);
  if (!m) return redactLine(line, r, next);
  const value = r.value(m[2]!, m[3]!);
  return value === m[3] ? r.text(line, next) : `${m[1]}${m[2]}=${String(value)}`;
}

/**
 * One line: a JSON object (possibly behind a container prefix) structurally, anything else as text.
 * `next`: the line after it in the file.
 */
export function redactLine(line: string, r: Redactor, next?: string): string {
  const brace = line.indexOf('{');
  if (brace >= 0 && line.endsWith('}') && brace < 200) {
    try {
      const v: unknown = JSON.parse(line.slice(brace));
      if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
        const prefix = brace > 0 ? r.text(line.slice(0, brace)) : '';
        return prefix + JSON.stringify(r.value('', v));
      }
    } catch {
      // not JSON after all: free text below
    }
  }
  return r.text(line, next);
}
