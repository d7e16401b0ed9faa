// Assembles a world into bundle files: log streams (rendered, wrapped, merged per file), /metrics
// scrapes, audit dumps, the default documents (with scenario overrides) and extra captures.
import { auditFiles } from './audit-writer.ts';
import type { BundleFile } from './archive.ts';
import { BASE, MINUTE, fileStamp } from './clock.ts';
import { asMetadata, compact, configYaml, envFile, health, jq, jwks, systemStatus } from './documents.ts';
import { renderLine } from './render.ts';
import type { LogLine, Stream } from './types.ts';
import { wrap } from './wrappers.ts';
import type { World } from './world.ts';

/** Render streams; streams sharing a file (docker compose logs) are merged in time order. */
function logFiles(w: World, collected: number): BundleFile[] {
  const byFile = new Map<string, { stream: Stream; line: LogLine; seq: number }[]>();
  let seq = 0;
  for (const s of [...w.servers.map((x) => x.stream), w.mcp.stream, ...w.streams]) {
    if (!s.lines.length) continue;
    const list = byFile.get(s.file) ?? [];
    for (const line of s.lines) list.push({ stream: s, line, seq: seq++ });
    byFile.set(s.file, list);
  }
  const out: BundleFile[] = [];
  for (const [file, list] of byFile) {
    list.sort((a, b) => a.line.t - b.line.t || a.seq - b.seq);
    const text: string[] = [];
    list.forEach((e, i) => text.push(...wrap(e.stream, e.line, renderLine(e.stream.format, e.line), i)));
    out.push({ path: file, data: Buffer.from(`${text.join('\n')}\n`), mtime: collected });
  }
  return out;
}

function metricFiles(w: World): BundleFile[] {
  const out: BundleFile[] = [];
  const multi = w.servers.length > 1;
  for (const srv of w.servers) {
    w.setup.snapshots.forEach((m, i) => {
      const t = BASE + m * MINUTE;
      if (srv.down.some(([a, b]) => t >= a && t < b)) return;
      const path = multi ? `metrics/${srv.name}/metrics-${fileStamp(t)}.prom` : w.setup.deployment.startsWith('k8s') ? `metrics/metrics-${fileStamp(t)}.prom` : `metrics/metrics-${i + 1}.txt`;
      out.push({ path, data: Buffer.from(srv.metrics.scrape(t)), mtime: t });
    });
  }
  return out;
}

/** Default documents by path; null content means "left out". */
function documents(w: World, t: number): Map<string, string | null> {
  const d = new Map<string, string | null>();
  const srv = w.servers[0]!;
  d.set('health/health.json', compact(health(w, t)));
  d.set('health/ready.json', compact(w.state.health === 'degraded' ? { status: 'not_ready', time: health(w, t).time, db: 'error' } : { status: 'ready', time: health(w, t).time, db: 'ok' }));
  d.set('discovery/oauth-authorization-server.json', jq(asMetadata(w)));
  d.set('discovery/jwks.json', jq(jwks(w.state.jwksKids)));
  d.set('discovery/oauth-protected-resource.json', w.state.prm ? jq(w.state.prm) : null);
  d.set('admin/system-status.json', jq(systemStatus(w, srv.metrics.starts.length ? Math.floor((t - srv.metrics.starts.at(-1)!) / 1000) : 70 * 3600 + 1234)));
  d.set('admin/stats.json', compact({ clients: 14, users: 38, active_tokens_24h: 412, revoked_tokens: 12, connections: 3 }));
  d.set('config/config.yaml', configYaml(w));
  d.set('config/authplane.env', envFile(w));
  d.set('version.txt', `authserver ${srv.version}\n`);
  for (const [path, content] of w.overrides) d.set(path, content);
  return d;
}

/** Every file of the bundle, before packaging. */
export function bundleFiles(w: World): BundleFile[] {
  const collected = BASE + w.setup.collectedAt * MINUTE;
  const files = [...logFiles(w, collected), ...metricFiles(w)];
  if (w.auditDump) for (const [path, content] of auditFiles(w.auditRows, w.setup.audit)) files.push({ path, data: Buffer.from(content), mtime: collected });
  for (const [path, content] of documents(w, collected)) if (content !== null) files.push({ path, data: Buffer.from(content), mtime: collected });
  for (const f of w.files) files.push({ path: f.path, data: Buffer.isBuffer(f.content) ? f.content : Buffer.from(f.content), mtime: f.mtime });
  return files;
}
