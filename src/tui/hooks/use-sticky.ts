// View state that outlives the view: switching to another tab and back restores it.
import { useCallback, useContext, useEffect, useRef, useState, type Dispatch, type SetStateAction } from 'react';
import { TuiContext } from '../context.ts';

/**
 * Like useState, but the value is remembered under `key` for the life of the app, so a view
 * opened again shows the cursor, filters and search it had; when the key changes (another
 * sub-list), that key's value comes back. Without a key (or outside the app) it is plain state.
 */
export function useSticky<T>(key: string | undefined, initial: T | (() => T)): [T, Dispatch<SetStateAction<T>>] {
  const shared = useContext(TuiContext)?.memory;
  const memory = key === undefined ? undefined : shared;
  const load = (): T => {
    if (key !== undefined && memory?.has(key)) return memory.get(key) as T;
    return typeof initial === 'function' ? (initial as () => T)() : initial;
  };
  const [state, setState] = useState<{ key: string | undefined; value: T }>(() => ({ key, value: load() }));
  let current = state;
  if (state.key !== key) {
    // Another key: show its remembered value in this very render, and keep it.
    current = { key, value: load() };
    setState(current);
  }
  useEffect(() => { if (key !== undefined) memory?.set(key, current.value); }, [memory, key, current.value]);
  // The latest value, including updates not rendered yet: each update builds on the one before,
  // and is remembered at once, so a key that changes the state and leaves the view keeps both.
  const latest = useRef(current);
  latest.current = current;
  const set = useCallback<Dispatch<SetStateAction<T>>>((next) => {
    const prev = latest.current;
    const value = typeof next === 'function' ? (next as (prev: T) => T)(prev.value) : next;
    latest.current = { key: prev.key, value };
    if (prev.key !== undefined) memory?.set(prev.key, value);
    setState(latest.current);
  }, [memory]);
  return [current.value, set];
}
