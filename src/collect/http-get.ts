// One read-only GET with a per-request timeout, a body cap and same-host redirects followed by hand;
// connection failures come back as data (with curl's error wording), never as exceptions.

/** What one GET produced: a response (status, headers, body) or a connection error, and its timing. */
export interface HttpResult {
  /** The URL asked for, and the URL that answered after same-host redirects. */
  url: string;
  finalUrl: string;
  status: number | null;
  statusText: string;
  /** Response headers in arrival order, names lower-cased (Set-Cookie kept one per entry). */
  headers: [string, string][];
  body: Buffer;
  /** The body stopped at the byte cap. */
  isTruncated: boolean;
  /** Short error kind (`connection refused`, `timeout`, …) and curl's error line for it. */
  error: string | null;
  curlError: string | null;
  /** A redirect to another host that was not followed (its Location). */
  offHostRedirect: string | null;
  redirects: number;
  startedAt: number;
  durationMs: number;
}

export interface GetOptions {
  timeoutMs: number;
  headers?: Record<string, string>;
  /** Send `headers` only to this origin (an admin key must not travel to a redirect target elsewhere). */
  credentialOrigin?: string;
  maxBytes: number;
  /** Stop reading the body after this many bytes even below the cap (a probe only needs the start). */
  probeBytes?: number;
}

const MAX_REDIRECTS = 3;

/** GET `url`; follows at most three redirects, and only to the same host name. */
export async function httpGet(url: string, o: GetOptions): Promise<HttpResult> {
  const startedAt = Date.now();
  const signal = AbortSignal.timeout(o.timeoutMs);
  const result: HttpResult = {
    url, finalUrl: url, status: null, statusText: '', headers: [], body: Buffer.alloc(0), isTruncated: false,
    error: null, curlError: null, offHostRedirect: null, redirects: 0, startedAt, durationMs: 0,
  };
  let current = url;
  try {
    for (;;) {
      const sendCredentials = !o.credentialOrigin || new URL(current).origin === o.credentialOrigin;
      const res = await fetch(current, {
        method: 'GET', redirect: 'manual', signal,
        headers: { 'user-agent': 'forensic-collect', ...(sendCredentials ? o.headers : {}) },
      });
      result.finalUrl = current;
      result.status = res.status;
      result.statusText = res.statusText;
      result.headers = headerList(res.headers);
      const location = res.headers.get('location');
      if (res.status >= 300 && res.status < 400 && location) {
        const next = new URL(location, current);
        const isSameHost = next.hostname === new URL(current).hostname && /^https?:$/.test(next.protocol);
        if (isSameHost && result.redirects < MAX_REDIRECTS) {
          await res.body?.cancel();
          result.redirects++;
          current = next.toString();
          continue;
        }
        if (!isSameHost) result.offHostRedirect = next.toString();
      }
      await readBody(res, o, result);
      break;
    }
  } catch (err) {
    const e = describeFailure(err, current, Date.now() - startedAt, o.timeoutMs, result.body.length);
    result.error = e.kind;
    result.curlError = e.line;
  }
  result.durationMs = Date.now() - startedAt;
  return result;
}

function headerList(h: Headers): [string, string][] {
  const out: [string, string][] = [];
  for (const [k, v] of h) if (k !== 'set-cookie') out.push([k, v]);
  for (const c of h.getSetCookie()) out.push(['set-cookie', c]);
  return out;
}

async function readBody(res: Response, o: GetOptions, into: HttpResult): Promise<void> {
  if (!res.body) return;
  // A probe answered with an event stream would only end at the timeout: the headers say enough.
  if (o.probeBytes !== undefined && /event-stream/i.test(res.headers.get('content-type') ?? '')) {
    await res.body.cancel();
    return;
  }
  const limit = Math.min(o.maxBytes, o.probeBytes ?? Infinity);
  const chunks: Buffer[] = [];
  let size = 0;
  const reader = res.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      const b = Buffer.from(value);
      if (size + b.length > limit) {
        chunks.push(b.subarray(0, limit - size));
        size = limit;
        into.isTruncated = limit === o.maxBytes;
        await reader.cancel();
        break;
      }
      chunks.push(b);
      size += b.length;
    }
  } finally {
    // Also on a mid-body timeout: what arrived so far is part of the record.
    into.body = Buffer.concat(chunks);
  }
}

interface Failure { kind: string; line: string }

/** Name a fetch failure the way curl reports it, so captures read like the checklist's own commands. */
export function describeFailure(err: unknown, url: string, elapsedMs: number, timeoutMs: number, received: number): Failure {
  const e = err as { name?: string; message?: string; cause?: { code?: string; message?: string; name?: string } };
  let host = url;
  let port = '';
  try {
    const u = new URL(url);
    host = u.hostname;
    port = u.port || (u.protocol === 'https:' ? '443' : '80');
  } catch {
    // keep the raw URL in the message
  }
  if (e?.name === 'TimeoutError' || e?.cause?.name === 'TimeoutError' || e?.name === 'AbortError') {
    return { kind: 'timeout', line: `curl: (28) Operation timed out after ${Math.max(elapsedMs, timeoutMs)} milliseconds with ${received} bytes received` };
  }
  const code = e?.cause?.code ?? '';
  const msg = e?.cause?.message ?? e?.message ?? String(err);
  switch (code) {
    case 'ECONNREFUSED':
      return { kind: 'connection refused', line: `curl: (7) Failed to connect to ${host} port ${port} after ${elapsedMs} ms: Connection refused` };
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return { kind: 'could not resolve host', line: `curl: (6) Could not resolve host: ${host}` };
    case 'ECONNRESET':
    case 'UND_ERR_SOCKET':
      return { kind: 'connection reset', line: `curl: (56) Recv failure: Connection reset by peer` };
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return { kind: 'no route to host', line: `curl: (7) Failed to connect to ${host} port ${port} after ${elapsedMs} ms: No route to host` };
    case 'UND_ERR_HEADERS_TIMEOUT':
    case 'UND_ERR_BODY_TIMEOUT':
    case 'ETIMEDOUT':
      return { kind: 'timeout', line: `curl: (28) Operation timed out after ${elapsedMs} milliseconds with ${received} bytes received` };
    default:
      break;
  }
  // Node's fetch refuses the fetch standard's "bad ports" (9, 25, 6000, …) before connecting; curl would not.
  if (msg === 'bad port') {
    const why = `port ${port} is on the fetch standard's blocked-port list, so forensic collect cannot request it; serve AuthPlane on another port or capture this one with curl`;
    return { kind: `port ${port} blocked by fetch`, line: `curl: (7) Failed to connect to ${host} port ${port} after ${elapsedMs} ms: ${why}` };
  }
  if (/certificate|SSL|TLS/i.test(`${code} ${msg}`)) return { kind: 'tls error', line: `curl: (60) SSL certificate problem: ${oneLine(msg)}` };
  // Anything else kept curl's connect-failure shape, so the parsers and rules read it as "no answer".
  return { kind: oneLine(msg) || 'request failed', line: `curl: (7) Failed to connect to ${host} port ${port} after ${elapsedMs} ms: ${oneLine(msg) || 'request failed'}` };
}

function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim().slice(0, 200);
}
