// Checklist step 7, server side: a panic behind a 5xx ratio, slow token issuance on a starved
// database pool, and a Vault transit signer whose token stopped renewing.
import type { Scenario } from '../types.ts';
import { at, spread } from './kit.ts';

const VAULT_403 = 'vault transit/sign/authserver-signing: status 403: {"errors":["permission denied"]}';

export const step7server: Scenario[] = [
  {
    name: 'server-errors',
    seed: 271,
    broken: 'A nil-pointer bug in the introspection handler panics on tokens without `client_id`: every introspection from billing-agent returns 500 from 08:30.',
    symptom: 'introspection fails with 500 and `panic recovered`; the 5xx ratio is far above 5%.',
    setup: { pods: 2, snapshots: [25, 45, 55] },
    must_report: ['server-errors'],
    primary: 'server-errors',
    must_not_report: ['db-unreachable', 'signer-unavailable', 'slow-token-issuance'],
    apply(w) {
      for (const t of spread(at(30), at(59), 170)) {
        const srv = w.pick(t);
        w.http(srv, t, { method: 'POST', path: '/oauth/introspect', status: 500, remote: `10.42.5.61:${w.rng.int(40000, 60000)}`, ua: 'billing-agent/3.2 (Go-http-client/1.1)', ms: 1, bytes: 22 }, (q) =>
          w.log(srv, t + 1, 'ERROR', 'panic recovered', [['panic', 'runtime error: invalid memory address or nil pointer dereference'], ['method', 'POST'], ['path', '/oauth/introspect']], { component: 'http', req: q }));
      }
    },
  },
  {
    name: 'slow-token-issuance',
    seed: 272,
    broken: 'A nightly batch holds most of the Postgres pool from 08:35 (max_conns 25): token issuance waits for connections and p99 goes past 2 s.',
    symptom: 'logins and refreshes take 3–8 s; `TokenIssuanceP99Slow` would fire; `authserver_db_operation_duration_seconds` is slow too.',
    setup: { snapshots: [30, 45, 55] },
    must_report: ['slow-token-issuance'],
    primary: 'slow-token-issuance',
    must_not_report: ['db-unreachable', 'server-errors', 'signer-unavailable'],
    apply(w) {
      const srv = w.servers[0]!;
      for (const t of spread(at(35), at(59), 60)) {
        const ms = w.rng.int(2600, 8200);
        const client = w.rng.pick(w.clients);
        const user = w.rng.pick(w.users);
        w.http(srv, t, { method: 'POST', path: '/oauth/token', status: 200, remote: w.remoteFor(user), ua: client.ua, ms }, (q) =>
          w.log(srv, t + ms - 3, 'INFO', 'tokens refreshed', [['client_id', client.id], ['user_id', user.id], ['family_id', w.rng.b64url(22)], ['token_type', 'Bearer']], { component: 'token', req: q }));
        srv.metrics.inc(t + ms, 'authserver_tokens_refreshed_total');
        srv.metrics.observe(t + ms, 'authserver_token_issuance_duration_seconds', { grant_type: 'refresh_token' }, ms / 1000);
        srv.metrics.observe(t + ms - 10, 'authserver_db_operation_duration_seconds', { op: 'refresh_tokens.rotate' }, (ms - 40) / 1000);
      }
    },
  },
  {
    name: 'signer-unavailable',
    seed: 273,
    broken: 'The Vault token used for transit signing lost its renew permission: `vault token renewal failed` from 08:20, and once it expired at 08:41 every signature fails with 403.',
    symptom: 'token requests fail with 500 `server_error` from 08:41; logs show `vault transit/sign/authserver-signing: status 403`.',
    setup: { snapshots: [30, 45, 55] },
    must_report: ['signer-unavailable'],
    primary: 'signer-unavailable',
    must_not_report: ['db-unreachable', 'jwks-empty', 'slow-token-issuance'],
    prepare(w) {
      w.state.config.signing = { algorithm: 'ES256', key_store: 'vault_transit', vault_transit: { address: 'https://vault.acme.internal:8200', token: w.secret(`hvs.${w.rng.b64url(24)}`), mount: 'transit', key_name: 'authserver-signing' } };
      w.hooks.asError = (t, kind) => (t > at(41, 2) && kind === 'token' ? { status: 500, msg: 'token endpoint error', error: VAULT_403 } : null);
    },
    apply(w) {
      const srv = w.servers[0]!;
      for (const t of spread(at(20), at(59), 8)) w.log(srv, t, 'WARN', 'vault token renewal failed', [['error', 'vault auth/token/renew-self: status 403: {"errors":["permission denied"]}']], { component: 'vault-client' });
    },
  },
];
