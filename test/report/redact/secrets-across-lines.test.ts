// Secrets whose name and value a line-by-line scan sees apart: a Kubernetes env entry (`- name:`
// then `value:`), a YAML block scalar under a secret key, a compose entry with spaces in its value,
// a shell `set -x NAME value`, an argv array. Expected outputs written by hand.
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createRedactor } from '../../../src/report/index.ts';
import { redactYaml } from '../../../src/report/bundle/yaml-doc.ts';
import { redactFile } from '../../../src/report/bundle/redact-file.ts';

const SECRET = 'kP9x2LmQ7vN4rT8wZ1yB6cD3fG5hJ0aE';

describe('redactor: a Kubernetes env entry', () => {
  it('redacts the value: line that follows a secret name: line, in a log read line by line', () => {
    const r = createRedactor({});
    const lines = ['        - name: AUTHPLANE_SESSION_SECRET', `          value: ${SECRET}`, '        - name: AUTHPLANE_LOG_LEVEL', '          value: debug'];
    expect(lines.map((l) => r.text(l))).toEqual([
      '        - name: AUTHPLANE_SESSION_SECRET',
      '          value: [REDACTED:session-secret]',
      '        - name: AUTHPLANE_LOG_LEVEL',
      '          value: debug',
    ]);
  });

  it('judges a {name, value} object by its name, in JSON and in a YAML manifest', () => {
    const r = createRedactor({});
    expect(r.value('env', [{ name: 'AUTHPLANE_ADMIN_API_KEY', value: SECRET }, { name: 'AUTHPLANE_LOG_LEVEL', value: 'debug' }]))
      .toEqual([{ name: 'AUTHPLANE_ADMIN_API_KEY', value: '[REDACTED:api-key]' }, { name: 'AUTHPLANE_LOG_LEVEL', value: 'debug' }]);
    const yaml = ['env:', '  - name: AUTHPLANE_SESSION_SECRET', `    value: ${SECRET}`, '  - name: AUTHPLANE_LOG_LEVEL', '    value: info', ''].join('\n');
    expect(redactYaml(yaml, createRedactor({}))).toBe(['env:', '  - name: AUTHPLANE_SESSION_SECRET', '    value: "[REDACTED:session-secret]"', '  - name: AUTHPLANE_LOG_LEVEL', '    value: info', ''].join('\n'));
  });
});

describe('redactor: a Kubernetes env entry with its value first', () => {
  // `kubectl get -o yaml` sorts name before value; other tools write the value first.
  const manifest = ['    env:', '    - value: s3cr3t-value', '      name: AUTHPLANE_CLIENT_SECRET', '    - value: "two words"', '      name: AUTHPLANE_SESSION_SECRET', '    - value: info', '      name: AUTHPLANE_LOG_LEVEL'];
  const expected = ['    env:', '    - value: [REDACTED:client-secret]', '      name: AUTHPLANE_CLIENT_SECRET', '    - value: "[REDACTED:session-secret]"', '      name: AUTHPLANE_SESSION_SECRET', '    - value: info', '      name: AUTHPLANE_LOG_LEVEL'];

  it('redacts the value by the name on the next line, when each line is shown the next one', () => {
    const r = createRedactor({});
    expect(manifest.map((l, i) => r.text(l, manifest[i + 1]))).toEqual(expected);
  });

  it('redacts it in a text of several lines', () => {
    expect(createRedactor({}).text(manifest.join('\n'))).toBe(expected.join('\n'));
  });

  it('redacts it in a bundle file read line by line, across the batches the file is read in', async () => {
    // Filler of 1,048,550 characters: with `    env:` the text stays short of a batch (1 MiB of line
    // text), and the `- value:` line is the one that fills it, the last of its batch.
    const line = (i: number, len: number) => `level=info msg=filler n=${String(i).padStart(4, '0')} `.padEnd(len, 'x');
    const filler = [...Array.from({ length: 1048 }, (_, i) => line(i, 1000)), line(1048, 550)];
    const text = [...filler, ...manifest, ''].join('\n');
    const out = await redactFile('kubectl/pod.txt', Readable.from([Buffer.from(text)]), createRedactor({}));
    if (out.kind !== 'redacted') throw new Error(out.reason);
    const c = out.spool.contents();
    const parts: Buffer[] = [];
    if (Buffer.isBuffer(c)) parts.push(c);
    else for await (const b of c) parts.push(b as Buffer);
    expect(Buffer.concat(parts).toString('utf8').split('\n').slice(filler.length)).toEqual([...expected, '']);
  });

  it('does not give a `- value:` line the name of the entry before it, when the next line is not shown', () => {
    const r = createRedactor({});
    const lines = ['    - value: $(CLIENT_SECRET)', '      name: AUTHPLANE_CLIENT_SECRET', '    - value: info', '      name: AUTHPLANE_LOG_LEVEL'];
    expect(lines.map((l) => r.text(l))).toEqual(lines);
  });
});

describe('redactor: an argv printed one element a line', () => {
  it('redacts the line after a secret flag in kubectl describe\'s Args, at the flag\'s indent', () => {
    const r = createRedactor({});
    const lines = ['    Args:', '      serve', '      --client-secret', '      s3cr3t-value', '      --key', `      ${'9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08'}`, '      --log-level', '      debug'];
    expect(lines.map((l) => r.text(l))).toEqual(['    Args:', '      serve', '      --client-secret', '      [REDACTED:client-secret]', '      --key', '      [REDACTED:secret]', '      --log-level', '      debug']);
  });

  it('keeps a flag\'s description on the next line, a key name after --key and a flag after a flag', () => {
    const r = createRedactor({});
    const lines = ['  --password', '      Password for basic authentication', '      --key', '      jwks', '      --session.secret', '      --log-level=debug'];
    expect(lines.map((l) => r.text(l))).toEqual(lines);
  });
});

describe('redactor: a YAML block scalar under a secret key', () => {
  it('redacts the indented lines of `secret: |` and stops at the next key', () => {
    const r = createRedactor({});
    const lines = ['session:', '  secret: |', `    ${SECRET}`, `    ${SECRET.slice(0, 10)}`, '  max_age: 24h'];
    // Line by line, the parent `session:` is not known: the kind is the generic one.
    expect(lines.map((l) => r.text(l))).toEqual(['session:', '  secret: |', '    [REDACTED:secret]', '    [REDACTED:secret]', '  max_age: 24h']);
  });

  it('leaves a block scalar under a plain key alone', () => {
    const r = createRedactor({});
    expect(['description: >', '  Issues tokens', 'next: 1'].map((l) => r.text(l))).toEqual(['description: >', '  Issues tokens', 'next: 1']);
  });
});

describe('redactor: assignments whose value has spaces', () => {
  it('redacts the whole value of a compose environment entry, quoted or not', () => {
    const r = createRedactor({});
    expect(r.text('      - AUTHPLANE_ADMIN_API_KEY=my admin key 123')).toBe('      - AUTHPLANE_ADMIN_API_KEY=[REDACTED:api-key]');
    expect(r.text('  - "DB_PASSWORD=correct horse battery staple"')).toBe('  - "DB_PASSWORD=[REDACTED:password]"');
  });

  it('redacts the value of a fish `set -x` and a csh `setenv`', () => {
    const r = createRedactor({});
    expect(r.text(`set -gx AUTHPLANE_SESSION_SECRET ${SECRET}`)).toBe('set -gx AUTHPLANE_SESSION_SECRET [REDACTED:session-secret]');
    expect(r.text(`setenv AUTHPLANE_ADMIN_API_KEY ${SECRET}`)).toBe('setenv AUTHPLANE_ADMIN_API_KEY [REDACTED:api-key]');
    expect(r.text('set -x AUTHPLANE_LOG_LEVEL debug')).toBe('set -x AUTHPLANE_LOG_LEVEL debug');
  });
});

describe('redactor: secrets in structured values the key does not name', () => {
  it('redacts the argument after a secret flag in an argv array', () => {
    expect(createRedactor({}).value('args', ['serve', '--session.secret', SECRET, '--config', '/etc/authplane/config.yaml']))
      .toEqual(['serve', '--session.secret', '[REDACTED:session-secret]', '--config', '/etc/authplane/config.yaml']);
  });

  it('redacts the argument after a secret flag in a YAML manifest\'s args, flow or block style', () => {
    const flow = `args: ["serve", "--session.secret", "${SECRET}", "--config", "/etc/authplane/config.yaml"]\n`;
    expect(redactYaml(flow, createRedactor({}))).toBe('args: [ "serve", "--session.secret", "[REDACTED:session-secret]", "--config", "/etc/authplane/config.yaml" ]\n');
    const block = ['args:', '  - --admin.api-key', `  - ${SECRET}`, '  - --log-level', '  - debug', ''].join('\n');
    expect(redactYaml(block, createRedactor({}))).toBe(['args:', '  - --admin.api-key', '  - "[REDACTED:api-key]"', '  - --log-level', '  - debug', ''].join('\n'));
  });

  it('redacts a number under a password or a long number under a secret key, and keeps counts', () => {
    const r = createRedactor({});
    expect(r.value('db', { password: 12345678, pin_secret: 84736251, max_conns: 20, key_count: 2 }))
      .toEqual({ password: '[REDACTED:password]', pin_secret: '[REDACTED:secret]', max_conns: 20, key_count: 2 });
  });

  it('redacts the value of an XML element named for a secret', () => {
    const r = createRedactor({});
    expect(r.text(`<clientSecret>${SECRET}</clientSecret><clientId>notes-app</clientId>`)).toBe('<clientSecret>[REDACTED:client-secret]</clientSecret><clientId>notes-app</clientId>');
  });

  it('redacts values under short password names (DB_PASS, PGPASS) and *_token_value', () => {
    const r = createRedactor({});
    expect(r.text('DB_PASS=hunter2hunter2 PGPASS=hunter2hunter2')).toBe('DB_PASS=[REDACTED:password] PGPASS=[REDACTED:password]');
    expect(r.text(`upstream_token_value=${SECRET}`)).toBe('upstream_token_value=[REDACTED:access-token]');
    expect(r.text('bypass=true compass=north')).toBe('bypass=true compass=north');
  });
});

describe('redactor: several lines in one value', () => {
  it('applies the line rules to a ConfigMap whose config.yaml is a block of text', () => {
    const y = ['data:', '  config.yaml: |', '    session:', '      secret: |', `        ${SECRET}`, '    env:', '      - name: AUTHPLANE_ADMIN_API_KEY', '        value: my admin key', ''].join('\n');
    expect(redactYaml(y, createRedactor({}))).toBe(['data:', '  config.yaml: |', '    session:', '      secret: |', '        [REDACTED:secret]', '    env:', '      - name: AUTHPLANE_ADMIN_API_KEY', '        value: [REDACTED:api-key]', ''].join('\n'));
  });

  it('applies them to a multi-line excerpt passed as one text', () => {
    expect(createRedactor({}).text(`env:\n- name: AUTHPLANE_SESSION_SECRET\n  value: ${SECRET}\n- name: AUTHPLANE_LOG_LEVEL\n  value: debug`))
      .toBe('env:\n- name: AUTHPLANE_SESSION_SECRET\n  value: [REDACTED:session-secret]\n- name: AUTHPLANE_LOG_LEVEL\n  value: debug');
  });
});

describe('redactor: line rules that must stop', () => {
  it('ends a block scalar opened in a list item at the item\'s next key', () => {
    const r = createRedactor({});
    expect(['  - key: |', `      ${SECRET}`, '    value: 3'].map((l) => r.text(l))).toEqual(['  - key: |', '      [REDACTED:secret]', '    value: 3']);
  });

  it('keeps variable references in a secret env entry', () => {
    const r = createRedactor({});
    const lines = ['- name: AUTHPLANE_ADMIN_API_KEY', '  value: $(ADMIN_KEY)', '- AUTHPLANE_SESSION_SECRET=${SESSION_SECRET:?set it first}', 'set -x AUTHPLANE_SESSION_SECRET $SESSION_SECRET'];
    expect(lines.map((l) => r.text(l))).toEqual(lines);
    // A default is a value: it may be the secret itself.
    expect(r.text('- AUTHPLANE_SESSION_SECRET=${SESSION_SECRET:-s3cret default}')).toBe('- AUTHPLANE_SESSION_SECRET=[REDACTED:session-secret]');
  });

  it('keeps a count under a name that starts with max', () => {
    const r = createRedactor({});
    expect(['- name: MAX_TOKENS', '  value: "4096"'].map((l) => r.text(l))).toEqual(['- name: MAX_TOKENS', '  value: "4096"']);
  });
});

describe('redactor: an env entry written as JSON inside a line', () => {
  it('redacts the value of a secret-named entry in kubectl\'s last-applied-configuration, plain or escaped', () => {
    const r = createRedactor({});
    expect(r.text(`kubectl.kubernetes.io/last-applied-configuration: {"env":[{"name":"AUTHPLANE_SESSION_SECRET","value":"${SECRET} x"},{"name":"LOG","value":"debug"}]}`))
      .toBe('kubectl.kubernetes.io/last-applied-configuration: {"env":[{"name":"AUTHPLANE_SESSION_SECRET","value":"[REDACTED:session-secret]"},{"name":"LOG","value":"debug"}]}');
    expect(r.text('level=INFO msg="pod spec" spec="{\\"name\\":\\"DB_PASSWORD\\",\\"value\\":\\"correct horse\\"}"'))
      .toBe('level=INFO msg="pod spec" spec="{\\"name\\":\\"DB_PASSWORD\\",\\"value\\":\\"[REDACTED:password]\\"}"');
  });
});

describe('redactor: manifest lines behind a prefix or with a comment', () => {
  it('follows a Kubernetes env entry in a diff, a Markdown quote and behind a kubectl logs prefix', () => {
    const r = createRedactor({});
    const lines = [
      '+        - name: AUTHPLANE_SESSION_SECRET', `+          value: ${SECRET}`,
      '> - name: DB_PASSWORD   # from vault', '>   value: correct horse',
      '[pod/authserver-0/authserver] - name: AUTHPLANE_ADMIN_API_KEY', '[pod/authserver-0/authserver]   value: my key',
    ];
    expect(lines.map((l) => r.text(l))).toEqual([
      '+        - name: AUTHPLANE_SESSION_SECRET', '+          value: [REDACTED:session-secret]',
      '> - name: DB_PASSWORD   # from vault', '>   value: [REDACTED:password]',
      '[pod/authserver-0/authserver] - name: AUTHPLANE_ADMIN_API_KEY', '[pod/authserver-0/authserver]   value: [REDACTED:api-key]',
    ]);
  });

  it('follows a block scalar in a compose log', () => {
    const r = createRedactor({});
    const lines = ['authserver-1  |   secret: |', `authserver-1  |     ${SECRET}`, 'authserver-1  |   max_age: 24h'];
    expect(lines.map((l) => r.text(l))).toEqual(['authserver-1  |   secret: |', 'authserver-1  |     [REDACTED:secret]', 'authserver-1  |   max_age: 24h']);
  });
});

describe('redactor: assignments with spaces inside quotes and list entries', () => {
  it('redacts a quoted NAME=value word whole: docker run -e, a compose flow list', () => {
    const r = createRedactor({});
    expect(r.text('docker run -e "AUTHPLANE_SESSION_SECRET=a b c" -e "AUTHPLANE_LOG_LEVEL=debug" authplane/authserver'))
      .toBe('docker run -e "AUTHPLANE_SESSION_SECRET=[REDACTED:session-secret]" -e "AUTHPLANE_LOG_LEVEL=debug" authplane/authserver');
    expect(r.text('environment: ["DB_PASSWORD=two words", "PORT=9000"]')).toBe('environment: ["DB_PASSWORD=[REDACTED:password]", "PORT=9000"]');
  });

  it('redacts a compose list entry whose value holds `=` and spaces', () => {
    expect(createRedactor({}).text('      - AUTHPLANE_ADMIN_API_KEY=abc def=ghi')).toBe('      - AUTHPLANE_ADMIN_API_KEY=[REDACTED:api-key]');
  });
});

describe('redactor: several lines in one text, continued', () => {
  it('keeps every line of a compose list passed as one text', () => {
    expect(createRedactor({}).text('- DB_PASSWORD=a b\n- LOG_LEVEL=debug\n- CLIENT_ID=web')).toBe('- DB_PASSWORD=[REDACTED:password]\n- LOG_LEVEL=debug\n- CLIENT_ID=web');
  });

  it('follows a block scalar in a text with CRLF line ends', () => {
    expect(createRedactor({}).value('config.yaml', 'session:\r\n  secret: |\r\n    abc def\r\n  max_age: 1h\r\n'))
      .toBe('session:\r\n  secret: |\r\n    [REDACTED:secret]\r\n  max_age: 1h\r\n');
  });
});
