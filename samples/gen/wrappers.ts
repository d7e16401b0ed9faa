// Container-log wrappers around rendered lines: kubectl --prefix --timestamps, docker json-file,
// CRI (with `P` partial lines), journald JSON export and docker compose prefixes.
import { iso9, journalMicros } from './clock.ts';
import type { LogLine, Stream } from './types.ts';

/** Wrap the physical lines of one event as the stream's collector wrote them. */
export function wrap(stream: Stream, l: LogLine, lines: string[], seq: number): string[] {
  const ts = iso9(l.t, l.nanos);
  const out: string[] = [];
  for (const text of lines) {
    switch (stream.wrapper) {
      case 'none':
        out.push(text);
        break;
      case 'kubectl':
        out.push(`[pod/${stream.pod}/${stream.container}] ${ts} ${text}`);
        break;
      case 'docker-json':
        out.push(`{"log":${JSON.stringify(`${text}\n`)},"stream":"${l.stderr ? 'stderr' : 'stdout'}","time":"${ts}"}`);
        break;
      case 'cri': {
        const s = l.stderr ? 'stderr' : 'stdout';
        if (l.partial && text.length > 40) {
          const cut = Math.floor(text.length / 2);
          out.push(`${ts} ${s} P ${text.slice(0, cut)}`, `${ts} ${s} F ${text.slice(cut)}`);
        } else out.push(`${ts} ${s} F ${text}`);
        break;
      }
      case 'journald':
        out.push(journal(stream, l, text, seq));
        break;
      case 'compose':
        out.push(`${stream.container}  | ${text}`);
        break;
    }
  }
  return out;
}

function journal(stream: Stream, l: LogLine, text: string, seq: number): string {
  const micros = journalMicros(l.t, l.nanos);
  const rec = {
    __CURSOR: `s=3f1c2a9e0b4d4e7f8a6b5c4d3e2f1a0b;i=${(0x1a2b3c + seq).toString(16)};b=8c1f0e2d3c4b5a69788796a5b4c3d2e1;m=${(1_234_567_890 + seq * 1000).toString(16)};t=${BigInt(micros).toString(16)};x=${(seq * 2654435761 % 4294967296).toString(16)}`,
    __REALTIME_TIMESTAMP: micros,
    __MONOTONIC_TIMESTAMP: String(1_234_567_890 + seq * 1000),
    _BOOT_ID: '8c1f0e2d3c4b5a69788796a5b4c3d2e1',
    PRIORITY: l.stderr ? '3' : '6',
    SYSLOG_FACILITY: '3',
    _UID: '998',
    _GID: '998',
    _TRANSPORT: 'stdout',
    _HOSTNAME: stream.pod,
    SYSLOG_IDENTIFIER: stream.container,
    _COMM: stream.container,
    _EXE: `/usr/local/bin/${stream.container}`,
    _SYSTEMD_UNIT: `${stream.container}.service`,
    _PID: '812',
    MESSAGE: text,
  };
  return JSON.stringify(rec);
}
