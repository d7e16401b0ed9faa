// One redactor set up for a finished analysis: the operator's own hosts, the bundle's identities,
// and secretlint's view of the text about to be shown.
import type { Model } from '../../correlate/index.ts';
import type { Analysis } from '../../rules/index.ts';
import { ownHostsOf, primeRedactor } from './prime.ts';
import { createRedactor, type Redactor } from './redactor.ts';

/**
 * The redactor every output of one analysis shares. `preview` is the unredacted text about to be
 * shown: secretlint (async, whole-document) reads it once, so its findings apply line by line later.
 */
export async function redactorFor(model: Model, analysis: Analysis, preview: string, opts: { ownHosts?: boolean } = {}): Promise<Redactor> {
  // ownHosts:false keeps the operator's own hostnames readable (local terminal output, where a fix
  // must name the real resource URI; in-cluster names too); secrets and user/email/IP identities are
  // still replaced.
  const keepHosts = opts.ownHosts === false;
  const redactor = createRedactor({ ownDomains: keepHosts ? [] : ownHostsOf(model), internalHosts: !keepHosts });
  primeRedactor(redactor, model, analysis);
  await redactor.learn(preview);
  return redactor;
}
