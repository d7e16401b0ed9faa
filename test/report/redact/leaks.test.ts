// Leaks a maintainer would worry about beyond the AuthPlane fields: IPv6 and forwarded addresses,
// opaque bearer tokens, cookies, OAuth query parameters, split key blocks, key material in
// secret-named settings, cloud keys. Each input is hand-written with the exact expected output.
import { describe, expect, it } from 'vitest';
import { createRedactor } from '../../../src/report/index.ts';

const IP = String.raw`ip#[0-9a-f]{4}`;
const re = (s: string) => new RegExp(`^${s}$`);

describe('redactor: addresses', () => {
  it('pseudonymizes IPv6 addresses, bracketed with a port, with a zone, and fully written out', () => {
    const out = createRedactor({}).text('dial tcp [2001:db8:85a3::8a2e:370:7334]:5432 via fe80::1%eth0 from 2001:0db8:85a3:0000:0000:8a2e:0370:7334');
    expect(out).toMatch(re(`dial tcp \\[${IP}\\]:5432 via ${IP}%eth0 from ${IP}`));
  });

  it('pseudonymizes an IPv4-mapped IPv6 address whole, leaving no IPv4 tail', () => {
    const out = createRedactor({}).text('peer=::ffff:203.0.113.9 closed');
    expect(out).toMatch(re(`peer=${IP} closed`));
    expect(createRedactor({}).text('peer ::ffff:203.0.113.9 closed')).not.toContain('203.0.113.9');
  });

  it('pseudonymizes every address of an X-Forwarded-For list, as a header, an attribute and a JSON field', () => {
    const r = createRedactor({});
    expect(r.text('X-Forwarded-For: 203.0.113.9, 198.51.100.23, 2001:db8::5')).toMatch(re(`X-Forwarded-For: ${IP}, ${IP}, ${IP}`));
    expect(r.text('level=INFO msg=request x_forwarded_for="203.0.113.9, 198.51.100.23"')).toMatch(re(`level=INFO msg=request x_forwarded_for="${IP}, ${IP}"`));
    expect(JSON.stringify(r.value('headers', { 'X-Forwarded-For': ['203.0.113.9, 10.0.0.5'] }))).toMatch(re(`\\{"X-Forwarded-For":\\["${IP}, ${IP}"\\]\\}`));
  });

  it('gives the same address the same pseudonym in a list and on its own', () => {
    const r = createRedactor({});
    const list = r.text('X-Forwarded-For: 203.0.113.9, 198.51.100.23');
    const alone = r.text('from 203.0.113.9');
    expect(list.startsWith(`X-Forwarded-For: ${alone.slice('from '.length)}, `)).toBe(true);
  });

  it('pseudonymizes addresses and in-cluster hosts in a Prometheus instance label, keeping the port', () => {
    const r = createRedactor({});
    expect(r.text('up{instance="10.0.3.7:9001",job="authplane"} 1')).toMatch(re(`up\\{instance="${IP}:9001",job="authplane"\\} 1`));
    expect(r.text('up{instance="authserver-0.authserver.authplane.svc:9001",job="authplane"} 1')).toMatch(re('up\\{instance="host-[0-9a-f]{4}\\.invalid:9001",job="authplane"\\} 1'));
    expect(r.text('up{instance="localhost:9001",job="authplane"} 1')).toBe('up{instance="localhost:9001",job="authplane"} 1');
  });

  it('pseudonymizes the addresses of a Forwarded header', () => {
    const out = createRedactor({}).text('Forwarded: for="[2001:db8:cafe::17]:4711";proto=https, for=192.0.2.60');
    expect(out).toMatch(re(`Forwarded: for="\\[${IP}\\]:4711";proto=https, for=${IP}`));
  });
});

describe('redactor: bearer tokens that are not JWTs', () => {
  it('redacts an opaque bearer token in an Authorization header', () => {
    expect(createRedactor({}).text('Authorization: Bearer abcdefghijklmnopqrstuvwxyz')).toBe('Authorization: Bearer [REDACTED:authorization-header]');
  });

  it('redacts a long opaque token after Bearer in prose, even all lower case', () => {
    expect(createRedactor({}).text('client sent Bearer abcdefghijklmnopqrst')).toBe('client sent Bearer [REDACTED:access-token]');
  });

  it('redacts a token after a lower-case "bearer" or "basic" too', () => {
    const r = createRedactor({});
    expect(r.text('sent bearer at_8Fh2Kq9Lm3Np7Rs1Tv5Wx0Yz4Bc6Df upstream')).toBe('sent bearer [REDACTED:access-token] upstream');
    expect(r.text('retried with basic bXktY2xpZW50OmNzX2xpdmVfN0hxMldtOVpw')).toBe('retried with basic [REDACTED:password]');
    expect(r.text('basic configuration loaded')).toBe('basic configuration loaded');
  });

  it('keeps "Bearer" followed by an ordinary word', () => {
    expect(createRedactor({}).text('use Bearer authentication')).toBe('use Bearer authentication');
  });

  it('keeps a WWW-Authenticate challenge whose first parameter is resource_metadata', () => {
    const h = 'www-authenticate: Bearer resource_metadata="http://127.0.0.1:3000/.well-known/oauth-protected-resource/mcp"';
    expect(createRedactor({}).text(h)).toBe(h);
  });

  it('redacts an opaque bearer token URL-encoded in a query string', () => {
    expect(createRedactor({}).text('GET /proxy?auth=Bearer%20at_8Fh2Kq9Lm3Np7Rs1Tv5Wx0Yz4Bc6Df')).toBe('GET /proxy?auth=Bearer%20[REDACTED:access-token]');
  });

  it('redacts headers printed as a Go http.Header map, keeping the header names', () => {
    const out = createRedactor({}).text('level=DEBUG msg="upstream request" headers="map[Accept:[*/*] Authorization:[Bearer at_8Fh2Kq9Lm3Np7Rs1Tv5Wx0Yz4Bc6Df] Cookie:[sid=abc123; csrf=xyz987]]"');
    expect(out).toBe('level=DEBUG msg="upstream request" headers="map[Accept:[*/*] Authorization:[Bearer [REDACTED:authorization-header]] Cookie:[sid=[REDACTED:cookie]; csrf=[REDACTED:cookie]]]"');
  });
});

describe('redactor: cookies', () => {
  it('replaces every value of a Cookie header with several pairs, keeping the names', () => {
    expect(createRedactor({}).text('Cookie: authserver_session=MTcwODc2; csrf_token=k9Lm3N; theme=dark'))
      .toBe('Cookie: authserver_session=[REDACTED:cookie]; csrf_token=[REDACTED:cookie]; theme=[REDACTED:cookie]');
  });

  it('replaces the value of a Set-Cookie header and keeps its attributes', () => {
    expect(createRedactor({}).text('< Set-Cookie: authserver_session=MTcwODc2; Path=/; Expires=Wed, 21 Oct 2026 07:28:00 GMT; HttpOnly; Secure; SameSite=Lax'))
      .toBe('< Set-Cookie: authserver_session=[REDACTED:cookie]; Path=/; Expires=Wed, 21 Oct 2026 07:28:00 GMT; HttpOnly; Secure; SameSite=Lax');
  });

  it('replaces the values of two cookies folded into one Set-Cookie line', () => {
    expect(createRedactor({}).text('Set-Cookie: a=1; Path=/, b=secretvalue2; Path=/'))
      .toBe('Set-Cookie: a=[REDACTED:cookie]; Path=/, b=[REDACTED:cookie]; Path=/');
  });

  it('replaces every cookie of a cookie attribute in a slog line', () => {
    expect(createRedactor({}).text('level=DEBUG cookie="a=1; b=2"')).toBe('level=DEBUG cookie="a=[REDACTED:cookie]; b=[REDACTED:cookie]"');
  });
});

describe('redactor: OAuth query parameters', () => {
  it('redacts code and state of a callback URL, keeping iss and the path', () => {
    expect(createRedactor({}).text('GET /oauth/callback?code=SplxlOBeZQQYbYS6WxSbIA&state=af0ifjsldkj&iss=https%3A%2F%2Fauth.example.com HTTP/1.1'))
      .toBe('GET /oauth/callback?code=[REDACTED:authorization-code]&state=[REDACTED:oauth-state]&iss=https%3A%2F%2Fauth.example.com HTTP/1.1');
  });

  it('redacts code_verifier, refresh_token, client_secret and token in a form body', () => {
    expect(createRedactor({}).text('grant_type=refresh_token&refresh_token=rt1&client_secret=cs1&code_verifier=v1&token=t1&client_id=claude-code'))
      .toBe('grant_type=refresh_token&refresh_token=[REDACTED:refresh-token]&client_secret=[REDACTED:client-secret]&code_verifier=[REDACTED:pkce]&token=[REDACTED:access-token]&client_id=claude-code');
  });

  it('redacts a short state in a query string but keeps a state word outside one', () => {
    const r = createRedactor({});
    expect(r.text('/cb?state=xyz')).toBe('/cb?state=[REDACTED:oauth-state]');
    expect(r.text('level=INFO msg="breaker" state=half-open')).toBe('level=INFO msg="breaker" state=half-open');
    expect(r.value('state', 'healthy')).toBe('healthy');
    expect(r.value('state', 'CrashLoopBackOff')).toBe('CrashLoopBackOff');
  });

  it('redacts a random state outside a query string', () => {
    const r = createRedactor({});
    expect(r.text('level=WARN msg="state mismatch" state=Zk3v9Qm1Xc2b')).toBe('level=WARN msg="state mismatch" state=[REDACTED:oauth-state]');
    expect(r.value('state', 'Zk3v9Qm1Xc2b7T0aL4pR8w')).toBe('[REDACTED:oauth-state]');
  });

  it('redacts code and state inside a percent-encoded redirect_uri, leaving the encoding of the rest', () => {
    expect(createRedactor({}).text('GET /oauth/authorize?redirect_uri=https%3A%2F%2Fapp.example.com%2Fcb%3Fcode%3DSplxlOBeZQQYbYS6WxSbIA%26state%3Dxyz123%26lang%3Den'))
      .toBe('GET /oauth/authorize?redirect_uri=https%3A%2F%2Fapp.example.com%2Fcb%3Fcode%3D[REDACTED:authorization-code]%26state%3D[REDACTED:oauth-state]%26lang%3Den');
  });

  it('keeps an OAuth error code in a callback URL', () => {
    expect(createRedactor({}).text('/cb?error=access_denied&error_description=user+denied')).toBe('/cb?error=access_denied&error_description=user+denied');
  });
});

describe('redactor: private keys split across log lines', () => {
  it('redacts the body lines and END line that follow a BEGIN line in later calls', () => {
    const r = createRedactor({});
    const lines = [
      'level=ERROR msg="bad key file" content=-----BEGIN EC PRIVATE KEY-----',
      'MHcCAQEEIIrYSSNQFaA2Hwf1duRSxKtLYX5CB04fSeQ6tF1aY/PuoAoGCCqGSM49',
      'AwEHoUQDQgAE3FQp0n1pZ3p7',
      '-----END EC PRIVATE KEY-----',
      'level=INFO msg="next" request_id=9f2c4e1ab0d34c6e8a1f0b2c3d4e5f60',
    ];
    expect(lines.map((l) => r.text(l))).toEqual([
      'level=ERROR msg="bad key file" content=[REDACTED:private-key]',
      '[REDACTED:private-key]',
      '[REDACTED:private-key]',
      '[REDACTED:private-key]',
      'level=INFO msg="next" request_id=9f2c4e1ab0d34c6e8a1f0b2c3d4e5f60',
    ]);
  });

  it('stops treating lines as key body at the first line that is not', () => {
    const r = createRedactor({});
    r.text('-----BEGIN PRIVATE KEY-----');
    expect(r.text('MHcCAQEEIIrYSSNQFaA2Hwf1duRSxKtLYX5CB04f')).toBe('[REDACTED:private-key]');
    expect(r.text('level=INFO msg="restarted"')).toBe('level=INFO msg="restarted"');
    expect(r.text('Zk3v9Qm1Xc2b7T0aL4pR8w')).toBe('Zk3v9Qm1Xc2b7T0aL4pR8w');
  });

  it('redacts a line that is nothing but a long base64 run, even without its BEGIN line', () => {
    expect(createRedactor({}).text('  MHcCAQEEIIrYSSNQFaA2Hwf1duRSxKtLYX5CB04fSeQ6tF1aY/PuoAoGCCqGSM49')).toBe('  [REDACTED:key-material]');
  });
});

describe('redactor: key material in settings named after a secret', () => {
  it('redacts base64url of 32+ characters under a name that only points at a secret', () => {
    const r = createRedactor({});
    expect(r.value('session_secret_file', 'q8W3e7R2t6Y1u5I0o9P4a3S8d2F7g1H6xYz')).toBe('[REDACTED:session-secret]');
    expect(r.text('AUTHPLANE_ADMIN_API_KEY_FILE=5f2b8c1e9d3a7f60b4e2c8d1a9f3e7b05c2d8e1f')).toBe('AUTHPLANE_ADMIN_API_KEY_FILE=[REDACTED:api-key]');
    expect(r.text('signing.key_id: dGhpcy1pcy1hLXNpZ25pbmcta2V5LW1hdGVyaWFsLTEyMw')).toBe('signing.key_id: [REDACTED:private-key]');
  });

  it('keeps what such a name usually holds: a path, an env var name, a method', () => {
    const r = createRedactor({});
    expect(r.value('session_secret_file', '/run/secrets/session_secret')).toBe('/run/secrets/session_secret');
    expect(r.text('aes_master.key_env=AES_MASTER_KEY code_challenge_method=S256')).toBe('aes_master.key_env=AES_MASTER_KEY code_challenge_method=S256');
  });

  it('redacts a pre-signed URL signature but keeps a signature verdict', () => {
    const r = createRedactor({});
    expect(r.text('GET /bundle.tgz?X-Amz-Expires=300&X-Amz-Signature=4bf92f3577b34da6a3ce929d0e0e4736aa01bb02cc03dd04')).toBe('GET /bundle.tgz?X-Amz-Expires=300&X-Amz-Signature=[REDACTED:secret]');
    expect(r.text('level=WARN msg="verify failed" signature=invalid')).toBe('level=WARN msg="verify failed" signature=invalid');
  });
});

describe('redactor: credentials in URLs and prose', () => {
  it('redacts a URL password that has no user before it', () => {
    expect(createRedactor({}).text('redis://:p4ssw0rd@cache.internal:6379/0')).toMatch(re('redis://:\\[REDACTED:dsn-credentials\\]@host-[0-9a-f]{4}\\.invalid:6379/0'));
  });

  it('redacts a credential-shaped word right after "secret", "password" or "token" in prose', () => {
    const r = createRedactor({});
    expect(r.text('client auth failed with secret cs_live_7Hq2Wm9Zp4Xr8Tn3Vb6Yc1Ld5Kf0 for c1')).toBe('client auth failed with secret [REDACTED:secret] for c1');
    expect(r.text('revoking refresh token rt_Zk3v9Qm1Xc2b7T0aL4pR8wYh5JdN6sEu now')).toBe('revoking refresh token [REDACTED:secret] now');
  });

  it('redacts a credential named in prose with a colon, "is" or "was" between, and after an admin or API key phrase', () => {
    const r = createRedactor({});
    const hex = '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08'; // openssl rand -hex 32, as the docs suggest
    expect(r.text(`admin API key: ${hex}`)).toBe('admin API key: [REDACTED:secret]');
    expect(r.text(`the admin key was ${hex} until yesterday`)).toBe('the admin key was [REDACTED:secret] until yesterday');
    expect(r.text('session secret is kP9x2LmQ7vN4rT8wZ1yB6cD3 on both pods')).toBe('session secret is [REDACTED:secret] on both pods');
    expect(r.text('client_secret 5f4dcc3b5aa765d61d8327deb882cf99 rejected')).toBe('client_secret [REDACTED:secret] rejected');
  });

  it('keeps ordinary words after "token" and "secret"', () => {
    const line = 'refresh token reuse detected — family revoked; session secret rotation_required_soon';
    expect(createRedactor({}).text(line)).toBe(line);
  });

  it('redacts the base64 user:password of a Docker config auth field, keeping other auth values', () => {
    const r = createRedactor({});
    expect(r.text('{"auths":{"registry.example.com":{"auth":"dXNlcjpwYXNzd29yZA=="}}}')).toBe('{"auths":{"registry.example.com":{"auth":"[REDACTED:password]"}}}');
    expect(r.value('auth', 'none')).toBe('none');
  });
});

describe('redactor: cloud and forge keys', () => {
  it('redacts AWS access key ids anywhere, and the secret key by its name', () => {
    const r = createRedactor({});
    expect(r.text('using key id AKIAZ3MHALFHQXK5ELQA for s3')).toBe('using key id [REDACTED:well-known-token] for s3');
    expect(r.text('aws_access_key_id=ASIAZ3MHALFHQXK5ELQB')).toBe('aws_access_key_id=[REDACTED:well-known-token]');
    expect(r.text('AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYZ3MHALFHQX')).toBe('AWS_SECRET_ACCESS_KEY=[REDACTED:secret]');
  });

  it('redacts GitHub, GitLab, Slack, Google, Stripe and npm tokens without needing secretlint', () => {
    const r = createRedactor({});
    const tokens = [
      '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', 'github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz',
      'glpat-xJ3kP9mQ2rT5vW8yZ1aB', 'xoxb-123456789012-AbCdEfGhIjKl', 'AIzaSyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q',
      'sk_live_4eC39HqLyjWDarjtT1zdp7dc', 'npm_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8',
    ];
    for (const t of tokens) expect(r.text(`token ${t} used`), t).toBe('token [REDACTED:well-known-token] used');
  });

  it('keeps the variable name of a secretlint finding written as NAME=value, and leaves no tail of the value', async () => {
    const line = 'export AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYZ3MHALFHQX';
    const r = createRedactor({});
    await r.learn(line);
    expect(r.text(line)).toBe('export AWS_SECRET_ACCESS_KEY=[REDACTED:well-known-token]');
    expect(r.text('pasted wJalrXUtnFEMI/K7MDENG/bPxRfiCYZ3MHALFHQX here')).toBe('pasted [REDACTED:well-known-token] here');
  });
});

describe('redactor: key material and secrets without the usual markers', () => {
  const body = 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKjMzEfYyjiWA4R4/M2bS1GB4t7NXp98C3SC6dVMvDuictGeurT8jNbvJZH';

  it('redacts a key body line behind a container-log prefix when its BEGIN line is not in the text', () => {
    expect(createRedactor({}).text(`[pod/authserver-0/authserver] ${body}`)).toBe('[pod/authserver-0/authserver] [REDACTED:key-material]');
  });

  it('redacts a long base64 secret in the middle of a line', () => {
    expect(createRedactor({}).text('loaded signing seed c2Vzc2lvbi1zZWNyZXQtdmFsdWUtMzItYnl0ZXMhAbC9 from env')).toBe('loaded signing seed [REDACTED:key-material] from env');
  });

  it('redacts a secret inside a Go map or a YAML flow mapping printed mid-line, keeping the other fields', () => {
    const r = createRedactor({});
    expect(r.text('config: map[password:hunter2hunter2 user:admin]')).toBe('config: map[password:[REDACTED:password] user:admin]');
    expect(r.text('loaded config {api_key: "sk_test_abcdefghijklmnop123", port: 9000}')).toBe('loaded config {api_key: "[REDACTED:api-key]", port: 9000}');
    expect(r.text('env AWS_SECRET_ACCESS_KEY: wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY in pod')).toBe('env AWS_SECRET_ACCESS_KEY: [REDACTED:secret] in pod');
  });

  it('redacts a quoted secret with spaces in a Go %+v dump, keeping the fields around it', () => {
    expect(createRedactor({}).text('db config {Username:admin Password:"my pass phrase 7" Host:db}')).toBe('db config {Username:admin Password:"[REDACTED:password]" Host:db}');
  });

  it('keeps words about a secret after its name and a colon', () => {
    const line = 'uses a random ephemeral secret: 2 instances; refresh token: expired; cannot mint tokens: /oauth/token answers 500';
    expect(createRedactor({}).text(line)).toBe(line);
  });

  it('redacts the values of secret-named command-line flags and the password of curl -u', () => {
    const r = createRedactor({});
    expect(r.text('exec: psql --password hunter2hunter2 -h db')).toBe('exec: psql --password [REDACTED:password] -h db');
    expect(r.text('authserver admin client create --client-secret cs_9f8e7d6c5b4a --name demo')).toBe('authserver admin client create --client-secret [REDACTED:client-secret] --name demo');
    expect(r.text('running: curl -u admin:s3cretPassw0rd http://localhost:9001/admin/clients')).toBe('running: curl -u admin:[REDACTED:password] http://localhost:9001/admin/clients');
  });

  it('redacts values of names with a secret word glued on (PGPASSWORD, DBPASSWORD)', () => {
    const r = createRedactor({});
    expect(r.text('PGPASSWORD=hunter2hunter2 psql -h db')).toBe('PGPASSWORD=[REDACTED:password] psql -h db');
    expect(r.text('DBPASSWORD: x9y8z7')).toBe('DBPASSWORD: [REDACTED:password]');
  });

  it('redacts an AWS secret access key standing after its name', () => {
    expect(createRedactor({}).text('aws_secret_access_key wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY')).toBe('aws_secret_access_key [REDACTED:key-material]');
  });

  it('redacts secrets assigned with spaces around `=`, quoted or not', () => {
    const r = createRedactor({});
    expect(r.text('secret = "shhh-very-secret"')).toBe('secret = "[REDACTED:secret]"');
    expect(r.text("password = 'hunter2hunter2'")).toBe("password = '[REDACTED:password]'");
    expect(r.text('client_secret =cs_live_0123456789abcdef')).toBe('client_secret =[REDACTED:client-secret]');
  });
});
