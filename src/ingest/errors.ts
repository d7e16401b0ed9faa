// The one error class that stops a run. Its code maps to an exit code (contract.md).

export type ForensicErrorCode = 'usage' | 'input-unusable' | 'internal';

const EXIT_CODES: Record<ForensicErrorCode, number> = { usage: 2, 'input-unusable': 3, internal: 4 };

/** A run-stopping error with a one-line, user-facing message (what, where, how to fix). */
export class ForensicError extends Error {
  readonly code: ForensicErrorCode;
  constructor(code: ForensicErrorCode, message: string) {
    super(message);
    this.name = 'ForensicError';
    this.code = code;
  }
  get exitCode(): number {
    return EXIT_CODES[this.code];
  }
}
