// Identities named in free text (a message, an error string, an embedded JSON object) are
// pseudonymized on their own, without the same value having to appear in a structured field.
import { describe, expect, it } from 'vitest';
import { createRedactor } from '../../../src/report/index.ts';

const U = String.raw`user#[0-9a-f]{4}`;
const EMAIL = String.raw`user#[0-9a-f]{4}@example\.invalid`;

describe('redactor: identities in free text', () => {
  it('pseudonymizes an email address inside a log message', () => {
    const out = createRedactor({}).text('level=WARN msg="login failed for alice@corp.example.com: bad password"');
    expect(out).toMatch(new RegExp(`^level=WARN msg="login failed for ${EMAIL}: bad password"$`));
  });

  it('pseudonymizes sub=, user=, actor=, username= and email= values inside an error string', () => {
    const out = createRedactor({}).text('level=ERROR msg="exchange failed" error="token exchange: sub=u-1001 user=bob actor=svc-robot username=carol email=dave@x.io"');
    expect(out).toMatch(new RegExp(`^level=ERROR msg="exchange failed" error="token exchange: sub=${U} user=${U} actor=${U} username=${U} email=${EMAIL}"$`));
    for (const v of ['u-1001', 'bob', 'svc-robot', 'carol', 'dave']) expect(out).not.toContain(v);
  });

  it('pseudonymizes identities in a plain key=value line that is not slog', () => {
    const out = createRedactor({}).text('audit: consent.granted user=u-2002 client_id=claude-code scopes=tools/read');
    expect(out).toMatch(new RegExp(`^audit: consent\\.granted user=${U} client_id=claude-code scopes=tools/read$`));
  });

  it('gives an id in a message the same pseudonym as the same id in a structured field, without priming', () => {
    const r = createRedactor({});
    const text = r.text('msg="consent denied sub=u-3003"');
    const field = r.value('user_id', 'u-3003');
    expect(text).toBe(`msg="consent denied sub=${String(field)}"`);
  });

  it('keeps the punctuation that ends a sentence out of the id, so the same user keeps one pseudonym', () => {
    const r = createRedactor({});
    const a = r.text('err="lookup user=bob: not found"');
    const b = r.text('failed for user=bob.');
    const p = String(r.value('user', 'bob'));
    expect(a).toBe(`err="lookup user=${p}: not found"`);
    expect(b).toBe(`failed for user=${p}.`);
  });

  it('pseudonymizes "sub" in a JSON object embedded in a JSON log message', () => {
    const line = '{"level":"WARN","msg":"claims {\\"sub\\":\\"u-4004\\",\\"aud\\":\\"https://mcp.example.com\\"}","trace_id":"4bf92f3577b34da6a3ce929d0e0e4736"}';
    const out = createRedactor({}).text(line);
    expect(out).toMatch(new RegExp(String.raw`^\{"level":"WARN","msg":"claims \{\\"sub\\":\\"${U}\\",\\"aud\\":\\"https://mcp\.example\.com\\"\}","trace_id":"4bf92f3577b34da6a3ce929d0e0e4736"\}$`));
    expect(out).not.toContain('u-4004');
  });

  it('pseudonymizes "sub" and "email" in a JSON object embedded in a slog text value', () => {
    const out = createRedactor({}).text('level=INFO msg="decoded" claims="{\\"sub\\":\\"u-5005\\",\\"email\\":\\"eve@corp.io\\",\\"scope\\":\\"tools/read\\"}"');
    expect(out).toMatch(new RegExp(String.raw`^level=INFO msg="decoded" claims="\{\\"sub\\":\\"${U}\\",\\"email\\":\\"${EMAIL}\\",\\"scope\\":\\"tools/read\\"\}"$`));
  });

  it('pseudonymizes "sub" in a doubly escaped JSON object', () => {
    const out = createRedactor({}).text('raw="{\\\\\\"sub\\\\\\":\\\\\\"u-6006\\\\\\"}"');
    expect(out).not.toContain('u-6006');
    expect(out).toMatch(new RegExp(String.raw`\\\\\\"sub\\\\\\":\\\\\\"${U}\\\\\\"`));
  });

  it('pseudonymizes ids printed as Go structs or object literals (Sub:, UserID:, userId:)', () => {
    const r = createRedactor({});
    expect(r.text('level=DEBUG msg="claims {Sub:u-7007 UserID:u-7008 Scope:tools/read}"')).toMatch(new RegExp(`^level=DEBUG msg="claims \\{Sub:${U} UserID:${U} Scope:tools/read\\}"$`));
    expect(r.text("session { userId: 'u-7009', username: \"carol\" }")).toMatch(new RegExp(`^session \\{ userId: '${U}', username: "${U}" \\}$`));
    expect(r.text('lookup failed for sub: u-7010.')).toMatch(new RegExp(`^lookup failed for sub: ${U}\\.$`));
  });

  it('keeps the roles admin and system readable in free text', () => {
    expect(createRedactor({}).text('msg="key rotated" detail="actor=admin"')).toBe('msg="key rotated" detail="actor=admin"');
  });
});

describe('redactor: RFC 5322 email addresses', () => {
  it('pseudonymizes an address with # in the local part, whole', () => {
    const out = createRedactor({}).text('invite sent to o#neil@example.org today');
    expect(out).toMatch(new RegExp(`^invite sent to ${EMAIL} today$`));
  });

  it('pseudonymizes addresses using every special character RFC 5322 allows in a local part', () => {
    const r = createRedactor({});
    // `?`, `=` and `&` are left out: in a log they belong to a query string (next test).
    for (const local of ['a!b', 'a$b', 'a%b', "o'neil", 'a*b', 'a+tag', 'a/b', 'a^b', 'a`b', 'a{b}', 'a|b', 'a~b', '#team', '!x']) {
      const out = r.text(`from ${local}@acme.io.`);
      expect(out, local).toMatch(new RegExp(`^from ${EMAIL}\\.$`));
    }
  });

  it('does not swallow the quote, slash or bracket around an address', () => {
    const r = createRedactor({});
    expect(r.text("owner='alice@acme.io'")).toMatch(new RegExp(`^owner='${EMAIL}'$`));
    expect(r.text('members {alice@acme.io}')).toMatch(new RegExp(`^members \\{${EMAIL}\\}$`));
    expect(r.text('| alice@acme.io |')).toMatch(new RegExp(`^\\| ${EMAIL} \\|$`));
  });

  it('takes a path segment glued to an address with it, since a local part may hold a slash: nothing is left readable', () => {
    expect(createRedactor({}).text('GET /admin/users/alice@acme.io')).toMatch(new RegExp(`^GET /${EMAIL}$`));
  });

  it('keeps the path and the parameter names of a query string around an address, percent-encoded or not', () => {
    const r = createRedactor({});
    expect(r.text('GET /oauth/authorize?login_hint=alice%40acme.io&client_id=notes-app')).toMatch(new RegExp(`^GET /oauth/authorize\\?login_hint=${EMAIL}&client_id=notes-app$`));
    expect(r.text('login_hint=alice@acme.io')).toMatch(new RegExp(`^login_hint=${EMAIL}$`));
  });

  it('gives an address the same pseudonym percent-encoded in a query and plain in a field', () => {
    const r = createRedactor({});
    const field = String(r.value('email', 'alice@acme.io'));
    expect(r.text('/oauth/authorize?login_hint=alice%40acme.io')).toBe(`/oauth/authorize?login_hint=${field}`);
  });

  it('gives one address the same pseudonym in text and in an email field', () => {
    const r = createRedactor({});
    const field = String(r.value('email', 'o#neil@example.org'));
    expect(r.text('user o#neil@example.org logged in')).toBe(`user ${field} logged in`);
  });
});

describe('redactor: client ids', () => {
  it('keeps a registered client name readable in free text, as design.md asks for public clients', () => {
    const line = 'level=WARN msg="cimd auto-registration failed" error="client_id=claude-code: grant disabled"';
    expect(createRedactor({}).text(line)).toBe(line);
  });

  it('pseudonymizes the address when a client id is an email, and the host when it is a CIMD URL of an own domain', () => {
    const r = createRedactor({ ownDomains: ['https://auth.acme-corp.io'] });
    expect(r.text('client_id=ops@acme-corp.io')).toMatch(new RegExp(`^client_id=${EMAIL}$`));
    expect(r.text('client_id=https://app.acme-corp.io/oauth/client.json')).toMatch(/^client_id=https:\/\/host-[0-9a-f]{4}\.invalid\/oauth\/client\.json$/);
    expect(r.value('client_id', 'https://tools.example.com/client.json')).toBe('https://tools.example.com/client.json');
  });
});


describe('redactor: ids in audit details', () => {
  it('pseudonymizes the session id of a consent.denied or auth_code.reused detail', () => {
    const r = createRedactor({});
    expect(r.text('action=auth_code.reused detail="code_reuse session=as_01HZX3Q9M2 verifier=valid"'))
      .toMatch(/^action=auth_code\.reused detail="code_reuse session=session#[0-9a-f]{4} verifier=valid"$/);
  });

  it('pseudonymizes the user id that is the whole detail of a user.* audit row', () => {
    const r = createRedactor({});
    const row = r.value('row', { action: 'user.disabled', actor_id: 'admin', detail: 'u-8008' }) as Record<string, unknown>;
    expect(row).toEqual({ action: 'user.disabled', actor_id: 'admin', detail: expect.stringMatching(new RegExp(`^${U}$`)) as unknown });
    expect(r.value('user_id', 'u-8008')).toBe(row.detail);
  });

  it('keeps the detail of other audit rows as it is', () => {
    expect(createRedactor({}).value('row', { action: 'family.revoked', actor_id: '', detail: 'reuse_detection family=fam_01HZX3Q9M2' }))
      .toEqual({ action: 'family.revoked', actor_id: '', detail: 'reuse_detection family=fam_01HZX3Q9M2' });
  });
});

describe('redactor: priming from audit rows', () => {
  it('pseudonymizes in free text the user id a user.* audit row names in its detail', () => {
    const r = createRedactor({});
    r.noteIdentities('audit', { action: 'user.force_logout', actor_id: 'admin', detail: 'u-9009; families revoked' });
    expect(r.text('Findings: u-9009 was logged out by an admin')).toMatch(new RegExp(`^Findings: ${U} was logged out by an admin$`));
  });
});
