// One evidence item laid out for a terminal of a given width: the place (file:line) stays whole,
// the request or trace id is what gets shortened or dropped, and a long excerpt wraps instead of
// stopping before the value it was quoted for.
import type { Evidence } from '../../rules/index.ts';
import type { Redactor } from '../redact/redactor.ts';
import { evidenceLine, scrub } from './shared.ts';
import { clip, firstLine } from './text.ts';

/** Lines an excerpt may take under its place before it is cut (the JSON has it whole). */
const EXCERPT_LINES = 3;
/** Characters of an id kept when it is shortened: enough to grep for, like a short git hash. */
const SHORT_ID = 8;
const GAP = '  ';

/** The rows of one evidence item, each at most `width` columns (indent included). */
export function evidenceRows(e: Evidence, r: Redactor | undefined, ind: string, width: number): string[] {
  const one = `${ind}${evidenceLine(e, r)}`;
  if (one.length <= width) return [one];
  const head = `${ind}${fitHead(e, r, width - ind.length)}`;
  const excerpt = scrub(r, firstLine(e.excerpt));
  if (!excerpt) return [head];
  if (head.length + GAP.length + excerpt.length <= width) return [`${head}${GAP}${excerpt}`];
  return [head, ...wrapExcerpt(excerpt, width, `${ind}    `)];
}

/**
 * `file:line  time  id` in `room` columns. What gives way, in order: the id is shortened, the
 * folders before the file name are cut from the left, the id is dropped, and only then is the
 * file name itself cut in the middle (docker json-file names run to 73 characters).
 */
function fitHead(e: Evidence, r: Redactor | undefined, room: number): string {
  const line = e.line > 0 ? `:${e.line}` : '';
  const file = scrub(r, e.file);
  const time = e.time ?? '';
  const [key, id] = e.trace_id ? ['trace', e.trace_id] : e.request_id ? ['request', e.request_id] : ['', ''];
  const join = (place: string, ids: string) => [place, time, ids].filter(Boolean).join(GAP);
  const full = id ? `${key}=${id}` : '';
  const short = id.length > SHORT_ID + 1 ? `${key}=${id.slice(0, SHORT_ID)}…` : full;
  const whole = `${file}${line}`;
  for (const ids of [full, short]) {
    if (join(whole, ids).length <= room) return join(whole, ids);
  }
  const slash = file.lastIndexOf('/');
  const name = `${file.slice(slash + 1)}${line}`;
  for (const ids of [short, '']) {
    const left = room - join(name, ids).length; // room for the folders in front of the name
    if (slash >= 0 && slash + 1 <= left) return join(whole, ids);
    if (slash >= 0 && left >= 2) return join(`${fitFolders(file.slice(0, slash + 1), left)}${name}`, ids);
    if (slash < 0 && left >= 0) return join(name, ids);
  }
  const left = room - join('', '').length - (time ? GAP.length : 0);
  return join(middleCut(name, left), '');
}

/**
 * `dir` (ending in '/') in `max` characters: the last folders whole, then the start of the one
 * before them, whose start is what names it (a pod folder is `<ns>_<pod>_<uid>`):
 * `…/authplane_notes-mcp-52a05b93e-7x8sg_06…/notes-mcp/`.
 */
function fitFolders(dir: string, max: number): string {
  const parts = dir.slice(0, -1).split('/');
  let kept = '/';
  let i = parts.length - 1;
  while (i >= 0 && `…/${parts[i]!}${kept}`.length <= max) kept = `/${parts[i--]!}${kept}`;
  if (i < 0) return dir.length <= max ? dir : `…${kept}`;
  const lead = i > 0 ? '…/' : '';
  const room = max - lead.length - kept.length - 1;
  return room >= 4 ? `${lead}${parts[i]!.slice(0, room)}…${kept}` : `…${kept}`;
}

/** Cut `s` to `max` characters in the middle, keeping its end (the line number) whole. */
function middleCut(s: string, max: number): string {
  if (s.length <= max) return s;
  const keep = Math.max(2, max - 1);
  const tail = Math.ceil(keep / 2);
  return `${s.slice(0, keep - tail)}…${s.slice(s.length - tail)}`;
}

/** Wrap at spaces where it can, hard where a word is longer than the line; at most EXCERPT_LINES. */
function wrapExcerpt(s: string, width: number, ind: string): string[] {
  const room = Math.max(20, width - ind.length);
  const out: string[] = [];
  let rest = s;
  while (rest.length > 0 && out.length < EXCERPT_LINES) {
    if (rest.length <= room) {
      out.push(rest);
      rest = '';
      break;
    }
    const space = rest.lastIndexOf(' ', room);
    // Break at a space only when it keeps at least half the line; a long URL or JSON breaks hard.
    const cut = space > room / 2 ? space : room;
    out.push(rest.slice(0, cut));
    rest = rest.slice(cut).replace(/^ /, '');
  }
  if (rest.length > 0) out[out.length - 1] = clip(`${out[out.length - 1]!} ${rest}`, room);
  return out.map((l) => `${ind}${l}`);
}
