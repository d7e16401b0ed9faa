// Rules of checklist steps 5 (token claims) to 10 (audit trail).
import type { Rule } from '../types.ts';

export const rulesSteps5to10: Rule[] = [];
