// Config facts the step 5–10 rules look for: a relaxed oauth.require_scope (the audience trap).
import type { Model } from '../../correlate/index.ts';
import { logEvidence } from '../evidence.ts';
import type { Evidence } from '../types.ts';
import { configEvidence } from './evidence.ts';

/** Evidence that the operator set oauth.require_scope=false (config/env value, boot WARN, defaulting WARN), or []. */
export function requireScopeRelaxed(model: Model): Evidence[] {
  const out: Evidence[] = [];
  const cfg = model.config.get('oauth.require_scope');
  if (cfg && /^(false|0|no|off)$/i.test(cfg.value.trim())) out.push(configEvidence(cfg));
  const warn = model.logs.where((r) => r.origin === 'authserver' && (r.msg.startsWith('oauth.require_scope=false') || r.msg === 'scope absent from authorize request, using defaults'));
  if (warn[0]) out.push(logEvidence(warn[0]));
  return out;
}
