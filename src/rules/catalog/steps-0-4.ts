// Rules of checklist steps 0 (bundle-level) to 4 (signing keys), sorted by id.
import type { Rule } from '../types.ts';
import ap0001 from './ap0001-session-secret-ephemeral.ts';
import ap0002 from './ap0002-cors-disabled.ts';
import ap0003 from './ap0003-version-skew.ts';
import ap0004 from './ap0004-metrics-noop.ts';
import ap0005 from './ap0005-tracing-noop.ts';
import ap0006 from './ap0006-metrics-wrong-target.ts';
import ap0101 from './ap0101-server-unreachable.ts';
import ap0102 from './ap0102-db-health-degraded.ts';
import ap0103 from './ap0103-db-errors-in-logs.ts';
import ap0104 from './ap0104-boot-db-failed.ts';
import ap0105 from './ap0105-config-validation.ts';
import ap0106 from './ap0106-boot-aborted.ts';
import ap0107 from './ap0107-secret-ref-probe.ts';
import ap0108 from './ap0108-key-store-failed.ts';
import ap0109 from './ap0109-restart-loop.ts';
import ap0201 from './ap0201-issuer-mismatch.ts';
import ap0202 from './ap0202-sdk-metadata-issuer.ts';
import ap0203 from './ap0203-discovery-not-found.ts';
import ap0204 from './ap0204-jwks-empty.ts';
import ap0205 from './ap0205-rs-jwks-unavailable.ts';
import ap0206 from './ap0206-as-jwks-reload-failed.ts';
import ap0207 from './ap0207-prm-missing.ts';
import ap0208 from './ap0208-prm-authorization-servers.ts';
import ap0301 from './ap0301-scopes-supported-empty.ts';
import ap0302 from './ap0302-resource-without-scopes.ts';
import ap0303 from './ap0303-scope-not-advertised.ts';
import ap0304 from './ap0304-scope-required-missing.ts';
import ap0401 from './ap0401-signing-key-regenerated.ts';
import ap0402 from './ap0402-kid-unknown.ts';
import ap0403 from './ap0403-rotation-dropped-previous-key.ts';
import ap0404 from './ap0404-instances-disagree-on-keys.ts';
import ap0405 from './ap0405-token-type-invalid.ts';
import ap0406 from './ap0406-signature-invalid.ts';

/** Every step 0–4 rule, sorted by id. */
export const rulesSteps0to4: Rule[] = [ap0001, ap0002, ap0003, ap0004, ap0005, ap0006, ap0101, ap0102, ap0103, ap0104, ap0105, ap0106, ap0107, ap0108, ap0109, ap0201, ap0202, ap0203, ap0204, ap0205, ap0206, ap0207, ap0208, ap0301, ap0302, ap0303, ap0304, ap0401, ap0402, ap0403, ap0404, ap0405, ap0406];
