// Decoding a compact JWT (header and claims only) and finding one inside pasted text.

/** A decoded compact JWS: header and claims; the signature is never kept. */
export interface DecodedJwt {
  header: Record<string, unknown>;
  claims: Record<string, unknown>;
}

// Three base64url parts; the first two start with `eyJ` (`{"`). The signature may be empty (alg none).
const JWT_IN_TEXT = /eyJ[A-Za-z0-9_-]*\.eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*/;

/** The first compact JWT in a text (a bare token, `Bearer <jwt>`, an `Authorization:` line, a file), or null. */
export function findCompactJwt(text: string): string | null {
  const m = JWT_IN_TEXT.exec(text);
  return m ? m[0] : null;
}

function decodePart(part: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** Decode a compact JWT's header and claims, or return null when it is not a JWT. Never throws. */
export function decodeCompactJwt(token: string): DecodedJwt | null {
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  const header = decodePart(parts[0]!);
  const claims = decodePart(parts[1]!);
  if (!header || !claims) return null;
  return { header, claims };
}
