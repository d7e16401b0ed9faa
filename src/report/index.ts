// Public surface of the report stage: renderings and the one redactor every outgoing output uses.
export { createRedactor, type Redactor, type RedactionSummary, type RedactorOptions } from './redact/redactor.ts';
export { primeRedactor, ownHostsOf } from './redact/prime.ts';
export { registrableDomain } from './redact/own-domains.ts';
export { REDACTED_SIGNATURE } from './redact/jwt.ts';
export { renderText, renderJson, renderMarkdown, renderTimeline, renderInventory, type RenderOptions } from './render.ts';
export { redactBundle, type RedactBundleResult } from './bundle/redact-bundle.ts';
export { redactorFor } from './redact/for-analysis.ts';
