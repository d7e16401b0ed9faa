// Placeholder: the fail-closed redactor lands here.

export interface RedactorOptions {
  /** Key for the pseudonym HMAC; random per report when absent. Never written out. */
  key?: Buffer;
  /** Operator's own domains whose hostnames get pseudonymized (e.g. from the issuer). */
  ownDomains?: string[];
}

/** Kinds and counts of what was replaced, never the values. */
export interface RedactionSummary {
  counts: Record<string, number>;
}

export interface Redactor {
  /** Redact secrets and pseudonymize identities in free text (a log line, an excerpt). */
  text(s: string): string;
  /** Redact one structured value in the place named by `key` (a JSON/YAML/env key or header name). */
  value(key: string, v: unknown): unknown;
  summary(): RedactionSummary;
}

/** Create a redactor with a per-report pseudonym key. */
export function createRedactor(_opts: RedactorOptions = {}): Redactor {
  throw new Error('redactor is not implemented yet');
}
