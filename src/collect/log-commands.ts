// Logs from journalctl, kubectl and docker, each run only when its flag asks for it: no shell, a
// byte cap (the newest part is kept) and a time limit; a missing program is recorded as skipped.
import { spawn } from 'node:child_process';
import { skipItem, type ItemContext } from './http-item.ts';
import { size } from './log-files.ts';
import { rfc3339, type ManifestItem } from './manifest.ts';
import { slug } from './staging.ts';
import { lineFeeder, Tail } from './tail.ts';

/** One log command: what to run and where its output goes in the bundle. */
export interface LogCommand {
  name: string;
  file: string;
  program: 'journalctl' | 'kubectl' | 'docker';
  args: string[];
  /** docker logs replays the container's stderr on its own stderr: both streams are the log. */
  isStderrLog: boolean;
}

/** `journalctl -u <unit> -o json --since @<epoch>`: journald's JSON export, one entry per line. */
export function journalCommand(unit: string, sinceMs: number): LogCommand {
  return {
    name: `logs/journal ${unit}`, file: `logs/journal-${slug(unit)}.log`, program: 'journalctl', isStderrLog: false,
    args: ['-u', unit, '-o', 'json', '--no-pager', `--since=@${Math.floor(sinceMs / 1000)}`],
  };
}

/** `kubectl logs -l <selector> --prefix --timestamps`; --tail=-1 because a selector otherwise means the last 10 lines. */
export function kubectlCommand(selector: string, sinceMs: number): LogCommand {
  return {
    name: `logs/kubectl ${selector}`, file: `logs/kubectl-${slug(selector)}.log`, program: 'kubectl', isStderrLog: false,
    args: ['logs', '-l', selector, '--prefix', '--timestamps', '--tail=-1', `--since-time=${new Date(sinceMs).toISOString()}`],
  };
}

/** `docker logs --timestamps <container>`. */
export function dockerCommand(container: string, sinceMs: number): LogCommand {
  return {
    name: `logs/docker ${container}`, file: `logs/docker-${slug(container)}.log`, program: 'docker', isStderrLog: true,
    args: ['logs', '--timestamps', '--since', new Date(sinceMs).toISOString(), container],
  };
}

export interface RunOptions {
  capBytes: number;
  timeoutMs: number;
  /** Program paths to use instead of looking each up in PATH (tests). */
  bin?: Partial<Record<LogCommand['program'], string>>;
}

interface RunResult { isMissing: boolean; code: number | null; stderr: string; isTimedOut: boolean }

function run(cmd: LogCommand, tail: Tail, o: RunOptions): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = spawn(o.bin?.[cmd.program] ?? cmd.program, cmd.args, { shell: false, stdio: ['ignore', 'pipe', 'pipe'] });
    const out = lineFeeder(tail);
    const err = cmd.isStderrLog ? lineFeeder(tail) : null;
    let stderr = '';
    let isTimedOut = false;
    const timer = setTimeout(() => {
      isTimedOut = true;
      child.kill('SIGTERM');
    }, o.timeoutMs);
    child.stdout.on('data', (b: Buffer) => out.write(b));
    child.stderr.on('data', (b: Buffer) => {
      if (err) err.write(b);
      else if (stderr.length < 4096) stderr += b.toString('utf8');
    });
    child.on('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      resolve({ isMissing: e.code === 'ENOENT', code: null, stderr: e.message, isTimedOut: false });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      out.end();
      err?.end();
      resolve({ isMissing: false, code, stderr, isTimedOut });
    });
  });
}

/** Run one log command and write its (newest, capped) output. */
export async function collectLogCommand(ctx: ItemContext, cmd: LogCommand, o: RunOptions): Promise<void> {
  const started = Date.now();
  const tail = new Tail(o.capBytes);
  const r = await run(cmd, tail, o);
  const command = [cmd.program, ...cmd.args];
  if (r.isMissing) {
    skipItem(ctx, cmd.name, null, `${cmd.program} is not installed on this host (or not in PATH)`);
    ctx.items[ctx.items.length - 1]!.command = command;
    return;
  }
  const item: ManifestItem = { name: cmd.name, url: null, command, file: null, status: null, error: null, outcome: 'ok', started_at: rfc3339(started), duration_ms: Date.now() - started };
  const firstErr = r.stderr.trim().split('\n')[0]?.slice(0, 300) ?? '';
  if (r.isTimedOut) item.error = `stopped after ${Math.round(o.timeoutMs / 1000)}s; the output so far is kept`;
  else if (r.code !== 0) item.error = `exit code ${r.code}${firstErr ? `: ${firstErr}` : ''}`;
  if (tail.total > 0) {
    const written = await ctx.staging.write(cmd.file, tail.data(), Date.now());
    Object.assign(item, { file: written.file, bytes: written.bytes });
    if (tail.isTruncated) Object.assign(item, { truncated: true, note: `newest ${size(written.bytes)} kept (cap ${size(o.capBytes)})` });
  } else if (!item.error) {
    item.note = 'no output (nothing logged in the window)';
  }
  if (item.error && tail.total === 0) item.outcome = 'failed';
  ctx.items.push(item);
  const detail = `${size(item.bytes ?? 0)}${item.truncated ? ' (newest part, capped)' : ''}${item.error ? `; ${item.error}` : ''}`;
  if (item.outcome === 'ok') ctx.progress.ok(cmd.name, detail);
  else ctx.progress.fail(cmd.name, detail);
}
