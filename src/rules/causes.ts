// The cause ids of contract.md: stable, kebab-case, one per distinct root cause, with their checklist step.

export const CAUSES = {
  'server-unreachable': 1,
  'db-unreachable': 1,
  'config-invalid': 1,
  'issuer-mismatch': 2,
  'discovery-not-found': 2,
  'jwks-empty': 2,
  'jwks-unavailable': 2,
  'prm-missing': 2,
  'prm-authorization-servers': 2,
  'scopes-not-advertised': 3,
  'scope-required-missing': 3,
  'kid-unknown': 4,
  'signing-key-regenerated': 4,
  'token-type-invalid': 4,
  'signature-invalid': 4,
  'audience-mismatch': 5,
  'token-issuer-mismatch': 5,
  'insufficient-scope': 5,
  'token-expired': 5,
  'clock-skew': 5,
  // Added by the rules: G11, /oauth/token refuses the resource parameter with invalid_target (enforced since 0.2.0).
  'invalid-target': 5,
  'sdk-not-wired': 6,
  'www-authenticate-missing': 6,
  'pkce-failures': 7,
  'dpop-replay': 7,
  'dpop-proof-invalid': 7,
  'dpop-nonce': 7,
  'upstream-refresh-failed': 7,
  'refresh-token-reuse': 7,
  'auth-code-reuse': 7,
  'revocation-failed': 7,
  'login-denials': 7,
  'rate-limited': 7,
  'server-errors': 7,
  'slow-token-issuance': 7,
  'signer-unavailable': 7,
  // Added by the rules (contract.md: "Rules may add causes"): G7, token exchange refused by the 0.2.0 cross-client allowlist.
  'exchange-not-allowlisted': 7,
  // G4-G6: client_credentials refused (DCR-created or scopeless machine client, grant missing or disabled).
  'client-credentials-denied': 7,
  // O1: federated login fails because the upstream OIDC identity provider is unreachable.
  'oidc-upstream-unavailable': 7,
  // G12: CIMD clients refused at authorize (DCR policy, disabled grant, document fetch failed).
  'cimd-registration-refused': 7,
  'audit-events-dropped': 10,
  'token-revoked-still-used': 10,
  'consent-not-granted': 10,
  'broker-grant-revoked': 10,
  'unexpected-key-rotation': 10,
  // AD2, AD3: admin API answers 401 (no admin key configured, none sent, or a wrong one), the audit fetch included.
  'admin-key-rejected': 10,
  'session-secret-ephemeral': 0,
  'cors-disabled': 0,
  'version-skew': 0,
  'observability-gap': 0,
} as const;

export type CauseId = keyof typeof CAUSES;

/** Checklist step titles (reference/checklist.md), step 0 = bundle-level. */
export const STEP_TITLES: Record<number, string> = {
  0: 'Bundle and deployment',
  1: 'AuthPlane reachable and DB healthy',
  2: 'Discovery, JWKS and PRM',
  3: 'Scopes advertised',
  4: 'Token signed by the expected key',
  5: 'Token audience, issuer, scope and expiry',
  6: "MCP server's SDK reads the token",
  7: 'Metrics tell a story',
  8: 'Failing request correlated end-to-end',
  9: 'Reproduce with MCP Inspector',
  10: 'Audit trail',
};
