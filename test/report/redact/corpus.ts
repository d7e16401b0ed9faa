// Secret shapes in many positions, and debugging ids that must survive: shared by the redactor
// tests and the redacted-bundle tests.

const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');

/** A realistic ES256 access token: header, claims, and a signature that must never be printed. */
export const JWT_SIGNATURE = 'MEUCIQDx7kq2Lr9vWb3nH5tYpQ8sZ1cF4gJ6mA0eR2uT9wXyZgIgY3hN5jK7lP9oQ1rS3tU5vW7xY9zA1bC3dE5fG7hI9jK';
export const JWT = [
  b64({ alg: 'ES256', kid: 'kid_current_abc', typ: 'at+jwt' }),
  b64({ iss: 'https://auth.acme-corp.io', aud: ['https://mcp.acme-corp.io/mcp'], sub: 'user-42', scope: 'tools/read', exp: 1708762500, jti: 'jti-0001' }),
  JWT_SIGNATURE,
].join('.');
export const DPOP_SIGNATURE = 'dpopSig_9aF3kLm2Qx7Rt5Vw1Yz8Bn4Cd6Ef0Gh2Ij4Kl6Mn8Op0Qr2St4Uv6Wx8';
export const DPOP = [
  b64({ alg: 'ES256', typ: 'dpop+jwt', jwk: { kty: 'EC', crv: 'P-256', x: 'abc', y: 'def' } }),
  b64({ htm: 'POST', htu: 'https://auth.acme-corp.io/oauth/token', iat: 1708762400, jti: 'p-1' }),
  DPOP_SIGNATURE,
].join('.');

export const S = {
  refresh: 'rt_Zk3v9Qm1Xc2b7T0aL4pR8wYh5JdN6sEu',
  code: 'SplxlOBeZQQYbYS6WxSbIAq81xk3Pn',
  verifier: 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk',
  challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
  clientSecret: 'cs_live_7Hq2Wm9Zp4Xr8Tn3Vb6Yc1Ld5Kf0',
  adminKey: '5f2b8c1e9d3a7f60b4e2c8d1a9f3e7b05c2d8e1f4a7b9c3d6e0f2a5b8c1d4e7f',
  sessionSecret: 'q8W3e7R2t6Y1u5I0o9P4a3S8d2F7g1H6',
  dbPassword: 'Pg-Passw0rd-Xy71',
  vaultToken: 'hvs.CAESIJlU3nW8vVhVqS5e4R9dC2kH7mT1oP3xZ6bN0aLkQw',
  secretId: '6a1f2b3c-4d5e-6f70-8192-a3b4c5d6e7f8',
  connector: 'ghs_connectorSecret0123456789ABCDEF',
  cookie: 'MTcwODc2MjUwMHxEdi1CQkFFQ180SUFBUkFCRUFBQVlfLUNBQUVHYzNSeWFXNW5EQThB',
  basic: 'bXktY2xpZW50OmNzX2xpdmVfN0hxMldtOVpw',
  pemBody: 'MHcCAQEEIIrYSSNQFaA2Hwf1duRSxKtLYX5CB04fSeQ6tF1aY/PuoAoGCCqGSM49',
  statePepper: 'pepper-Q2w3E4r5T6y7U8i9O0',
  opaqueBearer: 'at_8Fh2Kq9Lm3Np7Rs1Tv5Wx0Yz4Bc6Df',
} as const;

const PEM = `-----BEGIN EC PRIVATE KEY-----\n${S.pemBody}\nAwEHoUQDQgAE3FQp0n1pZ3p7\n-----END EC PRIVATE KEY-----`;

/** [where, text, the secrets that must not survive]. */
export const SECRET_CORPUS: [string, string, string[]][] = [
  ['JSON log value (refresh_token)', `{"level":"INFO","msg":"tokens refreshed","refresh_token":"${S.refresh}","client_id":"c1"}`, [S.refresh]],
  ['JSON log value (access_token JWT)', `{"msg":"x","access_token":"${JWT}"}`, [JWT, JWT_SIGNATURE]],
  ['JSON nested header object', `{"headers":{"Authorization":"Bearer ${JWT}","DPoP":"${DPOP}"}}`, [JWT_SIGNATURE, DPOP_SIGNATURE]],
  ['slog text value', `time=2026-10-03T09:16:11Z level=INFO msg="tokens issued" client_secret=${S.clientSecret} refresh_token="${S.refresh}"`, [S.clientSecret, S.refresh]],
  ['slog text JWT attr', `level=WARN msg="verify failed" token=${JWT}`, [JWT_SIGNATURE]],
  ['URL query string', `GET /cb?code=${S.code}&state=abc&code_verifier=${S.verifier} HTTP/1.1`, [S.code, S.verifier]],
  ['authorize URL with PKCE challenge', `https://auth.acme-corp.io/oauth/authorize?response_type=code&code_challenge=${S.challenge}&code_challenge_method=S256`, [S.challenge]],
  ['form body', `grant_type=refresh_token&refresh_token=${S.refresh}&client_secret=${S.clientSecret}`, [S.refresh, S.clientSecret]],
  ['Authorization header (Bearer JWT)', `Authorization: Bearer ${JWT}`, [JWT, JWT_SIGNATURE]],
  ['Authorization header (opaque)', `authorization: Bearer ${S.opaqueBearer}`, [S.opaqueBearer]],
  ['Authorization header (Basic)', `> Authorization: Basic ${S.basic}`, [S.basic]],
  ['DPoP header', `DPoP: ${DPOP}`, [DPOP_SIGNATURE]],
  ['curl -H header', `curl -s -H 'Authorization: Bearer ${S.opaqueBearer}' https://auth.acme-corp.io/admin/audit`, [S.opaqueBearer]],
  ['Cookie header', `Cookie: authserver_session=${S.cookie}; theme=dark`, [S.cookie]],
  ['Set-Cookie header', `< Set-Cookie: authserver_session=${S.cookie}; Path=/; HttpOnly; Secure`, [S.cookie]],
  ['escaped HTTP capture in JSON', `{"raw":"HTTP/1.1 200 OK\\r\\nSet-Cookie: authserver_session=${S.cookie}\\r\\n"}`, [S.cookie]],
  ['bearer in free prose', `client sent Bearer ${S.opaqueBearer} to the MCP server`, [S.opaqueBearer]],
  ['YAML line', `  api_key: ${S.adminKey}`, [S.adminKey]],
  ['YAML session secret', `session:\n  secret: "${S.sessionSecret}"\n  secure: true`, [S.sessionSecret]],
  ['env file admin key', `AUTHPLANE_ADMIN_API_KEY=${S.adminKey}`, [S.adminKey]],
  ['env file session secret', `export AUTHPLANE_SESSION_SECRET="${S.sessionSecret}"`, [S.sessionSecret]],
  ['env file vault token', `AUTHPLANE_VAULT_TOKEN=${S.vaultToken}`, [S.vaultToken]],
  ['env file approle secret id', `AUTHPLANE_VAULT_APPROLE_SECRET_ID=${S.secretId}`, [S.secretId]],
  ['env file connector secret', `CONNECTOR_GITHUB_SECRET=${S.connector}`, [S.connector]],
  ['env file pepper', `AUTHPLANE_CLIENT_SECRET_PEPPER=${S.statePepper}`, [S.statePepper]],
  ['DSN in env', `AUTHPLANE_STORAGE_POSTGRES_DSN=postgres://authplane:${S.dbPassword}@db.internal:5432/authplane?sslmode=require`, [S.dbPassword]],
  ['DSN in a log error', `error: open database: failed to connect to postgres://authplane:${S.dbPassword}@10.1.2.3:5432/authplane`, [S.dbPassword]],
  ['DSN key=value form', `dsn="host=db user=authplane password=${S.dbPassword} dbname=authplane"`, [S.dbPassword]],
  ['vault token in prose', `vault token renewal failed for ${S.vaultToken}: permission denied`, [S.vaultToken]],
  ['metric label', `authserver_debug_total{client_secret="${S.clientSecret}",token="${S.opaqueBearer}"} 1`, [S.clientSecret, S.opaqueBearer]],
  ['PEM private key block', `key material:\n${PEM}\nend`, [S.pemBody]],
  ['PEM inside a JSON string', JSON.stringify({ private_key_pem: PEM }), [S.pemBody]],
  ['truncated PEM', `-----BEGIN PRIVATE KEY-----\n${S.pemBody}`, [S.pemBody]],
  ['Python dict repr', `DEBUG:httpx:headers={'Authorization': 'Bearer ${S.opaqueBearer}', 'Accept': '*/*'}`, [S.opaqueBearer]],
  ['bare JWT pasted in prose', `the token was ${JWT} according to the client`, [JWT, JWT_SIGNATURE]],
  ['JWT signature alone survives nowhere (DPoP in JSON)', `{"dpop_proof":"${DPOP}"}`, [DPOP_SIGNATURE]],
  ['CLI flag', `authserver serve --client-secret=${S.clientSecret}`, [S.clientSecret]],
  ['URL-encoded bearer JWT', `GET /x?auth=Bearer%20${JWT}`, [JWT_SIGNATURE]],
  ['URL-encoded vault token', `note=token%3D${S.vaultToken}`, [S.vaultToken]],
  ['password field', `{"username":"bob","password":"${S.dbPassword}"}`, [S.dbPassword]],
];

/** Debugging ids that every redaction must keep verbatim. */
export const DEBUG_IDS = {
  traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
  requestId: '9f2c4e1ab0d34c6e8a1f0b2c3d4e5f60',
  spanId: '00f067aa0ba902b7',
  kid: 'Zk3v9Qm1Xc2b7T0aL4pR8w',
  familyId: 'fam_01HZX3Q9M2',
  tokenId: 'tok_01HZX3QA7K',
  jti: 'jti-5e1c2d',
};

/** [where, text, the strings that must survive]. */
export const DEBUG_CORPUS: [string, string, string[]][] = [
  ['JSON log ids', `{"time":"2026-10-03T09:16:11.07Z","level":"WARN","msg":"refresh token reuse detected — family revoked","service":"authserver","component":"token","request_id":"${DEBUG_IDS.requestId}","trace_id":"${DEBUG_IDS.traceId}","span_id":"${DEBUG_IDS.spanId}","family_id":"${DEBUG_IDS.familyId}","token_id":"${DEBUG_IDS.tokenId}"}`,
    [DEBUG_IDS.requestId, DEBUG_IDS.traceId, DEBUG_IDS.spanId, DEBUG_IDS.familyId, DEBUG_IDS.tokenId, 'refresh token reuse detected — family revoked', '"token_id"']],
  ['slog text ids', `time=2026-10-03T09:16:11.070Z level=INFO msg="admin key rotated" kid=${DEBUG_IDS.kid} key_count=2 request_id=${DEBUG_IDS.requestId}`, [`kid=${DEBUG_IDS.kid}`, 'key_count=2', `request_id=${DEBUG_IDS.requestId}`]],
  ['error codes', 'level=ERROR msg="token issuance failed" error=ErrInvalidPKCE code=invalid_grant', ['error=ErrInvalidPKCE', 'code=invalid_grant']],
  ['OAuth error body', '{"error":"invalid_grant","error_description":"the authorization grant is invalid, expired, or revoked"}', ['"error":"invalid_grant"', 'the authorization grant is invalid, expired, or revoked']],
  ['metric names and routes', 'authserver_http_requests_total{http_method="POST",http_route="/oauth/token",http_status_code="400"} 17', ['authserver_http_requests_total', 'http_route="/oauth/token"', 'http_status_code="400"', ' 17']],
  ['AuthPlane paths', 'GET /.well-known/oauth-protected-resource/mcp and /.well-known/jwks.json on :9000, /admin/audit on :9001', ['/.well-known/oauth-protected-resource/mcp', '/.well-known/jwks.json', ':9000', '/admin/audit', ':9001']],
  ['token metadata keys', '{"token_type":"DPoP","token_endpoint":"http://localhost:9000/oauth/token","jwks_uri":"http://localhost:9000/.well-known/jwks.json","key_count":2,"kid":"k1"}', ['"token_type":"DPoP"', 'http://localhost:9000/oauth/token', 'http://localhost:9000/.well-known/jwks.json', '"key_count":2', '"kid":"k1"']],
  ['public client id', 'level=INFO msg="tokens issued" client_id=claude-code token_type=Bearer', ['client_id=claude-code', 'token_type=Bearer']],
  ['SDK verifier messages', 'verifier: audience mismatch', ['verifier: audience mismatch']],
  ['WWW-Authenticate', 'WWW-Authenticate: Bearer error="invalid_token", resource_metadata="http://localhost:3000/.well-known/oauth-protected-resource/mcp"', ['Bearer error="invalid_token"', 'resource_metadata="http://localhost:3000/.well-known/oauth-protected-resource/mcp"']],
  ['audit detail', 'family.revoked reuse_detection family=fam_01HZX3Q9M2', ['reuse_detection family=fam_01HZX3Q9M2']],
  ['fatal boot line', 'error: load config: configuration validation failed:\n  1. session.secret is required when server.issuer is not localhost', ['1. session.secret is required when server.issuer is not localhost', 'error: load config:']],
  ['self-check', '=== authserver feature self-check ===\n  dpop  enabled  proof_lifetime=60s', ['proof_lifetime=60s', 'dpop  enabled']],
  ['versions and timestamps', 'starting authserver version=0.2.2 at 2026-10-03T09:15:02.481Z listening on :9000', ['version=0.2.2', '2026-10-03T09:15:02.481Z']],
  ['config settings about secrets', 'session.cookie_name=authserver_session signing.key_path=data/keys aes_master.key_env=AES_MASTER_KEY', ['authserver_session', 'data/keys', 'AES_MASTER_KEY']],
];
