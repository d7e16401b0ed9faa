// The rule catalog: every rule, sorted by id. Steps 0–4 and 5–10 are kept in two lists so
// they can grow independently; the catalog test checks every rule file is registered.
import type { Rule } from '../types.ts';
import { rulesSteps0to4 } from './steps-0-4.ts';
import { rulesSteps5to10 } from './steps-5-10.ts';

/** All rules, sorted by id. */
export const CATALOG: readonly Rule[] = [...rulesSteps0to4, ...rulesSteps5to10].sort((a, b) => a.id.localeCompare(b.id));
