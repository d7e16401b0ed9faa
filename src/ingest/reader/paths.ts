// Archive entry names made safe: no absolute paths, no `..`, one spelling per path.

/** A cleaned relative entry path, or null when the name is unsafe (absolute, `..`, drive letter). */
export function safeEntryPath(name: string): string | null {
  const unified = name.replace(/\\/g, '/');
  if (unified.startsWith('/') || /^[A-Za-z]:/.test(unified) || unified.includes('\0')) return null;
  const parts: string[] = [];
  for (const part of unified.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') return null;
    parts.push(part);
  }
  return parts.length > 0 ? parts.join('/') : null;
}

/** Path of an entry inside the archive at `archivePath` (`''` for the top-level archive). */
export function childPath(archivePath: string, entry: string): string {
  return archivePath === '' ? entry : `${archivePath}!/${entry}`;
}
