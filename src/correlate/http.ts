// Access-line facts (authserver `http request` and MCP-server access lines) and the HttpIndex.
import type { LogRecord } from '../ingest/index.ts';
import { Interner, delta, i32, u16, u16w, u8 } from './columns.ts';
import { accessStatus } from './log-facts.ts';
import type { HttpIndex } from './model.ts';
import { inWindow, type Window } from './window.ts';

/** The host part of `ip:port` / `[v6]:port` (remote_addr is Go's r.RemoteAddr). */
export function remoteHost(addr: string): string {
  if (addr.startsWith('[')) {
    const end = addr.indexOf(']');
    return end > 0 ? addr.slice(1, end) : addr;
  }
  const colon = addr.lastIndexOf(':');
  // More than one colon without brackets is a bare IPv6 address: no port to strip.
  return colon > 0 && addr.indexOf(':') === colon ? addr.slice(0, colon) : addr;
}

/**
 * One row per access line: time, status, path, method, remote host and trace node. The rows are
 * read once at finish (HttpIndex, trace status) and then released: ~20 MB at 1 GB.
 */
export class HttpTable {
  ts = delta();
  status = u16();
  path = u16w();
  /** Method ids stay under 101 (the interner's cap). */
  method = u8();
  /** Remote host id + 1 (0: none), 2 bytes. */
  remote = u16w();
  node = i32();
  readonly paths = new Interner(50_000);
  readonly methods = new Interner(100);
  readonly remotes = new Interner(500_000);

  get count(): number {
    return this.ts.length;
  }

  add(r: LogRecord, status: number, node: number): void {
    this.ts.push(r.ts ?? Number.NaN);
    this.status.push(status);
    const a = r.attrs;
    this.path.push(this.paths.id(typeof a.path === 'string' ? a.path : typeof a['http.route'] === 'string' ? a['http.route'] : ''));
    this.method.push(this.methods.id(typeof a.method === 'string' ? a.method : ''));
    this.remote.push(typeof a.remote_addr === 'string' ? this.remotes.id(remoteHost(a.remote_addr)) + 1 : 0);
    this.node.push(node);
  }

  /** Drop the rows once the HttpIndex and the trace aggregates are built (the interners stay: summaries spell paths and methods). */
  releaseRows(): void {
    this.ts = delta();
    this.status = u16();
    this.path = u16w();
    this.method = u8();
    this.remote = u16w();
    this.node = i32();
  }

  /** Build the HttpIndex over the window; failures come from the retained (time-ordered) records. */
  finish(w: Window, retained: readonly LogRecord[]): HttpIndex {
    const byStatus = new Map<number, number>();
    const byPath = new Map<string, Map<number, number>>();
    const remotes = new Map<number, Map<string, number>>();
    let total = 0;
    for (let i = 0; i < this.count; i++) {
      if (!inWindow(w, this.ts.get(i))) continue;
      total++;
      const st = this.status.get(i);
      byStatus.set(st, (byStatus.get(st) ?? 0) + 1);
      const path = this.paths.values[this.path.get(i)]!;
      let p = byPath.get(path);
      if (!p) byPath.set(path, (p = new Map()));
      p.set(st, (p.get(st) ?? 0) + 1);
      const rid = this.remote.get(i) - 1;
      if (rid >= 0) {
        let m = remotes.get(st);
        if (!m) remotes.set(st, (m = new Map()));
        const host = this.remotes.values[rid]!;
        m.set(host, (m.get(host) ?? 0) + 1);
      }
    }
    const failures = retained.filter((r) => accessStatus(r) >= 400);
    return {
      total, byStatus, byPath,
      failures: () => [...failures],
      remoteAddrs(status) {
        if (status !== undefined) return new Map(remotes.get(status) ?? []);
        const all = new Map<string, number>();
        for (const m of remotes.values()) for (const [h, n] of m) all.set(h, (all.get(h) ?? 0) + n);
        return all;
      },
    };
  }
}
