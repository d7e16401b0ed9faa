// Rules of checklist steps 5 (token claims) to 10 (audit trail), sorted by id.
import type { Rule } from '../types.ts';
import ap0501 from './ap0501-audience-mismatch.ts';
import ap0502 from './ap0502-token-audience.ts';
import ap0503 from './ap0503-token-issuer-mismatch.ts';
import ap0504 from './ap0504-insufficient-scope.ts';
import ap0505 from './ap0505-token-expired.ts';
import ap0506 from './ap0506-clock-skew.ts';
import ap0507 from './ap0507-invalid-target.ts';
import ap0601 from './ap0601-sdk-not-wired.ts';
import ap0602 from './ap0602-www-authenticate-missing.ts';
import ap0701 from './ap0701-pkce-failures.ts';
import ap0702 from './ap0702-dpop-replay.ts';
import ap0703 from './ap0703-dpop-proof-invalid.ts';
import ap0704 from './ap0704-dpop-nonce.ts';
import ap0705 from './ap0705-upstream-refresh-failed.ts';
import ap0706 from './ap0706-refresh-token-reuse.ts';
import ap0707 from './ap0707-auth-code-reuse.ts';
import ap0708 from './ap0708-revocation-failed.ts';
import ap0709 from './ap0709-login-denial-spike.ts';
import ap0710 from './ap0710-lockouts.ts';
import ap0711 from './ap0711-rate-limited.ts';
import ap0712 from './ap0712-server-errors.ts';
import ap0713 from './ap0713-panics.ts';
import ap0714 from './ap0714-slow-token-issuance.ts';
import ap0715 from './ap0715-signer-unavailable.ts';
import ap0716 from './ap0716-exchange-not-allowlisted.ts';
import ap0717 from './ap0717-client-credentials-denied.ts';
import ap0718 from './ap0718-oidc-upstream-unavailable.ts';
import ap0719 from './ap0719-cimd-registration-refused.ts';
import ap1001 from './ap1001-audit-events-dropped.ts';
import ap1002 from './ap1002-revocation-error.ts';
import ap1003 from './ap1003-used-after-revoke.ts';
import ap1004 from './ap1004-consent-not-granted.ts';
import ap1005 from './ap1005-broker-grant-revoked.ts';
import ap1006 from './ap1006-unexpected-key-rotation.ts';

/** Steps 5–10, sorted by id. */
export const rulesSteps5to10: Rule[] = [ap0501, ap0502, ap0503, ap0504, ap0505, ap0506, ap0507, ap0601, ap0602, ap0701, ap0702, ap0703, ap0704, ap0705, ap0706, ap0707, ap0708, ap0709, ap0710, ap0711, ap0712, ap0713, ap0714, ap0715, ap0716, ap0717, ap0718, ap0719, ap1001, ap1002, ap1003, ap1004, ap1005, ap1006];
