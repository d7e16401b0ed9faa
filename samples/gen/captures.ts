// Captured HTTP exchanges as operators paste them: `curl -sv … 2>&1` and `curl -si` output, and a refused connection.
import { httpDate } from './clock.ts';

export interface Exchange {
  method: string;
  url: string;
  /** Resolved address for the `* Trying` line. */
  ip: string;
  reqHeaders?: [string, string][];
  reqBody?: string;
  status: number;
  statusText: string;
  resHeaders: [string, string][];
  body: string;
  /** Capture time (becomes the `Date` response header). */
  t: number;
}

/** `curl -sv` with stderr merged: connection notes, `> ` request, `< ` response headers, then the body. */
export function curlVerbose(x: Exchange): string {
  const u = new URL(x.url);
  const port = u.port || (u.protocol === 'https:' ? '443' : '80');
  const out = [`*   Trying ${x.ip}:${port}...`, `* Connected to ${u.hostname} (${x.ip}) port ${port}`];
  if (u.protocol === 'https:') out.push('* SSL connection using TLSv1.3 / TLS_AES_128_GCM_SHA256 / X25519 / id-ecPublicKey');
  out.push(`> ${x.method} ${u.pathname}${u.search} HTTP/1.1`, `> Host: ${u.host}`, '> User-Agent: curl/8.5.0', '> Accept: */*');
  for (const [k, v] of x.reqHeaders ?? []) out.push(`> ${k}: ${v}`);
  if (x.reqBody) out.push(`> Content-Length: ${Buffer.byteLength(x.reqBody)}`);
  out.push('> ');
  if (x.reqBody) out.push(x.reqBody);
  out.push(`< HTTP/1.1 ${x.status} ${x.statusText}`);
  for (const [k, v] of responseHeaders(x)) out.push(`< ${k}: ${v}`);
  out.push('< ', x.body.replace(/\n$/, ''), `* Connection #0 to host ${u.hostname} left intact`);
  return `$ curl -sv${x.method === 'GET' ? '' : ` -X ${x.method}`} ${x.url}\n${out.join('\n')}\n`;
}

/** `curl -si` output: status line, headers, blank line, body. */
export function curlInclude(x: Exchange): string {
  const head = [`HTTP/1.1 ${x.status} ${x.statusText}`, ...responseHeaders(x).map(([k, v]) => `${k}: ${v}`)];
  return `${head.join('\r\n')}\r\n\r\n${x.body}`;
}

function responseHeaders(x: Exchange): [string, string][] {
  return [...x.resHeaders, ['Date', httpDate(x.t)], ['Content-Length', String(Buffer.byteLength(x.body))]];
}

/** A refused connection as `curl -sv` reports it. */
export function curlRefused(url: string, ip: string): string {
  const u = new URL(url);
  const port = u.port || '80';
  return [
    `$ curl -sv ${url}`,
    `*   Trying ${ip}:${port}...`,
    `* connect to ${ip} port ${port} from ${ip} port 51432 failed: Connection refused`,
    `* Failed to connect to ${u.hostname} port ${port} after 0 ms: Couldn't connect to server`,
    '* Closing connection',
    `curl: (7) Failed to connect to ${u.hostname} port ${port} after 0 ms: Couldn't connect to server`,
    '',
  ].join('\n');
}
