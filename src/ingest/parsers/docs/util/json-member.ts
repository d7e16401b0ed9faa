// Finds where a member of a JSON text is (`issuer`, `keys[1].kid`), so evidence can cite its line.
// Run only when a rule cites a member: indexing never needs it, so documents are not scanned twice.

/** A member path: object keys and array indexes from the root (`['keys', 1, 'kid']`). */
export type MemberPath = readonly (string | number)[];

const WS = /\s/;

/** Index just past the JSON value starting at `i` (or text.length when the text is cut off). */
function skipValue(text: string, i: number): number {
  const c = text[i];
  if (c === '"') return skipString(text, i);
  if (c !== '{' && c !== '[') {
    // Number, true, false, null: up to the next delimiter.
    while (i < text.length && !/[,\]}\s]/.test(text[i]!)) i++;
    return i;
  }
  let depth = 0;
  for (; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '"') i = skipString(text, i) - 1;
    else if (ch === '{' || ch === '[') depth++;
    else if (ch === '}' || ch === ']') {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return i;
}

/** Index just past the string whose opening quote is at `i`. */
function skipString(text: string, i: number): number {
  for (i++; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\\') i++;
    else if (ch === '"') return i + 1;
  }
  return i;
}

function skipWs(text: string, i: number): number {
  while (i < text.length && WS.test(text[i]!)) i++;
  return i;
}

/**
 * Character offset of a member in a JSON text: the opening quote of its key for an object member,
 * the first character of the element for an array index; -1 when the path is not there.
 */
export function memberOffset(text: string, path: MemberPath): number {
  let i = skipWs(text, 0);
  let at = i;
  for (const step of path) {
    const open = text[i];
    if (typeof step === 'string') {
      if (open !== '{') return -1;
      i = skipWs(text, i + 1);
      let found = false;
      while (i < text.length && text[i] === '"') {
        const keyEnd = skipString(text, i);
        let key: unknown;
        try {
          key = JSON.parse(text.slice(i, keyEnd));
        } catch {
          return -1;
        }
        const keyAt = i;
        i = skipWs(text, keyEnd);
        if (text[i] !== ':') return -1;
        i = skipWs(text, i + 1);
        if (key === step) {
          at = keyAt;
          found = true;
          break;
        }
        i = skipWs(text, skipValue(text, i));
        if (text[i] === ',') i = skipWs(text, i + 1);
      }
      if (!found) return -1;
    } else {
      if (open !== '[') return -1;
      i = skipWs(text, i + 1);
      for (let n = 0; n < step; n++) {
        if (i >= text.length || text[i] === ']') return -1;
        i = skipWs(text, skipValue(text, i));
        if (text[i] !== ',') return -1;
        i = skipWs(text, i + 1);
      }
      if (i >= text.length || text[i] === ']') return -1;
      at = i;
    }
  }
  return at;
}

/** 1-based line (within `text`) of a member, or undefined when the path is not there. */
export function memberLineIn(text: string, path: MemberPath): number | undefined {
  const at = memberOffset(text, path);
  if (at < 0) return undefined;
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < at; i = text.indexOf('\n', i + 1)) line++;
  return line;
}
