// Address fields (`10.0.0.7:51234`, `a, b`, `[2001:db8::1]:443`): every IP in them replaced, ports kept.
import { IPV4_ANY, isBoringIp, isIpv6Literal } from './patterns.ts';

const BRACKETED_V6 = /\[?([0-9a-fA-F:]{2,39})\]?/g;

/**
 * The field with each IP that is not loopback/unspecified replaced by `pseudonym(ip)`, and how many
 * were. A field holding no IP at all is one opaque address (replaced whole), unless it is only a
 * port, `localhost`, or a word without digits.
 */
export function replaceAddresses(v: string, pseudonym: (ip: string) => string): { out: string; n: number } {
  let n = 0;
  let out = v.replace(IPV4_ANY, (ip) => {
    if (isBoringIp(ip)) return ip;
    n++;
    return pseudonym(ip);
  });
  out = out.replace(BRACKETED_V6, (m, ip: string) => {
    if (!isIpv6Literal(ip) || isBoringIp(ip)) return m;
    n++;
    return m.replace(ip, pseudonym(ip));
  });
  if (n > 0 || out !== v) return { out, n };
  if (/^(?:localhost)?(?::\d+)?$/.test(v) || (/^[\w.-]*$/.test(v) && !/\d/.test(v))) return { out: v, n: 0 };
  return { out: pseudonym(v), n: 1 };
}
