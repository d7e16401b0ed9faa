// samples/README.md, written from the scenario list so it never drifts from the bundles.
import type { Scenario } from './types.ts';

function fileOf(s: Scenario): string {
  const p = s.setup?.packaging ?? 'tgz';
  return p === 'dir' ? `${s.name}/` : `${s.name}.${p}`;
}

/** The README: how to use and regenerate the corpus, then one line per scenario. */
export function readme(scenarios: Scenario[]): string {
  const rows = scenarios.map((s) => `| \`${fileOf(s)}\`${s.checklist ? ' ✓' : ''} | ${s.broken.replace(/\|/g, '\\|')} | ${s.symptom.replace(/\|/g, '\\|')} | ${s.primary ? `\`${s.primary}\`` : '— (healthy)'} |`);
  return `# Sample support bundles

Realistic AuthPlane support bundles for trying forensic and for proving every rule end to end.
Each bundle holds an hour of background traffic (logins, token issuance and refresh, verified MCP
calls, machine tokens, probes, scrapes, scanner 404s, a mistyped password, a \`verifier=invalid\`
code replay) around one failure, in the real formats of \`shared/reference/authplane-facts.md\` and
\`sdk-facts.md\`: slog JSON or text server logs (raw, kubectl \`--prefix --timestamps\`, CRI, docker
json-file, journald export, docker compose), an MCP server's own logs (Go host app with
\`msg=verified\`, Python with the SDK's \`authplane.*\` loggers, TS with \`[authplane] \` lines),
two or three \`/metrics\` scrapes, audit dumps (bare array, envelope, NDJSON, CSV), health and
discovery documents, JWKS, PRM, config with secrets, \`authserver version\` output, and sometimes
captured exchanges and pasted tokens (real ES256 JWTs signed by a key in the JWKS).

\`\`\`sh
node bin/forensic.js analyze samples/signing-key-regenerated.tgz
npm run samples                      # regenerate everything (byte-identical)
npx tsx samples/generate.ts kid-unknown --out /tmp/s   # one scenario elsewhere
\`\`\`

Next to each bundle, \`<name>.expected.json\` says which causes (\`shared/contract.md\`) must be
reported, which must rank first, which must not appear, whether the bundle is healthy, the
secrets planted in it (never allowed in redacted output) and debug ids that must survive
redaction. \`test/samples/expected.test.ts\` checks every bundle against it; expectations not met
yet are listed in \`known-gaps.json\` (the list may only shrink).

The generator lives in \`gen/\`: \`background.ts\` (the hour of traffic), \`rs.ts\` (the MCP server
side), \`render.ts\` and \`wrappers.ts\` (line formats), \`metrics.ts\`, \`documents.ts\`,
\`audit-writer.ts\`, \`captures.ts\`, \`tokens.ts\` (jose signing with the signature cache
\`token-cache.json\`, because ES256 signatures are randomized), \`keys.ts\` (fixed sample-only keys),
\`archive.ts\`/\`zip.ts\` (deterministic packaging) and \`scenarios/\` (one small file per family:
a scenario is a description plus hooks and injections on top of the background).
Adding one: add an entry to a family file, run \`npm run samples\`, commit the bundle and its
expected.json.

✓ = one of the seed debugging checklist's own examples.

| bundle | what is broken | what a user sees | expected primary cause |
|---|---|---|---|
${rows.join('\n')}
`;
}
