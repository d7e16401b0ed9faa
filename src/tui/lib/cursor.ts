// Pure list-cursor and scrolling arithmetic, shared by every list view (unit-tested).

/** Clamp `index + delta` into [0, length-1]; 0 for an empty list. */
export function moveCursor(index: number, delta: number, length: number): number {
  if (length <= 0) return 0;
  return Math.max(0, Math.min(length - 1, index + delta));
}

/**
 * First visible row so that `cursor` stays inside a window of `height` rows, moving the
 * window as little as possible from `top` (the previous first row).
 */
export function scrollTop(top: number, cursor: number, height: number, length: number): number {
  if (height <= 0 || length <= height) return 0;
  let t = top;
  if (cursor < t) t = cursor;
  if (cursor >= t + height) t = cursor - height + 1;
  return Math.max(0, Math.min(t, length - height));
}
