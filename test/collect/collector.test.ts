import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collect, type CollectResult, type Manifest } from '../../src/collect/index.ts';
import { optionsFor, readBundle, type BundleFile } from './bundle-files.ts';
import { ADMIN_KEY, AS_METADATA, JWKS, refusedPort, startFake, type Fake } from './fake-authplane.ts';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'forensic-collect-test-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const parse = (f: BundleFile | undefined): unknown => JSON.parse(f?.text ?? 'null');
const manifestOf = (files: Map<string, BundleFile>) => parse(files.get('manifest.json')) as Manifest;

describe('collect from a healthy deployment (private unredacted copy)', () => {
  let fake: Fake;
  let files: Map<string, BundleFile>;
  let result: CollectResult;
  let started: number;
  let ended: number;
  const lines: string[] = [];

  beforeAll(async () => {
    fake = await startFake({ auditRows: 5, isSlowDownOnce: true });
    const out = join(dir, 'healthy-plain.tgz');
    started = Date.now();
    result = await collect(optionsFor(fake, out, lines, { isRedacted: false }));
    ended = Date.now();
    files = await readBundle(out);
  });
  afterAll(() => fake.close());

  it('writes each public document as the body AuthPlane served', () => {
    expect(parse(files.get('public/health.json'))).toEqual({ status: 'ok', time: '2026-10-03T09:20:00Z', db: 'ok' });
    expect(parse(files.get('public/ready.json'))).toEqual({ status: 'ready', time: '2026-10-03T09:20:00Z', db: 'ok' });
    expect(parse(files.get('public/livez.json'))).toEqual({ status: 'alive', time: '2026-10-03T09:20:00Z' });
    expect(parse(files.get('public/oauth-authorization-server.json'))).toEqual(AS_METADATA);
    expect(parse(files.get('public/openid-configuration.json'))).toEqual(AS_METADATA);
    expect(parse(files.get('public/jwks.json'))).toEqual(JWKS);
  });

  it('writes the admin status documents fetched with the key', () => {
    expect(parse(files.get('admin/system-status.json'))).toMatchObject({ version: '0.2.2', uptime_secs: 93784 });
    expect(parse(files.get('admin/system-config.json'))).toMatchObject({ notices: [] });
    expect(parse(files.get('admin/stats.json'))).toEqual({ clients: 3, users: 12, active_tokens_24h: 40, revoked_tokens: 2, connections: 0 });
  });

  it('scrapes /metrics twice, an interval apart, each stamped with its scrape time', () => {
    const one = files.get('admin/metrics-1.prom')!.text;
    const two = files.get('admin/metrics-2.prom')!.text;
    expect(one).toMatch(/^# scraped at \d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z\n# HELP authserver_tokens_issued_total/);
    expect(one).toContain('authserver_tokens_issued_total{grant_type="authorization_code"} 42\n');
    expect(two).toContain('authserver_tokens_issued_total{grant_type="authorization_code"} 44\n');
    const at = (t: string) => Date.parse(/^# scraped at (\S+)/.exec(t)![1]!);
    expect(at(two) - at(one)).toBeGreaterThanOrEqual(200);
  });

  it('pages the audit trail until an empty page, retrying the page that got 429 slow_down', () => {
    const audit = fake.requests.filter((r) => r.path === '/admin/audit');
    expect(audit.map((r) => r.query.get('offset'))).toEqual(['0', '0', '2', '4', '5']);
    expect(audit.every((r) => r.query.get('limit') === '2' && r.query.get('since'))).toBe(true);
    const pages = [...files.keys()].filter((f) => f.startsWith('admin/audit-page-')).sort();
    expect(pages).toEqual(['admin/audit-page-000.json', 'admin/audit-page-001.json', 'admin/audit-page-002.json']);
    expect(pages.map((p) => (parse(files.get(p)) as unknown[]).length)).toEqual([2, 2, 1]);
    const throttled = result.manifest.items.find((i) => i.status === 429);
    expect(throttled).toMatchObject({ name: 'admin/audit page 0', file: null, outcome: 'http-error' });
    expect(throttled?.note).toContain('slow_down');
  });

  it('asks for the audit window given with --since', () => {
    const since = fake.requests.find((r) => r.path === '/admin/audit')!.query.get('since')!;
    const back = started - Date.parse(since);
    expect(back).toBeGreaterThanOrEqual(24 * 3_600_000 - 60_000);
    expect(back).toBeLessThanOrEqual(24 * 3_600_000 + 60_000);
  });

  it('sends the admin key to the admin documents only, never to /metrics, the public port or the MCP server', () => {
    const withKey = fake.requests.filter((r) => r.authorization !== undefined).map((r) => `${r.port} ${r.path}`);
    expect(new Set(withKey)).toEqual(new Set(['admin /admin/system/status', 'admin /admin/system/config', 'admin /admin/stats', 'admin /admin/audit']));
  });

  it("records the MCP server's 401 with its WWW-Authenticate, then the PRM it advertises", () => {
    const probe = [...files.entries()].find(([k]) => k.startsWith('exchanges/resource-') && k.endsWith('unauthenticated.http'))?.[1].text ?? '';
    expect(probe).toMatch(/^\$ curl -si -H 'Accept: application\/json, text\/event-stream' 'http:\/\/127\.0\.0\.1:\d+\/mcp'\nHTTP\/1\.1 401 Unauthorized\n/);
    expect(probe).toMatch(/\nwww-authenticate: Bearer resource_metadata="http:\/\/127\.0\.0\.1:\d+\/\.well-known\/oauth-protected-resource\/mcp"\n/);
    const prm = [...files.entries()].find(([k]) => k.endsWith('/prm.json'))?.[1];
    expect(parse(prm)).toMatchObject({ resource: fake.mcpUrl, authorization_servers: ['https://auth.example.com'] });
  });

  it('writes a manifest naming every item, where it came from and where it went', () => {
    const m = manifestOf(files);
    expect(m).toMatchObject({ tool: 'forensic', version: '0.1.0-test', redacted: false });
    expect(m.collected_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    const names = m.items.map((i) => i.name);
    for (const n of ['admin/metrics-1', 'public/health', 'public/ready', 'public/livez', 'public/oauth-authorization-server',
      'public/openid-configuration', 'public/jwks', 'admin/system-status', 'admin/system-config', 'admin/stats', 'admin/metrics-2']) {
      expect(names).toContain(n);
    }
    expect(m.items.find((i) => i.name === 'public/jwks')).toMatchObject({ url: `${fake.publicUrl}/.well-known/jwks.json`, file: 'public/jwks.json', status: 200, error: null, outcome: 'ok' });
    for (const i of m.items) if (i.file) expect(files.has(i.file)).toBe(true);
  });

  it('stamps each file with the time it was fetched', () => {
    const t = files.get('public/health.json')!.mtime;
    // tar keeps whole seconds
    expect(t).toBeGreaterThanOrEqual(Math.floor(started / 1000) * 1000);
    expect(t).toBeLessThanOrEqual(ended);
  });

  it('prints one progress line per item', () => {
    expect(lines).toContainEqual(expect.stringMatching(/^✔ public\/health 200 \d+ms\n$/));
    expect(lines).toContainEqual(expect.stringMatching(/^✔ admin\/metrics-2 200 \d+ms\n$/));
    expect(lines.filter((l) => /^[✔✘-] /.test(l))).toHaveLength(result.manifest.items.length);
  });
});

describe('collect with redaction (the default)', () => {
  let fake: Fake;
  let files: Map<string, BundleFile>;
  const lines: string[] = [];

  beforeAll(async () => {
    fake = await startFake({ auditRows: 3 });
    const out = join(dir, 'healthy-redacted.tgz');
    await collect(optionsFor(fake, out, lines));
    files = await readBundle(out);
  });
  afterAll(() => fake.close());

  it('never writes the admin key into the bundle, the manifest or the progress lines', () => {
    expect(files.size).toBeGreaterThan(10);
    for (const [name, f] of files) expect(`${name}\n${f.text}`).not.toContain(ADMIN_KEY);
    expect(lines.join('')).not.toContain(ADMIN_KEY);
  });

  it('marks the manifest as redacted and still says where the key came from', () => {
    expect(manifestOf(files)).toMatchObject({ redacted: true, options: { admin_key_source: 'env' } });
  });

  it('pseudonymizes the user ids in the audit pages', () => {
    const page = files.get('admin/audit-page-000.json')!.text;
    expect(page).toContain('token.issued');
    expect(page).not.toContain('user-42');
  });
});

describe('collect from a deployment that is down or half-broken', () => {
  let fake: Fake;
  afterAll(() => fake?.close());

  it('records refused connections as curl errors and still writes the bundle', async () => {
    const down = await refusedPort();
    const port = new URL(down).port;
    const lines: string[] = [];
    fake = await startFake();
    const out = join(dir, 'down.tgz');
    const r = await collect(optionsFor(fake, out, lines, { publicUrl: down, adminUrl: down, resources: [] }));
    const files = await readBundle(out);
    expect(files.get('exchanges/public-health.http')?.text).toMatch(
      new RegExp(`^\\$ curl -si '${down}/health'\\ncurl: \\(7\\) Failed to connect to 127\\.0\\.0\\.1 port ${port} after \\d+ ms: Connection refused\\n$`));
    expect(files.has('public/health.json')).toBe(false);
    expect(r.manifest.items.find((i) => i.name === 'public/health')).toMatchObject({ status: null, error: 'connection refused', outcome: 'failed', file: 'exchanges/public-health.http' });
    expect(r.manifest.items.find((i) => i.name === 'admin/metrics-2')).toMatchObject({ outcome: 'skipped', error: 'the first /metrics scrape failed' });
    expect(lines).toContain('✘ admin/metrics-1 connection refused\n');
  });

  it('records a request that never answers as a timeout and moves on', async () => {
    const slow = await startFake({ hangPaths: ['/livez'] });
    try {
      const out = join(dir, 'hang.tgz');
      const r = await collect(optionsFor(slow, out, [], { timeoutMs: 300, resources: [] }));
      const files = await readBundle(out);
      expect(files.get('exchanges/public-livez.http')?.text).toMatch(/\ncurl: \(28\) Operation timed out after \d+ milliseconds with 0 bytes received\n$/);
      expect(r.manifest.items.find((i) => i.name === 'public/livez')).toMatchObject({ error: 'timeout', outcome: 'failed' });
      expect(files.has('public/jwks.json')).toBe(true);
    } finally {
      await slow.close();
    }
  });

  it('keeps a 503 degraded /health as a capture with its status line and body', async () => {
    const sick = await startFake({ isDegraded: true });
    try {
      const out = join(dir, 'degraded.tgz');
      await collect(optionsFor(sick, out, [], { resources: [] }));
      const text = (await readBundle(out)).get('exchanges/public-health.http')?.text ?? '';
      expect(text).toMatch(/^\$ curl -si '[^']+\/health'\nHTTP\/1\.1 503 Service Unavailable\n/);
      expect(text).toContain('\ncontent-type: application/json\n');
      expect(text.trimEnd().split('\n').at(-1)).toBe('{"status":"degraded","time":"2026-10-03T09:20:00Z","db":"error"}');
    } finally {
      await sick.close();
    }
  });

  it('skips the admin documents and the audit trail without a key, and says how to give one', async () => {
    const open = await startFake({ auditRows: 2 });
    try {
      const out = join(dir, 'nokey.tgz');
      const r = await collect(optionsFor(open, out, [], { adminKey: null, adminKeySource: 'none', resources: [] }));
      const skipped = r.manifest.items.filter((i) => i.outcome === 'skipped').map((i) => i.name);
      expect(skipped).toEqual(['admin/system-status', 'admin/system-config', 'admin/stats', 'admin/audit']);
      expect(r.manifest.items.find((i) => i.name === 'admin/audit')?.error).toContain('AUTHPLANE_ADMIN_API_KEY');
      expect(open.requests.filter((q) => q.path.startsWith('/admin/'))).toEqual([]);
      expect(r.manifest.items.find((i) => i.name === 'admin/metrics-2')?.outcome).toBe('ok');
    } finally {
      await open.close();
    }
  });

  it('keeps every failed PRM location when the MCP server serves none', async () => {
    const bare = await startFake({ hasPrm: false });
    try {
      const out = join(dir, 'noprm.tgz');
      const r = await collect(optionsFor(bare, out, []));
      const files = await readBundle(out);
      const prm = r.manifest.items.filter((i) => /\/prm(-\d)?$/.test(i.name));
      expect(prm.map((i) => [new URL(i.url!).pathname, i.status])).toEqual([
        ['/.well-known/oauth-protected-resource/mcp', 404], ['/.well-known/oauth-protected-resource', 404],
      ]);
      for (const i of prm) expect(files.get(i.file!)?.text).toContain('HTTP/1.1 404 Not Found');
    } finally {
      await bare.close();
    }
  });
});
