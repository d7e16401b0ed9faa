// Which hostnames belong to the operator: the registrable domains of the hosts the caller names
// (issuer, resource URIs), and every host under them. Public and loopback names never match.

// Second-level labels under which a registrable domain takes three labels (`acme.co.uk`).
const SECOND_LEVEL = new Set(['co', 'com', 'net', 'org', 'gov', 'ac', 'edu', 'ne', 'or', 'go']);
const NEVER = new Set(['localhost', 'example.invalid', 'invalid', 'local', 'internal', 'svc', 'cluster.local']);

/** The registrable domain of a host or URL (`https://auth.acme.io:9000/x` → `acme.io`); null for IPs and single labels. */
export function registrableDomain(hostOrUrl: string): string | null {
  let host = hostOrUrl.trim().toLowerCase();
  const scheme = host.indexOf('://');
  if (scheme >= 0) host = host.slice(scheme + 3);
  host = host.replace(/^[^@/]*@/, '').replace(/[/?#].*$/, '').replace(/:\d+$/, '').replace(/\.$/, '');
  if (!/^[a-z0-9.-]+$/.test(host) || /^[\d.]+$/.test(host)) return null;
  const labels = host.split('.').filter(Boolean);
  if (labels.length < 2) return null;
  const tld = labels[labels.length - 1]!;
  const sld = labels[labels.length - 2]!;
  const take = tld.length === 2 && SECOND_LEVEL.has(sld) && labels.length >= 3 ? 3 : 2;
  const d = labels.slice(-take).join('.');
  return NEVER.has(d) || NEVER.has(tld) ? null : d;
}

/** A predicate for "this lower-case hostname is under one of the operator's domains". */
export function ownDomainMatcher(hosts: string[]): (host: string) => boolean {
  const domains = [...new Set(hosts.map(registrableDomain).filter((d): d is string => d !== null))];
  if (domains.length === 0) return () => false;
  return (host) => domains.some((d) => host === d || host.endsWith(`.${d}`));
}
