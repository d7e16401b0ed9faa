// Log levels as small numbers, for the columns and per-level state of correlate.
import type { Level } from '../ingest/index.ts';

/** The levels by code, least severe first. */
export const LEVELS: readonly Level[] = ['DEBUG', 'INFO', 'WARN', 'ERROR'];

/** The code of a level (its index in LEVELS). */
export const LEVEL_CODE: Readonly<Record<Level, number>> = { DEBUG: 0, INFO: 1, WARN: 2, ERROR: 3 };
