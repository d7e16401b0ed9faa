// Options every rendering takes.
import type { Redactor } from '../redact/redactor.ts';

export interface RenderOptions {
  color: boolean;
  /** When set, every excerpt and value passes through it. */
  redactor?: Redactor;
  /** Terminal width for text output. */
  width?: number;
}
