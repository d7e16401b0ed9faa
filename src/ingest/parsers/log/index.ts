// Registry of log formats (slog JSON/text, container wrappers, SDK lines, generic JSON).
import type { FileFormat } from '../../format.ts';

/** Log formats, most specific first. */
export const logFormats: FileFormat[] = [];
