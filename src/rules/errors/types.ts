// The shape of an error-catalogue entry: how to recognise an error in a bundle and what to tell the user.

export interface ErrorEntry {
  /** What is listed: an OAuth code (`invalid_grant`), a Go sentinel (`ErrInvalidPKCE`) or an SDK error (`verifier: token expired`). */
  code: string;
  kind: 'oauth' | 'sentinel' | 'sdk';
  /** Exact texts that identify it inside error strings (wire text, SDK message, class name). */
  texts: string[];
  meaning: string;
  fix: string;
}

/** A Go sentinel of internal/domain/errors.go: name, wire code, wire text, meaning, fix. */
export function sentinel(name: string, code: string, wire: string, meaning: string, fix: string): ErrorEntry {
  return { code: name, kind: 'sentinel', texts: wire ? [name, wire] : [name], meaning: `${meaning} (wire: ${code}, "${wire}")`, fix };
}
