// Rules of checklist steps 0 (bundle-level) to 4 (signing keys).
import type { Rule } from '../types.ts';

export const rulesSteps0to4: Rule[] = [];
