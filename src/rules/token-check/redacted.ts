// The signature that `forensic redact` writes into a JWT it keeps: such a token can be decoded
// but never verified, and must not be reported as forged.

/** The literal signature part of a redacted compact JWT. */
export const REDACTED_SIGNATURE = 'REDACTED';

/** True when the compact token's signature was replaced by the redactor. */
export function isRedactedSignature(compact: string): boolean {
  return compact.slice(compact.lastIndexOf('.') + 1) === REDACTED_SIGNATURE;
}
