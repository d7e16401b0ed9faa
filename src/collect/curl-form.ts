// Renders one GET as the `curl -si` transcript the HTTP-capture parser reads best: the command line,
// status line, headers, a blank line and the body, or curl's own error line for a connection failure.
import type { HttpResult } from './http-get.ts';

export interface CaptureFlags {
  /** The request carried the admin key: shown by the variable's name, never its value. */
  isAuthenticated?: boolean;
  /** Extra request headers worth showing (e.g. the MCP probe's Accept). */
  headers?: Record<string, string>;
}

/** The transcript of one exchange, ending with a newline. */
export function renderCapture(r: HttpResult, flags: CaptureFlags = {}): string {
  const opts = ['-si'];
  if (r.redirects > 0) opts.push('-L');
  if (flags.isAuthenticated) opts.push('-H "Authorization: Bearer $AUTHPLANE_ADMIN_API_KEY"');
  for (const [k, v] of Object.entries(flags.headers ?? {})) opts.push(`-H '${k}: ${v}'`);
  const lines = [`$ curl ${opts.join(' ')} '${r.url}'`];
  if (r.status !== null) {
    lines.push(`HTTP/1.1 ${r.status}${r.statusText ? ` ${r.statusText}` : ''}`);
    for (const [k, v] of r.headers) lines.push(`${k}: ${v}`);
    lines.push('');
    const body = r.body.toString('utf8');
    if (body !== '') lines.push(body.endsWith('\n') ? body.slice(0, -1) : body);
  }
  if (r.curlError) lines.push(r.curlError);
  return `${lines.join('\n')}\n`;
}
