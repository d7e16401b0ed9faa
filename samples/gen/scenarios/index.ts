// Every sample scenario, in README order.
import type { Scenario } from '../types.ts';
import { cascade } from './cascade.ts';
import { healthy } from './healthy.ts';
import { step12 } from './step1-2.ts';

/** All scenarios; names are unique and become the bundle file names. */
export const SCENARIOS: Scenario[] = [...cascade, ...healthy, ...step12];
