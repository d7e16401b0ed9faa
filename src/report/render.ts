// Placeholder: text / JSON / Markdown renderings land here.
import type { Model } from '../correlate/index.ts';
import type { Analysis } from '../rules/index.ts';
import type { Redactor } from './redact/redactor.ts';

export interface RenderOptions {
  color: boolean;
  /** When set, every excerpt and value passes through it. */
  redactor?: Redactor;
  /** Terminal width for text output. */
  width?: number;
}

/** The human report: checklist, then findings with evidence and fixes. */
export function renderText(_a: Analysis, _m: Model, _o: RenderOptions): string {
  throw new Error('renderText is not implemented yet');
}
/** contract.md JSON, one document. */
export function renderJson(_a: Analysis, _o: RenderOptions): string {
  throw new Error('renderJson is not implemented yet');
}
/** The redacted Markdown report (contract.md `forensic report`). */
export function renderMarkdown(_a: Analysis, _m: Model, _o: RenderOptions): string {
  throw new Error('renderMarkdown is not implemented yet');
}
/** One trace's cross-source timeline with file:line per record (text or JSON). */
export function renderTimeline(_m: Model, _id: string, _o: RenderOptions & { format: 'text' | 'json' }): string {
  throw new Error('renderTimeline is not implemented yet');
}
/** The per-file inventory table (`analyze --inventory`). */
export function renderInventory(_a: Analysis, _o: RenderOptions): string {
  throw new Error('renderInventory is not implemented yet');
}
