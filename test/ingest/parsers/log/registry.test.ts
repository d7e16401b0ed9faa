// With every registered format competing (as the reader runs them), logs go to a log format and
// documents to theirs.
import { describe, expect, it } from 'vitest';
import { allFormats, makeHead, type FileFormat, type FileHead } from '../../../../src/ingest/index.ts';

function winner(path: string, text: string): FileFormat | null {
  const head: FileHead = makeHead(path, Buffer.from(text), true, null);
  let best: FileFormat | null = null;
  let bestScore = 0;
  for (const f of allFormats()) {
    const s = f.sniff(head);
    if (s > bestScore) { best = f; bestScore = s; }
  }
  return best;
}

const JWKS = '{\n  "keys": [\n    {"kty":"EC","crv":"P-256","kid":"k1","use":"sig","alg":"ES256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"}\n  ]\n}\n';
const SLOG = '{"time":"2026-10-03T09:16:11.07Z","level":"INFO","msg":"tokens issued","service":"authserver","client_id":"c1"}\n';

describe('log formats among all formats', () => {
  it('lets a slog JSON log win over every document format, whatever the file is called', () => {
    expect(winner('bundle/discovery.json', SLOG.repeat(5))).toMatchObject({ id: 'slog-json', kind: 'log' });
  });

  it('leaves a JWKS document to a document format even when it is named like a log', () => {
    expect(winner('logs/jwks.log', JWKS)?.kind).not.toBe('log');
  });

  it('leaves NDJSON audit events to an audit format', () => {
    const audit = '{"id":"1","action":"token.issued","actor_id":"u","client_id":"c","ip":"1.2.3.4","detail":"","trace_id":"","created_at":"2026-10-03T09:15:02Z"}\n';
    expect(winner('audit.ndjson', audit.repeat(3))?.kind).not.toBe('log');
  });
});
