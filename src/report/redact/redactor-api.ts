// What callers see of the redactor: its options, its methods and its summary.
import type { SecretKind } from './keys.ts';

export interface RedactorOptions {
  /** Key for the pseudonym HMAC; random per report when absent. Never written out. */
  key?: Buffer;
  /** Operator's own domains whose hostnames get pseudonymized (e.g. from the issuer). */
  ownDomains?: string[];
  /**
   * Pseudonymize in-cluster and private-network hostnames (`pg-primary.db.svc`, `*.internal`,
   * `*.local`, `*.lan`, `*.corp`): they map the operator's topology. Default true; false only for
   * local output that keeps the operator's own hosts readable.
   */
  internalHosts?: boolean;
  /**
   * How a JWT is replaced: `marker` (reports: `[JWT alg=…,kid=…]`) or `token` (redacted bundles:
   * the same header, non-identifying claims, identity claims pseudonymized, signature `REDACTED`,
   * so the bundle still parses). Default `marker`.
   */
  jwt?: 'marker' | 'token';
}

/** Kinds and counts of what was replaced, never the values. */
export interface RedactionSummary {
  counts: Record<string, number>;
}

export interface Redactor {
  /**
   * Redact secrets and pseudonymize identities in free text (a log line, an excerpt). `next`: the
   * line that follows `s` when the caller reads a file line by line; a few shapes name a value on
   * the line after it (`- value: x` then `name: X_SECRET`).
   */
  text(s: string, next?: string): string;
  /** Redact one structured value in the place named by `key` (a JSON/YAML/env key or header name). */
  value(key: string, v: unknown): unknown;
  /**
   * Run the well-known-token detector (secretlint) over a whole document or excerpt set and
   * remember what it found: every later text()/value() call replaces those values too.
   */
  learn(text: string): Promise<void>;
  /**
   * Remember the user and session ids found in a structured value (by key, like value()) without
   * producing output: later text() calls pseudonymize those ids in free text too (an explanation
   * that names `user-42`). Cheap, idempotent, and counts nothing.
   */
  noteIdentities(key: string, v: unknown): void;
  /**
   * OAuth client ids the bundle uses: public identifiers, kept readable (as under `client_id`) even
   * where a user field holds one: a machine client's audit rows name it as their actor.
   */
  noteClientIds(ids: Iterable<string>): void;
  /**
   * Treat `name` (an env var, a YAML or JSON key) as holding a secret of `kind` wherever it appears:
   * the variable a `*_key_env` setting names, which no naming rule can guess.
   */
  noteSecretName(name: string, kind: SecretKind): void;
  summary(): RedactionSummary;
}
