// authserver boot and shutdown sequences: `starting authserver`, the multi-line feature self-check,
// feature and warning lines, signing-key load or generation, JWKS reload and the listeners.
import { Dur } from './render.ts';
import type { Server, World } from './world.ts';

export interface BootOpts {
  version?: string;
  issuer?: string;
  /** Kid generated at this boot (`no signing key found, generating`), else existing keys are loaded. */
  generatedKid?: string;
  keyCount?: number;
  /** Extra WARN lines right after the self-check (exact authserver messages). */
  warnings?: string[];
  requireNonce?: boolean;
  /** Replace the JWKS reload line (e.g. an initial reload failure). */
  jwksReloadError?: string;
}

const CHECK: [string, string, string][] = [
  ['data_encryption', 'disabled', 'data_encryption.driver not set'],
  ['connect', 'enabled', '1 provider(s): github'],
  ['token_exchange', 'enabled', 'max_chain_depth=5'],
  ['client_credentials', 'enabled', 'token_expiry=1h0m0s'],
  ['dpop', 'enabled', 'proof_lifetime=1m0s'],
  ['dcr', 'enabled', 'mode=open'],
  ['resources', 'enabled', '2 seeded'],
  ['xaa', 'disabled', 'xaa.enabled=false'],
  ['default_client_scope', 'disabled', 'oauth.default_client_scope not set'],
];

/** Self-check table: one record whose msg spans several lines. */
export function selfCheck(): string {
  return ['=== authserver feature self-check ===', ...CHECK.map(([n, s, d]) => `  ${n.padEnd(22)}${s.padEnd(15)}${d}`)].join('\n');
}

/** Write a boot sequence starting at t; returns the time the server is listening. */
export function boot(w: World, srv: Server, t: number, o: BootOpts = {}): number {
  let at = t;
  const step = () => (at += w.rng.int(1, 40));
  w.log(srv, at, 'INFO', 'starting authserver', [['version', o.version ?? srv.version], ['issuer', o.issuer ?? w.state.asIssuer], ['address', ':9000']]);
  w.log(srv, step(), 'INFO', selfCheck());
  for (const warn of o.warnings ?? []) w.log(srv, step(), 'WARN', warn);
  w.log(srv, step(), 'INFO', 'DPoP enabled', [['proof_lifetime', new Dur(60e9)], ['require_nonce', o.requireNonce ?? false]]);
  w.log(srv, step(), 'INFO', 'client_credentials grant enabled', [['token_expiry', new Dur(3600e9)]]);
  w.log(srv, step(), 'INFO', 'token exchange grant enabled', [['max_chain_depth', 5], ['token_expiry', new Dur(3600e9)], ['allow_self_exchange', false]]);
  w.log(srv, step(), 'INFO', 'upstream-connection support enabled');
  w.log(srv, step(), 'WARN', 'dynamic client registration is open to unauthenticated callers',
    [['config_key', 'dcr.mode'], ['effective', 'open'], ['alternatives', 'admin_only,approved_redirects'], ['note', 'any caller can register a client; consider admin_only in production']]);
  if (o.generatedKid) {
    w.log(srv, step(), 'INFO', 'no signing key found, generating', [['algorithm', 'ES256']], { component: 'jwks' });
    w.log(srv, step(), 'INFO', 'saved new signing key', [['kid', o.generatedKid], ['alg', 'ES256']], { component: 'jwks' });
  }
  if (o.jwksReloadError) w.log(srv, step(), 'WARN', 'initial JWKS reload failed (will retry on first request)', [['error', o.jwksReloadError]], { component: 'jwks' });
  else w.log(srv, step(), 'INFO', 'JWKS cache reloaded', [['key_count', o.keyCount ?? w.state.jwksKids.length], ['duration', new Dur(w.rng.int(300_000, 2_400_000))]], { component: 'jwks' });
  w.log(srv, step(), 'INFO', 'http server listening', [['addr', ':9000']]);
  w.log(srv, step(), 'INFO', 'admin server listening', [['addr', ':9001']]);
  srv.metrics.starts.push(t);
  return at;
}

/** Graceful shutdown lines (SIGTERM from a rollout or `systemctl stop`). */
export function shutdown(w: World, srv: Server, t: number): void {
  w.log(srv, t, 'INFO', 'shutting down');
  w.log(srv, t + w.rng.int(200, 1500), 'INFO', 'stopped gracefully');
}
