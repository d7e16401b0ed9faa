// The README's first sample and the cascade: the signing key is regenerated at a restart (key_path on an
// emptyDir), then every resource-server call with an older token fails with an unknown kid.
import { boot, shutdown } from '../boot.ts';
import { jq, jwks } from '../documents.ts';
import { asKeyA, asKeyC } from '../keys.ts';
import { failures } from '../rs.ts';
import { streamFor } from '../setup.ts';
import type { Scenario } from '../types.ts';
import { at, captureRs, pasteToken, realToken, tokenFor } from './kit.ts';

const RESTART = at(34, 12);
const UP = RESTART + 9_000;

export const cascade: Scenario[] = [
  {
    name: 'signing-key-regenerated',
    seed: 301,
    broken: 'The authserver pod restarted at 08:34 with signing.key_path on an emptyDir: `no signing key found, generating` on a non-first boot, a new kid, and the old key gone from the JWKS.',
    symptom: 'right after a pod restart every MCP call with an existing token gets 401 (`key "…" with algorithm ES256 not found in JWKS`) until clients re-authenticate.',
    setup: { pods: 1, tracing: true, snapshots: [30, 40, 50], keys: [asKeyC] },
    must_report: ['signing-key-regenerated', 'kid-unknown'],
    primary: 'signing-key-regenerated',
    must_not_report: ['jwks-empty', 'issuer-mismatch', 'audience-mismatch', 'db-unreachable', 'config-invalid'],
    prepare(w) {
      w.servers[0]!.down.push([RESTART, UP]);
      w.hooks.signingKid = (t) => (t < RESTART ? asKeyA.kid : asKeyC.kid);
      // Verifiers refetch the JWKS on an unknown kid and still do not find the old one.
      w.hooks.rsOutcome = (_w, call) => (call.t > UP && call.tok!.kid === asKeyA.kid ? failures.kidUnknown(asKeyA.kid) : null);
      w.state.jwksKids = [asKeyC.kid];
    },
    async apply(w) {
      const srv = w.servers[0]!;
      // The container before the restart keeps its own log (kubectl logs --previous).
      const prev = streamFor(w, 'k8s', srv.name, 'authserver', 'slog-json');
      prev.file = `logs/${srv.name}.previous.log`;
      prev.lines = srv.stream.lines.filter((l) => l.t < RESTART);
      srv.stream.lines = srv.stream.lines.filter((l) => l.t >= RESTART);
      w.streams.push(prev);
      const cur = srv.stream;
      srv.stream = prev;
      shutdown(w, srv, RESTART);
      srv.stream = cur;
      boot(w, srv, UP - 2_000, { generatedKid: asKeyC.kid, keyCount: 1 });
      w.keep(asKeyA.kid);
      w.keep(asKeyC.kid);
      // The operator's evidence: a JWKS captured before the restart, and one failing call with its token.
      w.files.push({ path: 'discovery/jwks-before-restart.json', content: jq(jwks([asKeyA.kid])), mtime: at(20) });
      const tok = tokenFor(w, at(31, 5), { kid: asKeyA.kid });
      const jwt = await realToken(w, tok, asKeyA);
      pasteToken(w, jwt, at(39));
      captureRs(w, at(39, 30), jwt, 401, `Bearer error="invalid_token", resource_metadata="https://mcp.acme.dev/.well-known/oauth-protected-resource/mcp"`,
        JSON.stringify({ error: 'invalid_token', error_description: `verifier: invalid claims: key "${asKeyA.kid}" with algorithm ES256 not found in JWKS` }));
    },
  },
];
