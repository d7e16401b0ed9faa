// Public surface of the report stage: renderings and the one redactor every outgoing output uses.
export { createRedactor, type Redactor, type RedactionSummary, type RedactorOptions } from './redact/redactor.ts';
export { renderText, renderJson, renderMarkdown, renderTimeline, renderInventory, type RenderOptions } from './render.ts';
