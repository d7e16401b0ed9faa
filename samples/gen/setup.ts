// Default deployment setup and the world it creates: server processes with their log streams and
// metric recorders, and the MCP server, laid out as each deployment style's collector names files.
import { asKeyA } from './keys.ts';
import { MetricsRecorder } from './metrics.ts';
import { initConfig } from './documents.ts';
import type { Deployment, LogFormat, McpKind, Setup, Stream, Wrapper } from './types.ts';
import { World, type Server } from './world.ts';

/** The setup every scenario starts from. */
export const DEFAULT_SETUP: Setup = {
  issuer: 'https://auth.acme.dev',
  resource: 'https://mcp.acme.dev/mcp',
  version: '0.2.2',
  deployment: 'k8s',
  logFormat: 'slog-json',
  tracing: false,
  pods: 1,
  mcp: 'go',
  audit: 'array',
  packaging: 'tgz',
  snapshots: [45, 55],
  keys: [asKeyA],
  storage: 'postgres',
  scopes: ['tools/read', 'tools/write'],
  rate: 1,
  collectedAt: 61,
};

const WRAPPER: Record<Deployment, Wrapper> = { k8s: 'kubectl', 'k8s-cri': 'cri', compose: 'compose', docker: 'docker-json', systemd: 'journald' };
const MCP_FORMAT: Record<McpKind, LogFormat> = { go: 'slog-text', python: 'python', 'python-json': 'python-json', ts: 'console' };

function suffix(w: World): string {
  return Array.from({ length: 5 }, () => w.rng.pick([...'bcdfghjklmnpqrstvwxz2456789'])).join('');
}

/** The file a process's log lands in for a deployment style. */
export function streamFor(w: World, dep: Deployment, pod: string, container: string, format: LogFormat): Stream {
  const wrapper = WRAPPER[dep];
  let file: string;
  switch (dep) {
    case 'k8s': file = `logs/${pod}.log`; break;
    case 'k8s-cri': file = `var/log/pods/authplane_${pod}_${w.rng.uuid()}/${container}/0.log`; break;
    case 'compose': file = 'docker-compose-logs.txt'; break;
    case 'docker': { const id = w.rng.hex(64); file = `containers/${id}/${id}-json.log`; break; }
    case 'systemd': file = `journal/${container}.json`; break;
  }
  return { file, format, wrapper, pod, container, lines: [] };
}

/** Build the world: servers, MCP server, config state and document state. */
export function createWorld(name: string, seed: number, setup: Setup): World {
  const w = new World(name, seed, setup);
  const rs = setup.replicaSet ?? `${w.rng.hex(9).replace(/^[0-9]/, '7')}`;
  for (let i = 0; i < setup.pods; i++) {
    const dep = setup.deployment;
    const pod = dep === 'systemd' ? `auth-${i + 1}` : dep === 'compose' ? `authserver-${i + 1}` : `authserver-${rs}-${suffix(w)}`;
    const container = dep === 'compose' ? pod : dep === 'systemd' ? 'authserver' : 'authserver';
    const stream = streamFor(w, dep, pod, container, setup.logFormat);
    if (dep === 'systemd' && setup.pods > 1) stream.file = `journal/${pod}-authserver.json`;
    const srv: Server = {
      name: pod, version: setup.version, stream, ip: `10.42.${i + 1}.${w.rng.int(10, 250)}`, down: [],
      metrics: new MetricsRecorder(70 + i * 3, {
        service_instance_id: pod, service_name: 'authserver', service_version: setup.version,
        telemetry_sdk_language: 'go', telemetry_sdk_name: 'opentelemetry', telemetry_sdk_version: '1.38.0',
      }),
    };
    w.servers.push(srv);
  }
  const mcpDep: Deployment = setup.deployment === 'systemd' ? 'docker' : setup.deployment;
  const mcpPod = mcpDep === 'compose' ? 'notes-mcp-1' : `notes-mcp-${w.rng.hex(9).replace(/^[0-9]/, '5')}-${suffix(w)}`;
  const mcpStream = streamFor(w, mcpDep, mcpPod, mcpDep === 'compose' ? 'notes-mcp-1 ' : 'notes-mcp', MCP_FORMAT[setup.mcp]);
  w.mcp = { name: mcpPod, stream: mcpStream, clockOffset: 0, ip: `10.42.7.${w.rng.int(10, 250)}` };
  initConfig(w);
  w.state.asIssuer = setup.issuer;
  w.state.scopesSupported = [...setup.scopes, 'notes/admin'];
  w.state.jwksKids = setup.keys.map((k) => k.kid);
  return w;
}
