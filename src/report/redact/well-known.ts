// Well-known token shapes (cloud keys, GitHub/Slack/npm tokens, private keys, basic-auth URLs)
// found by secretlint's maintained recommended preset, on top of our AuthPlane-aware rules.
import { lintSource } from '@secretlint/core';
import { creator as recommended } from '@secretlint/secretlint-rule-preset-recommend';

const CONFIG = { rules: [{ id: '@secretlint/secretlint-rule-preset-recommend', rule: recommended }] };
/** secretlint holds the whole source in memory: scan big documents in slices of this size. */
const SLICE = 4 * 1024 * 1024;

/** The exact secret substrings secretlint flags in `text` (empty when none, or if it fails). */
export async function findWellKnownSecrets(text: string): Promise<string[]> {
  const found = new Set<string>();
  let start = 0;
  while (start < text.length) {
    // Cut on a line boundary so a token is not split between slices.
    let end = Math.min(text.length, start + SLICE);
    if (end < text.length) {
      const nl = text.lastIndexOf('\n', end);
      if (nl > start) end = nl + 1;
    }
    const content = text.slice(start, end);
    try {
      const r = await lintSource({
        source: { filePath: 'excerpt.txt', content, contentType: 'text' },
        options: { config: CONFIG, noPhysicFilePath: true },
      });
      for (const msg of r.messages) {
        const [a, b] = msg.range;
        const hit = content.slice(a, b).trim();
        if (hit) found.add(hit);
      }
    } catch {
      // The detector is an extra net; our own rules still run when it cannot.
    }
    start = end;
  }
  return [...found];
}
