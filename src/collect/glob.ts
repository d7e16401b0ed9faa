// A small file glob for --logs (Node 20 has no fs.glob): `*`, `?`, `[…]` within one path segment and
// `**` for any depth. Files reached through symlinks count (/var/log/containers); linked folders are not descended by `**`.
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

const MAGIC = /[*?[]/;
/** `**` stops descending here, so a pattern at `/` cannot walk the whole disk. */
const MAX_DEPTH = 8;

/** A regex for one path segment; `*` and `?` do not match a leading dot (as in a shell). */
export function segmentRegex(seg: string): RegExp {
  let re = '';
  for (let i = 0; i < seg.length; i++) {
    const c = seg[i]!;
    if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const end = seg.indexOf(']', i + 2);
      if (end < 0) re += '\\[';
      else {
        const body = seg.slice(i + 1, end).replace(/^!/, '^').replace(/\\/g, '\\\\');
        re += `[${body}]`;
        i = end;
      }
    } else re += c.replace(/[.+^${}()|\\\]]/g, '\\$&');
  }
  const hidden = seg.startsWith('.') ? '' : '(?!\\.)';
  return new RegExp(`^${hidden}${re}$`);
}

async function kindOf(p: string): Promise<'file' | 'dir' | null> {
  try {
    const s = await stat(p);
    return s.isFile() ? 'file' : s.isDirectory() ? 'dir' : null;
  } catch {
    return null;
  }
}

async function entries(dir: string): Promise<{ name: string; isDir: boolean; isLink: boolean }[]> {
  try {
    return (await readdir(dir, { withFileTypes: true })).map((d) => ({ name: d.name, isDir: d.isDirectory(), isLink: d.isSymbolicLink() }));
  } catch {
    return [];
  }
}

/** The regular files a pattern names, sorted; at most `limit`. A pattern without wildcards names itself if it is a file. */
export async function expandGlob(pattern: string, limit = 1000): Promise<string[]> {
  if (!MAGIC.test(pattern)) return (await kindOf(pattern)) === 'file' ? [pattern] : [];
  const isAbsolute = pattern.startsWith('/');
  const segs = pattern.split('/').filter((s) => s !== '' && s !== '.');
  const found = new Set<string>();

  const walk = async (dir: string, i: number, depth: number): Promise<void> => {
    if (found.size >= limit) return;
    if (i === segs.length) {
      if ((await kindOf(dir)) === 'file') found.add(dir);
      return;
    }
    const seg = segs[i]!;
    if (seg === '**') {
      await walk(dir, i + 1, depth);
      if (depth >= MAX_DEPTH) return;
      for (const e of await entries(dir)) {
        if (e.isDir && !e.isLink && !e.name.startsWith('.')) await walk(join(dir, e.name), i, depth + 1);
      }
      return;
    }
    if (!MAGIC.test(seg)) {
      await walk(join(dir, seg), i + 1, depth);
      return;
    }
    const re = segmentRegex(seg);
    for (const e of await entries(dir)) if (re.test(e.name)) await walk(join(dir, e.name), i + 1, depth);
  };
  await walk(isAbsolute ? '/' : '.', 0, 0);
  return [...found].slice(0, limit).sort();
}
