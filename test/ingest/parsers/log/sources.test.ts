// Which stream a line belongs to when the line itself does not say: derived from the file path.
import { describe, expect, it } from 'vitest';
import { sourceFromPath } from '../../../../src/ingest/parsers/log/index.ts';

describe('stream names from paths', () => {
  it.each([
    ['var/lib/docker/containers/0123456789ab0123456789ab0123456789ab0123456789ab0123456789abcdef/0123456789ab0123456789ab0123456789ab0123456789ab0123456789abcdef-json.log',
      'container/0123456789ab'],
    ['bundle.tgz!/var/log/pods/auth_authserver-7d9f6_0c1d2e3f-aaaa/authserver/0.log', 'pod/authserver-7d9f6/authserver'],
    ['var/log/pods/auth_authserver-7d9f6_0c1d2e3f-aaaa/authserver/0.log.20261003-091500.gz', 'pod/authserver-7d9f6/authserver'],
    ['var/log/containers/notes-mcp-5d6b_default_notes-mcp-0123456789ab0123456789ab0123456789ab0123456789ab0123456789abcdef.log', 'pod/notes-mcp-5d6b/notes-mcp'],
    ['logs/authserver.log', 'logs/authserver.log'],
    ['logs/authserver.log.1', 'logs/authserver.log'],
    ['logs/authserver.log.2.gz', 'logs/authserver.log'],
  ])('names %s as %s', (path, source) => {
    expect(sourceFromPath(path)).toBe(source);
  });
});
