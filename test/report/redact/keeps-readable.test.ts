// What a maintainer needs stays byte for byte, next to the new identity and host rules: ids,
// AuthPlane error codes, metric and audit action names, ports, AuthPlane's public doc links.
import { describe, expect, it } from 'vitest';
import { createRedactor } from '../../../src/report/index.ts';

const OWN = ['https://auth.acme-corp.io'];

describe('redactor: keeps what a maintainer debugs with', () => {
  const lines: [string, string][] = [
    ['ids on a slog line', 'time=2026-10-03T09:16:11Z level=WARN msg="refresh token reuse detected — family revoked" trace_id=4bf92f3577b34da6a3ce929d0e0e4736 request_id=9f2c4e1ab0d34c6e8a1f0b2c3d4e5f60 family_id=fam_01HZX3Q9M2'],
    ['error codes', 'level=ERROR msg="token issuance failed" error=ErrInvalidPKCE code=invalid_grant status=400'],
    ['OAuth error body with a description', '{"error":"invalid_target","error_description":"resource is not registered"}'],
    ['metric sample', 'authserver_refresh_token_reuse_total{client_id="claude-code"} 3'],
    ['audit action names', 'action=family.revoked detail="reuse_detection family=fam_01HZX3Q9M2" action=token.introspect_denied'],
    ['ports and loopback', 'listening on :9000 (public) and 127.0.0.1:9001 (admin), [::1]:9001'],
    ['AuthPlane docs link', 'see https://docs.authplane.dev/reference/error-codes#invalid_grant and https://github.com/AuthPlane/authserver/issues/12'],
    ['Python SDK logger names', '2026-10-03 09:15:05,310 authplane.internal.metadata INFO Extracted jwks_uri from AS metadata'],
    ['a kid and a JWKS path', 'level=WARN msg="unknown kid" kid=Zk3v9Qm1Xc2b7T0aL4pR8w jwks_uri=http://localhost:9000/.well-known/jwks.json'],
    ['a public client id', 'level=INFO msg="tokens issued" client_id=claude-code token_type=DPoP'],
    ['config keys about secrets', 'session.secret is required; set AUTHPLANE_SESSION_SECRET or session.secret_file'],
    ['a health state and a signature verdict', 'level=INFO msg="health" state=degraded db=ok signature=valid'],
    ['a PKCE method', 'GET /oauth/authorize?response_type=code&code_challenge_method=S256&client_id=claude-code'],
    ['a hex trace id alone on a line', '4bf92f3577b34da6a3ce929d0e0e4736'],
    ['a key directory and a mixed-case file path', 'open /var/lib/authserver/keys/SigningKeyBackup2024/current.pem: no such file or directory'],
    ['the public members of a JWK', '{"kty":"EC","kid":"k1","crv":"P-256","x":"pPUABT6NC1XTfivwBv2MFnSWTOuaeuUpBMVjJVWGkA","y":"Q3x9bW7cP1rT0aL4pR8wZk3v9Qm1Xc2b7T0aL4pR8wZ","alg":"ES256"}'],
    ['command-line flags that are not secrets', 'exec: authserver --config /etc/authplane/config.yaml --token-file /run/secrets/token -u 1000 --key-path /var/lib/authserver/keys'],
    ['the kid in an audit detail about a key rotation', 'action=signing_key.rotated detail="admin rotated signing key: LBMtndoRYB2RkMiPtmOVIA"'],
    ['a kid after "signing key" in prose, and words after "access key"', 'loaded signing key LBMtndoRYB2RkMiPtmOVIA; the access key policy is enforced_for_all_clients'],
    ['a formula in prose', 'code_challenge = base64url(SHA-256(code_verifier)) with S256'],
    ['settings assigned with spaces', 'max_conns = 25, require_scope = false, retries = 3'],
    ['a sha256 digest and a UUID', 'image sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08 user 5691b51c-447b-4554-8ab8-6ceba2ff7136'],
    ['a thumbprint kid after "unknown kid" and "thumbprint"', 'level=WARN msg="verify failed: unknown kid NzbLsXh8uDCcd6MNwXF4W7noWXFZAfHkxZsRGC9Xs" note="key thumbprint: Q3x9bW7cP1rT0aL4pR8wZk3v9Qm1Xc2b7T0aL4pR8wZ"'],
    ['a DPoP key thumbprint and an access token hash', 'level=INFO msg="dpop proof accepted" jkt=0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I ath=fUHyO2r2Z3DZ53EsNrWBb0xWXoaNy59IiKCAqksmQEo'],
    ['thumbprint kids under names that end in kid, jkt, thumbprint or key id', 'level=WARN msg="kid mismatch" old_kid=NzbLsXh8uDCcd6MNwXF4W7noWXFZAfHkxZsRGC9Xs4I token_kid=0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I dpop_jkt=fUHyO2r2Z3DZ53EsNrWBb0xWXoaNy59IiKCAqksmQEo signing_key_id=Q3x9bW7cP1rT0aL4pR8wZk3v9Qm1Xc2b7T0aL4pR8wZ'],
    ['a thumbprint kid in a Go struct dump', 'loaded {Kid:NzbLsXh8uDCcd6MNwXF4W7noWXFZAfHkxZsRGC9Xs4I Alg:ES256 Use:sig}'],
    ['counts and limits named after tokens and passwords', '{"revoked_tokens":150000,"max_tokens":4096,"password_max_attempts":5} MAX_TOKENS=4096 password_history=12 password_hash_cost=12'],
    ['HTML around a word and an error code', '<p>Retry with <code>invalid_grant</code> handled; see <li>token</li> and <token>expired</token></p>'],
    ['an S3 listing with an object key', '<Contents><Key>backups/authplane-2026-10.sql</Key><Size>1048576</Size></Contents>'],
    ['variable references in place of secrets', 'environment: - SESSION_SECRET=${SESSION_SECRET:-} DB_PASSWORD=$DB_PASSWORD'],
    ['a variable, a path, an algorithm and an object named after a key or secret', 'master key set to AUTHPLANE_DEK_V2; KEK is transit/keys/authplane-kek; Error: secret authplane-secrets-v2 not found'],
    ['an algorithm after DEK:', 'DEK: aes-256-gcm'],
    ['a password left out, in brackets', 'password is (hidden)'],
    ['cache and idempotency keys', 'level=DEBUG msg="cache miss" key=jwks idempotency_key=req_7f3a9c2e1b cache_key=jwks-v2'],
    ['a JSON log line whose message says a token was issued', '{"msg":"client credentials token issued","client_id":"billing-agent","jti":"rjFhLo5xMpwvnGU5pDl90Q","token_type":"Bearer"}'],
    ['a sentence that ends at a secret word', 'fix it to refresh once and keep the rotated token. Otherwise treat it as theft'],
    ['a variable name in brackets after "credentials"', 'Check the provider credentials (CONNECTOR_<PROVIDER>_SECRET and the provider app)'],
    ['kubectl describe pod env references', "      AUTHPLANE_SESSION_SECRET:  <set to the key 'session-secret' in secret 'authplane-secrets'>  Optional: false"],
    ['Go nil and empty values under secret names', 'level=DEBUG msg="exchange" refresh_token=<nil> dpop=<nil> code=<nil> session_secret=[] secret={} token=map[] api_key=<redacted>'],
    ['a Go EnvVar whose value comes from a secret', '{Name:AUTHPLANE_SESSION_SECRET Value: ValueFrom:&EnvVarSource{}}'],
    ['error messages whose first word names a setting, in JSON and slog values', '{"error":"session.secret: must be at least 32 bytes"} error="admin.api_key: required when server.issuer is not localhost"'],
    ['the next link of an error chain after "password:" and a format verb', 'error="hash password: bcrypt: password length exceeds 72 bytes" fmt.Errorf("hash password: %w", err)'],
    ['a config key and a rate-limit bucket named key', 'level=WARN msg="deprecated setting" config_key=dcr.mode {"msg":"rate limited","key":"ip"}'],
    ['a systemd exit reason', 'authserver.service: Main process exited, code=killed, status=9/KILL'],
    ['a scheme name followed by hyphenated words', '# -- DPoP proof-of-possession (RFC 9449). Basic authentication-required'],
    ['Go comparisons, short assignments and qualified names', 'if req.ClientSecret == "" { actorID := "" } tokens        output.TokenStore'],
    ['Go constants of error codes named after credentials', 'reasonInvalidCredentials = "invalid_credentials"; ErrInvalidToken = "invalid_token"; LoginFailReasonInvalidClientSecret = "invalid_client_secret"'],
    ['sha256 sums of release files', '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08  authserver-linux-amd64.tgz sha256=9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08'],
    ['browser versions in a user agent', 'user_agent="Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36"'],
  ];

  it.each(lines)('%s', (_what, line) => {
    expect(createRedactor({ ownDomains: OWN }).text(line)).toBe(line);
  });

  it('keeps the same lines when no own domain is known', () => {
    const r = createRedactor({});
    for (const [, line] of lines) expect(r.text(line)).toBe(line);
  });

  it('counts nothing for a line it leaves alone', () => {
    const r = createRedactor({ ownDomains: OWN });
    for (const [, line] of lines) r.text(line);
    expect(r.summary().counts).toEqual({});
  });
});
