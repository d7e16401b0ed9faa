// Secrets whose value holds quotes, commas, semicolons or `@`, and the readable text that sits next to
// secret words without being a secret. Each expected output is written by hand.
import { describe, expect, it } from 'vitest';
import { createRedactor } from '../../../src/report/index.ts';

const SECRET = 'kP9x2LmQ7vN4rT8wZ1yB6cD3fG5hJ0aE';
const PW = 'Tr0ub4dor&3x';

describe('redactor: a line that starts with a word and a colon', () => {
  it('redacts a quoted secret after the first quote of the line', () => {
    const r = createRedactor({});
    expect(r.text(`error: load config: session.secret="${PW}" is too short`)).toBe('error: load config: session.secret="[REDACTED:session-secret]" is too short');
    expect(r.text(`WARNING: using password='${PW}' from the environment`)).toBe("WARNING: using password='[REDACTED:password]' from the environment");
    expect(r.text(`panic: config.Admin{APIKey:"${SECRET}"}`)).toBe('panic: config.Admin{APIKey:"[REDACTED:api-key]"}');
  });

  it('reads a quoted header value that has more text after it as one value', () => {
    expect(createRedactor({}).text(`msg: "reload" then password="${PW}"`)).toBe('msg: "reload" then password="[REDACTED:password]"');
  });

  it('still redacts a header inside a quoted curl argument and stops at its closing quote', () => {
    expect(createRedactor({}).text("curl -H 'Cookie: sid=abc123; csrf=x9' https://auth.acme.io/")).toBe("curl -H 'Cookie: sid=[REDACTED:cookie]; csrf=[REDACTED:cookie]' https://auth.acme.io/");
  });
});

describe('redactor: unquoted secrets holding punctuation', () => {
  it('redacts the whole of a password with commas or an ampersand, up to the next space', () => {
    const r = createRedactor({});
    expect(r.text('DB_PASSWORD=a,b,c12345 retrying')).toBe('DB_PASSWORD=[REDACTED:password] retrying');
    expect(r.text('password=ab&cd12 user=bob')).toMatch(/^password=\[REDACTED:password\] user=user#[0-9a-f]{4}$/);
  });

  it('stops at a following key=value pair and at closing punctuation', () => {
    const r = createRedactor({});
    expect(r.text('GET /callback?code=abc123XYZ&state=s1&iss=https://auth.acme.io')).toBe('GET /callback?code=[REDACTED:authorization-code]&state=[REDACTED:oauth-state]&iss=https://auth.acme.io');
    expect(r.text('connect(password=abc123). retrying')).toBe('connect(password=[REDACTED:password]). retrying');
  });

  it('redacts a DSN password with semicolons or an @ in it, keeping the user and the host', () => {
    const r = createRedactor({});
    expect(r.text('DSN=postgres://authplane:x;y;z12345@db:5432/authplane')).toBe('DSN=postgres://authplane:[REDACTED:dsn-credentials]@db:5432/authplane');
    expect(r.text('dsn=postgres://authplane:p@ssw0rd99@db:5432/authplane')).toBe('dsn=postgres://authplane:[REDACTED:dsn-credentials]@db:5432/authplane');
  });

  it('redacts what follows user: in a DSN that has no @, unless it is a port', () => {
    const r = createRedactor({});
    expect(r.value('dsn', 'postgres://authplane:s3cret')).toBe('postgres://authplane:[REDACTED:dsn-credentials]');
    expect(r.value('dsn', 'postgres://localhost:5432/authplane')).toBe('postgres://localhost:5432/authplane');
  });

  it('redacts a connection string password with spaces up to its semicolon, ADO.NET style or libpq quoted', () => {
    const r = createRedactor({});
    expect(r.text('Server=db;Database=authplane;User Id=sa;Password=my secret pass;Encrypt=true')).toBe('Server=db;Database=authplane;User Id=sa;Password=[REDACTED:password];Encrypt=true');
    expect(r.text('"ConnectionStrings": {"Default": "Data Source=db; Pwd=two words"}')).toBe('"ConnectionStrings": {"Default": "Data Source=db; Pwd=[REDACTED:password]"}');
    expect(r.text('Password=my secret;Server=db')).toBe('Password=[REDACTED:password];Server=db');
    expect(r.text("host=db dbname=authplane password='my secret pass' sslmode=disable")).toBe("host=db dbname=authplane password='[REDACTED:password]' sslmode=disable");
  });

  it("redacts a libpq password holding an escaped quote whole, and to the line's end when it never closes", () => {
    const r = createRedactor({});
    expect(r.text("host=db password='it\\'s a s3cret' dbname=authplane")).toBe("host=db password='[REDACTED:password]' dbname=authplane");
    expect(r.text("password='x\\' never closed")).toBe("password='[REDACTED:password]");
    // Only a secret's value runs on: a path ending in a backslash stays as written.
    expect(r.text("path='C:\\Temp\\' mode=r")).toBe("path='C:\\Temp\\' mode=r");
  });

  it('keeps the words after a one-word password that no connection string holds', () => {
    const r = createRedactor({});
    expect(r.text('login failed; password=hunter2 was rejected')).toBe('login failed; password=[REDACTED:password] was rejected');
    expect(r.text('host=db password=hunter2 dbname=authplane')).toBe('host=db password=[REDACTED:password] dbname=authplane');
  });

  it('redacts every pair of a cookie given as key=value', () => {
    expect(createRedactor({}).text('cookie=sid=abc123;csrf=x9 sent')).toBe('cookie=sid=[REDACTED:cookie];csrf=[REDACTED:cookie] sent');
  });
});

describe('redactor: words next to a secret word that are not the secret', () => {
  it('keeps a key=value pair that follows "token" in an audit detail', () => {
    const r = createRedactor({});
    const detail = 'action=token.revoked detail="revoked machine_token jti=8c1f0e4a9b7d4c2e8f1a3b5c7d9e0f12"';
    expect(r.text(detail)).toBe(detail);
    expect(r.text('rejected token kid=Zk3v9Qm1Xc2b7T0aL4pR8w')).toBe('rejected token kid=Zk3v9Qm1Xc2b7T0aL4pR8w');
  });

  it('keeps a quoted error message after "token:"', () => {
    const r = createRedactor({});
    const lines = [
      'level=WARN msg="verify failed" err=invalid token: "token is malformed: could not base64 decode header"',
      'error renewing token: "context deadline exceeded"',
      'Key: "es256-2026-10"',
    ];
    for (const l of lines) expect(r.text(l)).toBe(l);
  });

  it('still redacts a quoted secret with spaces in a Go struct dump', () => {
    expect(createRedactor({}).text('cfg={Driver:postgres Password:"my pass phrase" Port:5432}')).toBe('cfg={Driver:postgres Password:"[REDACTED:password]" Port:5432}');
  });
});

describe('redactor: a query string under a debugging name', () => {
  it('redacts the code and state of a URL logged as a path, route or reason', () => {
    const r = createRedactor({});
    expect(r.text('level=INFO msg=request path="/callback?code=SplxlOBeZQQYbYS6WxSbIA&state=af0ifjsldkj3"')).toBe('level=INFO msg=request path="/callback?code=[REDACTED:authorization-code]&state=[REDACTED:oauth-state]"');
    expect(r.value('reason', 'redirect to https://app.acme.io/cb?code=SplxlOBeZQQYbYS6WxSbIA')).toBe('redirect to https://app.acme.io/cb?code=[REDACTED:authorization-code]');
  });
});

describe('redactor: command-line flags with quoted or dotted names', () => {
  it('redacts a quoted password of curl --user and -u, keeping the user', () => {
    const r = createRedactor({});
    expect(r.text(`curl --user "admin:${PW}" https://auth.acme.io/admin/clients`)).toBe('curl --user "admin:[REDACTED:password]" https://auth.acme.io/admin/clients');
    expect(r.text("curl -u 'admin:two words' https://auth.acme.io/")).toBe("curl -u 'admin:[REDACTED:password]' https://auth.acme.io/");
  });

  it('redacts the value of AuthPlane dotted flags, quoted or not', () => {
    const r = createRedactor({});
    expect(r.text("authserver --session.secret 'two words' --config /etc/authplane/config.yaml")).toBe("authserver --session.secret '[REDACTED:session-secret]' --config /etc/authplane/config.yaml");
    expect(r.text('authserver --data-encryption.aes-master.key 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08'))
      .toBe('authserver --data-encryption.aes-master.key [REDACTED:encryption-key]');
  });
});

describe('redactor: descriptions that could be secrets stay redacted', () => {
  it('redacts a passphrase of words, a UUID secret id and a hyphenated password', () => {
    const r = createRedactor({});
    expect(r.text('secret: correct-horse-battery-staple')).toBe('secret: [REDACTED:secret]');
    expect(r.text('secret id is 5691b51c-447b-4554-8ab8-6ceba2ff7136')).toBe('secret id is [REDACTED:secret]');
    expect(r.text('password: aes-256-gcm')).toBe('password: [REDACTED:password]');
  });

  it('redacts key material after a bare key=', () => {
    expect(createRedactor({}).text('key=9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08 loaded')).toBe('key=[REDACTED:secret] loaded');
  });
});

describe('redactor: a secret name followed by its value without = or :', () => {
  it('redacts the value after the name in a Dockerfile, a Markdown table, bold text and arrows', () => {
    const r = createRedactor({});
    expect(r.text(`ENV AUTHPLANE_SESSION_SECRET ${SECRET}`)).toBe('ENV AUTHPLANE_SESSION_SECRET [REDACTED:session-secret]');
    expect(r.text(`| session.secret | \`${SECRET}\` |`)).toBe('| session.secret | `[REDACTED:session-secret]` |');
    expect(r.text(`**password**: ${PW}`)).toBe('**password**: [REDACTED:password]');
    expect(r.text(`admin key → ${SECRET}`)).toBe('admin key → [REDACTED:api-key]');
  });

  it('redacts the value of a secret named in a sentence or an SQL statement', () => {
    const r = createRedactor({});
    expect(r.text(`The client secret for notes-app is ${SECRET}`)).toBe('The client secret for notes-app is [REDACTED:client-secret]');
    expect(r.text(`I set the admin key to ${SECRET} yesterday`)).toBe('I set the admin key to [REDACTED:api-key] yesterday');
    expect(r.text(`ALTER USER authplane WITH PASSWORD '${PW}';`)).toBe("ALTER USER authplane WITH PASSWORD '[REDACTED:password]';");
  });

  it('keeps a request id after "token for request" and advice after a variable name', () => {
    const r = createRedactor({});
    const lines = ['Token for request 9f2c4e1ab0d34c6e8a1f0b2c3d4e5f60 failed', 'set AUTHPLANE_SESSION_SECRET to a 32-byte random value'];
    for (const l of lines) expect(r.text(l)).toBe(l);
  });
});

describe('redactor: where a value ends', () => {
  it('keeps the text after a quoted secret on a line of its own', () => {
    const r = createRedactor({});
    expect(r.text('refresh_token: "rt_8Fh2Kq9Lm3Np7Rs1Tv5W" reused')).toBe('refresh_token: "[REDACTED:refresh-token]" reused');
    expect(r.text('client_secret: "cs_8Fh2Kq9Lm3Np7Rs1Tv5W" # rotated 2026-01')).toBe('client_secret: "[REDACTED:client-secret]" # rotated 2026-01');
  });

  it('stops an unquoted secret at markup and at an HTML entity', () => {
    const r = createRedactor({});
    expect(r.text('<td>token=abc123def456</td><td>ok</td>')).toBe('<td>token=[REDACTED:access-token]</td><td>ok</td>');
    expect(r.text('api_key=abc123&amp;page=2')).toBe('api_key=[REDACTED:api-key]&amp;page=2');
  });

  it('keeps the host of a DSN whose query holds an @', () => {
    expect(createRedactor({}).text('postgres://authplane:p@ss@pg.acme.io:5432?application_name=authplane@pod-1'))
      .toBe('postgres://authplane:[REDACTED:dsn-credentials]@pg.acme.io:5432?application_name=authplane@pod-1');
  });

  it('redacts a Go MySQL DSN password holding an @, at a line start too', () => {
    expect(createRedactor({}).text('authplane:p@ss@tcp(db:3306)/authplane?parseTime=true')).toBe('authplane:[REDACTED:dsn-credentials]@tcp(db:3306)/authplane?parseTime=true');
  });
});

describe('redactor: secrets in objects, maps and arrays written inside a line', () => {
  it('redacts a quoted value with spaces in a JavaScript or YAML flow object', () => {
    const r = createRedactor({});
    expect(r.text("{ user: 'bob', password: 'correct horse battery staple' }")).toBe("{ user: 'bob', password: '[REDACTED:password]' }");
    expect(r.text('- {name: web, client_secret: "a b c"}')).toBe('- {name: web, client_secret: "[REDACTED:client-secret]"}');
  });

  it('redacts a secret in Go url.Values and in a JSON-marshalled http.Header', () => {
    const r = createRedactor({});
    expect(r.text('form="map[client_id:[web] client_secret:[cs_abcdef123456] grant_type:[client_credentials]]"'))
      .toBe('form="map[client_id:[web] client_secret:[[REDACTED:client-secret]] grant_type:[client_credentials]]"');
    expect(r.text('{"headers":{"X-Api-Key":["ak_8Fh2Kq9Lm3Np7Rs1"],"Accept":["*/*"]}}')).toBe('{"headers":{"X-Api-Key":["[REDACTED:api-key]"],"Accept":["*/*"]}}');
  });

  it('redacts an env entry written as a YAML flow map, a Python dict or a Go dump', () => {
    const r = createRedactor({});
    expect(r.text('env: [{name: DB_PASSWORD, value: hunter2x}]')).toBe('env: [{name: DB_PASSWORD, value: [REDACTED:password]}]');
    expect(r.text("[{'name': 'AUTHPLANE_ADMIN_API_KEY', 'value': 'ak 123'}]")).toBe("[{'name': 'AUTHPLANE_ADMIN_API_KEY', 'value': '[REDACTED:api-key]'}]");
    expect(r.text('{Name:AUTHPLANE_SESSION_SECRET Value:s3cr3t-v4lue ValueFrom:nil}')).toBe('{Name:AUTHPLANE_SESSION_SECRET Value:[REDACTED:session-secret] ValueFrom:nil}');
  });

  it('redacts a kubectl --from-literal secret and an argv element --flag=value with spaces', () => {
    const r = createRedactor({});
    expect(r.text("kubectl create secret generic authplane --from-literal=password='S3cr3t!x y'")).toBe("kubectl create secret generic authplane --from-literal=password='[REDACTED:password]'");
    expect(r.value('args', ['--session.secret=two words', '--log-level=debug'])).toEqual(['--session.secret=[REDACTED:session-secret]', '--log-level=debug']);
  });
});

describe('redactor: secrets in other languages\' config and code', () => {
  it('redacts a .NET appSettings value and a property list string by the name beside them', () => {
    const r = createRedactor({});
    expect(r.text(`<add key="ClientSecret" value="${SECRET}"/><add key="LogLevel" value="debug"/>`)).toBe('<add key="ClientSecret" value="[REDACTED:client-secret]"/><add key="LogLevel" value="debug"/>');
    expect(r.text(`<key>AUTHPLANE_SESSION_SECRET</key><string>${SECRET}</string>`)).toBe('<key>AUTHPLANE_SESSION_SECRET</key><string>[REDACTED:session-secret]</string>');
  });

  it('redacts a namespaced XML element named for a secret', () => {
    expect(createRedactor({}).text(`<ns:clientSecret>${SECRET}</ns:clientSecret>`)).toBe('<ns:clientSecret>[REDACTED:client-secret]</ns:clientSecret>');
  });

  it('redacts a .NET configuration key written with colons, in JSON and in a user-secrets command', () => {
    const r = createRedactor({});
    expect(r.text(`  "Authplane:ClientSecret": "two words",`)).toBe('  "Authplane:ClientSecret": "[REDACTED:client-secret]",');
    expect(r.text(`{"Authplane:ClientSecret":"${SECRET}","Authplane:ClientId":"notes-app"}`)).toBe('{"Authplane:ClientSecret":"[REDACTED:client-secret]","Authplane:ClientId":"notes-app"}');
    expect(r.text(`dotnet user-secrets set "Authplane:ClientSecret" "${SECRET}"`)).toBe('dotnet user-secrets set "Authplane:ClientSecret" "[REDACTED:client-secret]"');
    expect(r.text('Authplane__ClientSecret=s3cr3t-value Authplane__ClientId=notes-app')).toBe('Authplane__ClientSecret=[REDACTED:client-secret] Authplane__ClientId=notes-app');
    expect(r.text('"Logging:LogLevel:Default": "Information"')).toBe('"Logging:LogLevel:Default": "Information"');
  });

  it('redacts a secret given to an SDK setter or builder option in pasted code', () => {
    const r = createRedactor({});
    expect(r.text('AuthplaneClient.builder().clientId("notes-app").clientSecret("s3cr3t-value").build();')).toBe('AuthplaneClient.builder().clientId("notes-app").clientSecret("[REDACTED:client-secret]").build();');
    expect(r.text('authplane.WithClientSecret("s3cr3t-value"),')).toBe('authplane.WithClientSecret("[REDACTED:client-secret]"),');
    expect(r.text("withClientSecret('s3cr3t')")).toBe("withClientSecret('[REDACTED:client-secret]')");
    expect(r.text('client.setPassword("hunter2");')).toBe('client.setPassword("[REDACTED:password]");');
    // The Go SDK's own option (go-sdk core/docs/user-guide.md) takes the client id, then the secret.
    expect(r.text('authplane.WithClientCredentials("my-client", "s3cret"),')).toBe('authplane.WithClientCredentials("my-client", "[REDACTED:client-secret]"),');
    expect(r.text('client = Client(client_id="notes-app", client_secret="two words")')).toBe('client = Client(client_id="notes-app", client_secret="[REDACTED:client-secret]")');
  });

  it("redacts the secret that ends a credential's ids (Azure's ClientSecretCredential takes tenant, client, secret)", () => {
    const r = createRedactor({});
    expect(r.text('cred = ClientSecretCredential("tenant-id", "notes-app", "Zx8Q~abcDEF123ghiJKL456mnoPQR789stu")'))
      .toBe('cred = ClientSecretCredential("tenant-id", "notes-app", "[REDACTED:client-secret]")');
    expect(r.text('getCredentials("default", "us-east-1")')).toBe('getCredentials("default", "us-east-1")');
  });

  it('redacts a secret set in the environment or a property by code, keeping other settings', () => {
    const r = createRedactor({});
    expect(r.text('os.Setenv("AUTHPLANE_CLIENT_SECRET", "authplane-prod-2026")')).toBe('os.Setenv("AUTHPLANE_CLIENT_SECRET", "[REDACTED:client-secret]")');
    expect(r.text('process.env.AUTHPLANE_CLIENT_SECRET = "s3cr3t-value";')).toBe('process.env.AUTHPLANE_CLIENT_SECRET = "[REDACTED:client-secret]";');
    expect(r.text("os.environ['AUTHPLANE_CLIENT_SECRET'] = 's3cr3t-value'")).toBe("os.environ['AUTHPLANE_CLIENT_SECRET'] = '[REDACTED:client-secret]'");
    expect(r.text('System.setProperty("authplane.client_secret", "s3cr3t")')).toBe('System.setProperty("authplane.client_secret", "[REDACTED:client-secret]")');
    expect(r.text('os.Setenv("AUTHPLANE_LOG_LEVEL", "debug")')).toBe('os.Setenv("AUTHPLANE_LOG_LEVEL", "debug")');
  });

  it('keeps what such code passes that is not the secret: a variable, a file, a lookup id, a message', () => {
    const r = createRedactor({});
    const lines = [
      'os.Setenv("AUTHPLANE_CLIENT_SECRET", os.Getenv("NOTES_SECRET"))',
      'withClientSecret("AUTHPLANE_CLIENT_SECRET")',
      'WithClientSecretFile("/run/secrets/client-secret")',
      'vault.getSecret("authplane-oidc")',
      'session := getCredentials("default", "us-east-1")',
      'errors.New("invalid client secret")',
      'fmt.Sprintf("%s", secret)',
    ];
    for (const l of lines) expect(r.text(l)).toBe(l);
  });

  it('redacts the password of a Python requests or aiohttp basic auth pair, keeping the user', () => {
    const r = createRedactor({});
    expect(r.text(`requests.post(url, auth=("admin", "${PW}"))`)).toBe('requests.post(url, auth=("admin", "[REDACTED:password]"))');
    expect(r.text('aiohttp.BasicAuth("admin", password="two words")')).toBe('aiohttp.BasicAuth("admin", password="[REDACTED:password]")');
  });
});

describe('redactor: Python bytes and Go fields named for secrets', () => {
  it('redacts a bytes literal under a password name, keeping its b prefix', () => {
    const r = createRedactor({});
    expect(r.text("password=b'hunter2hunter2'")).toBe("password=b'[REDACTED:password]'");
    expect(r.text("{'password': b'hunter2hunter2', 'level': 'debug'}")).toBe("{'password': b'[REDACTED:password]', 'level': 'debug'}");
  });

  it('redacts a Vault RoleID and a pepper in a Go struct dump', () => {
    expect(createRedactor({}).text(`{RoleID:5691b51c-447b-4554-8ab8-6ceba2ff7136 Pepper:${PW} Mount:approle}`)).toBe('{RoleID:[REDACTED:vault-token] Pepper:[REDACTED:secret] Mount:approle}');
  });
});

describe('redactor: database clients\' and curl\'s letter flags', () => {
  it('redacts mysql -p<password> and redis-cli -a <password>, keeping -p alone and other flags', () => {
    const r = createRedactor({});
    expect(r.text('mysql -uauthplane -phunter2pass -h db authplane')).toBe('mysql -uauthplane -p[REDACTED:password] -h db authplane');
    expect(r.text('redis-cli -h redis -a hunter2pass ping')).toBe('redis-cli -h redis -a [REDACTED:password] ping');
    expect(r.text('mysqldump -p -P 3306 authplane')).toBe('mysqldump -p -P 3306 authplane');
  });

  it('redacts the password of curl -u glued to its flag, keeping the user and a variable', () => {
    const r = createRedactor({});
    expect(r.text('curl -unotes-app:Gq8kLmN3pQ2rS5tU https://auth.example.com/oauth/token')).toBe('curl -unotes-app:[REDACTED:password] https://auth.example.com/oauth/token');
    expect(r.text('curl -unotes-app:$CLIENT_SECRET https://auth.example.com/oauth/token')).toBe('curl -unotes-app:$CLIENT_SECRET https://auth.example.com/oauth/token');
  });
});

describe('redactor: messages and members that only look like secrets', () => {
  it('keeps a log message whose first word is session, token or user, but not a header in it', () => {
    const r = createRedactor({});
    expect(r.value('msg', 'session: user existence check failed')).toBe('session: user existence check failed');
    expect(r.value('error', 'token: crypto/ecdsa: verification error')).toBe('token: crypto/ecdsa: verification error');
    expect(r.value('msg', 'Authorization: Bearer abcdefghijklmnop')).toBe('Authorization: Bearer [REDACTED:authorization-header]');
    // A line of a file is still a setting.
    expect(r.text('password: correct horse battery staple')).toBe('password: [REDACTED:password]');
  });

  it('treats d, k and q as private key members only inside a JWK', () => {
    const r = createRedactor({});
    expect(r.value('', { arguments: { q: 'q3 roadmap' }, jwk: { kty: 'EC', d: 'abc123def456', x: 'x1' } }))
      .toEqual({ arguments: { q: 'q3 roadmap' }, jwk: { kty: 'EC', d: '[REDACTED:private-key]', x: 'x1' } });
  });

  it('stops a bare value at a Markdown backtick', () => {
    expect(createRedactor({}).text('and `AUTHPLANE_VAULT_TOKEN=root`. For non-dev')).toBe('and `AUTHPLANE_VAULT_TOKEN=[REDACTED:vault-token]`. For non-dev');
  });

  it('redacts a secret announced with an aside or a participle before its colon', () => {
    const r = createRedactor({});
    expect(r.text('Client created. Secret (shown once): cs_9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c')).toBe('Client created. Secret (shown once): [REDACTED:secret]');
    expect(r.text('API key generated: ak_4f8a2c9e1b7d3f6a0c5e8b2d4f7a9c1e')).toBe('API key generated: [REDACTED:api-key]');
  });
});

describe('redactor: brackets around a secret and SQL IDENTIFIED BY', () => {
  it('keeps the brackets of a Go slice or map around the marker', () => {
    const r = createRedactor({});
    expect(r.text('secret=[abc123def] next')).toBe('secret=[[REDACTED:secret]] next');
    expect(r.text('token={x1y2z3w4}')).toBe('token={[REDACTED:access-token]}');
  });

  it('redacts the password of CREATE USER … IDENTIFIED BY', () => {
    expect(createRedactor({}).text(`CREATE USER 'authplane'@'%' IDENTIFIED BY '${PW}';`)).toBe("CREATE USER 'authplane'@'%' IDENTIFIED BY '[REDACTED:password]';");
  });
});
