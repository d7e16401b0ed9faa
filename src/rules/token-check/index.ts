// Public surface of the offline token check (`forensic token`, checklist steps 4 and 5).
export { checkToken, tokenScopes, tokenAudiences, ALLOWED_ALGS, type TokenCheckInput, type TokenCheckResult, type TokenVerdict, type CheckId, type CheckStatus } from './checks.ts';
export { decodeCompactJwt, findCompactJwt, type DecodedJwt } from './decode.ts';
export { tokenView, type TokenView } from './view.ts';
export { REDACTED_SIGNATURE, isRedactedSignature } from './redacted.ts';
