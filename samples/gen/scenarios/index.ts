// Every sample scenario, in README order.
import type { Scenario } from '../types.ts';
import { cascade } from './cascade.ts';
import { combos } from './combos.ts';
import { healthy } from './healthy.ts';
import { step12 } from './step1-2.ts';
import { step34 } from './step3-4.ts';
import { step56 } from './step5-6.ts';
import { step7 } from './step7.ts';
import { step7server } from './step7-server.ts';
import { step10 } from './step10-0.ts';

/** All scenarios; names are unique and become the bundle file names. */
export const SCENARIOS: Scenario[] = [...cascade, ...healthy, ...step12, ...step34, ...step56, ...step7, ...step7server, ...step10, ...combos];
