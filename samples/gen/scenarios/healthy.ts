// Healthy bundles: busy hours with normal noise (a routine key rotation with both keys in the JWKS,
// `verifier=invalid` code replays, bots hitting 404s) that must produce no error-level finding.
import { codeReplayNoise } from '../background.ts';
import { asKeyA, asKeyB } from '../keys.ts';
import type { Scenario } from '../types.ts';
import { adminRotate, at } from './kit.ts';

const ROTATED = at(22, 14);

export const healthy: Scenario[] = [
  {
    name: 'healthy-busy-k8s',
    seed: 101,
    broken: 'Nothing: three replicas under steady load, a routine admin key rotation at 08:22 with both keys still in the JWKS, two `verifier=invalid` code replays and scanner 404s.',
    symptom: 'nothing is wrong; the bundle was attached "just in case" after a rotation.',
    setup: { pods: 3, tracing: true, rate: 1.4, keys: [asKeyB, asKeyA], snapshots: [40, 50, 58] },
    must_report: [],
    primary: null,
    must_not_report: ['kid-unknown', 'signing-key-regenerated', 'unexpected-key-rotation', 'auth-code-reuse', 'jwks-empty', 'server-errors', 'sdk-not-wired'],
    healthy: true,
    prepare(w) {
      w.hooks.signingKid = (t) => (t < ROTATED ? asKeyA.kid : asKeyB.kid);
      (w.state.config.signing as Record<string, unknown>).key_store = 'postgres_key';
      w.state.config.data_encryption = { driver: 'aes_master', aes_master: { key_env: 'AUTHPLANE_DATA_KEY' } };
      w.state.env.AUTHPLANE_DATA_KEY = w.secret(w.rng.hex(64));
    },
    apply(w) {
      adminRotate(w, ROTATED, asKeyB.kid);
      codeReplayNoise(w, at(47, 3));
      w.keep(asKeyA.kid);
    },
  },
  {
    name: 'healthy-compose-text',
    seed: 102,
    broken: 'Nothing: docker compose, slog text logs, a Python MCP server, audit exported as NDJSON.',
    symptom: 'nothing is wrong; a routine support bundle.',
    setup: { deployment: 'compose', logFormat: 'slog-text', mcp: 'python', audit: 'ndjson', packaging: 'zip', storage: 'sqlite', snapshots: [50, 55] },
    must_report: [],
    primary: null,
    must_not_report: ['kid-unknown', 'auth-code-reuse', 'sdk-not-wired', 'server-errors', 'issuer-mismatch'],
    healthy: true,
    apply(w) {
      codeReplayNoise(w, at(31, 40));
    },
  },
  {
    name: 'healthy-systemd-journald',
    seed: 103,
    broken: 'Nothing: a systemd unit logging to journald (exported as JSON), a TS MCP server in Docker, audit as a CSV export; a plain directory bundle.',
    symptom: 'nothing is wrong; a routine support bundle.',
    setup: { deployment: 'systemd', mcp: 'ts', audit: 'csv', packaging: 'dir', storage: 'sqlite', snapshots: [45, 50, 55] },
    must_report: [],
    primary: null,
    must_not_report: ['kid-unknown', 'sdk-not-wired', 'www-authenticate-missing', 'server-errors', 'jwks-unavailable'],
    healthy: true,
  },
];
