// Bundles with two independent causes, built by applying two single-cause scenarios to one world.
import type { Scenario } from '../types.ts';
import { step12 } from './step1-2.ts';
import { step56 } from './step5-6.ts';
import { step7 } from './step7.ts';
import { step10 } from './step10-0.ts';

function by(list: Scenario[], name: string): Scenario {
  return list.find((s) => s.name === name)!;
}

/** Two scenarios on one world: prepares, then applies, in order; setups merged (first wins on conflicts). */
function combine(name: string, seed: number, a: Scenario, b: Scenario, primary: string, mustNot: string[]): Scenario {
  return {
    name, seed,
    broken: `Two independent problems. (1) ${a.broken} (2) ${b.broken}`,
    symptom: `${a.symptom} Also: ${b.symptom}`,
    setup: { ...b.setup, ...a.setup },
    must_report: [...a.must_report, ...b.must_report],
    primary,
    must_not_report: mustNot,
    async prepare(w) {
      await a.prepare?.(w);
      await b.prepare?.(w);
    },
    async apply(w) {
      await a.apply?.(w);
      await b.apply?.(w);
    },
  };
}

export const combos: Scenario[] = [
  combine('combo-prm-missing-and-login-denials', 401, by(step12, 'prm-missing'), by(step7, 'login-denials'), 'prm-missing', ['jwks-empty', 'db-unreachable', 'rate-limited']),
  combine('combo-token-expired-and-version-skew', 402, by(step56, 'token-expired'), by(step10, 'version-skew'), 'token-expired', ['clock-skew', 'db-unreachable', 'config-invalid']),
  combine('combo-dpop-nonce-and-audit-dropped', 403, by(step7, 'dpop-nonce'), by(step10, 'audit-events-dropped'), 'dpop-nonce', ['dpop-replay', 'db-unreachable', 'pkce-failures']),
];
