// Keyboard handling for views: one stdin subscription in the App, handlers registered synchronously.
import { useInput, type Key } from 'ink';
import { createContext, useContext, useLayoutEffect, useRef, useState } from 'react';
import { splitKeys } from '../lib/keys.ts';

type Handler = (input: string, key: Key) => void;
/** One key as Ink reports it. */
export interface TypedKey { input: string; key: Key }

/**
 * The keys of one read: keys read together (fast typing, scripted input) reach Ink as one "paste",
 * which is split into its keys; a lone key or a control combination is itself.
 */
export function keysOf(input: string, key: Key): TypedKey[] {
  return input.length > 1 && !key.ctrl && !key.meta ? splitKeys(input, key) : [{ input, key }];
}

interface Entry { handler: Handler; active: boolean }

/**
 * Routes every key to the handlers of the views on screen. Ink's own useInput subscribes in a
 * passive effect, so a view that is already visible could miss the keys typed right after it
 * appeared, and a handler could see the previous render's state. Here the App holds the only
 * subscription; views register in a layout effect (done before the frame is drawn) and the
 * router always calls the handler of their latest render.
 */
export class KeyRouter {
  private readonly entries = new Set<Entry>();
  add(e: Entry): void { this.entries.add(e); }
  delete(e: Entry): void { this.entries.delete(e); }
  dispatch(input: string, key: Key): void {
    for (const e of [...this.entries]) if (e.active) e.handler(input, key);
  }
}

export const KeyRouterContext = createContext<KeyRouter | null>(null);

/**
 * Subscribe the router to stdin (call once, in the component that provides the router).
 * `global` (the app-wide keys) sees each key first; it returns true when it consumed the key.
 * `typeAhead` are keys typed before the app was on screen (while the bundle loaded), handled first.
 */
export function useKeyRouter(router: KeyRouter, global: (input: string, key: Key) => boolean, typeAhead: readonly TypedKey[] = []): void {
  const latest = useRef(global);
  latest.current = global;
  // Keys are handled one per commit, so a key that switches views is on screen before the next key
  // is routed to the views' handlers.
  const pending = useRef<TypedKey[] | null>(null);
  pending.current ??= typeAhead.flatMap((k) => keysOf(k.input, k.key));
  const [, setCommits] = useState(0);
  const handle = (input: string, key: Key) => { if (!latest.current(input, key)) router.dispatch(input, key); };
  useInput((input, key) => {
    const queue = pending.current!;
    const keys = keysOf(input, key);
    // Keys still waiting go first: a key typed during a run (or the type-ahead) waits its turn.
    if (queue.length === 0) {
      const first = keys.shift()!;
      handle(first.input, first.key);
    }
    queue.push(...keys);
    if (queue.length > 0) setCommits((n) => n + 1);
  });
  // Runs after every commit of the app, after the new views' handlers have registered.
  useLayoutEffect(() => {
    const next = pending.current!.shift();
    if (!next) return;
    handle(next.input, next.key);
    setCommits((n) => n + 1);
  });
}

/** Handle keys while `isActive`; the handler always sees the latest render's state. */
export function useKeys(handler: Handler, opts: { isActive: boolean }): void {
  const router = useContext(KeyRouterContext);
  const entry = useRef<Entry>({ handler, active: opts.isActive });
  entry.current.handler = handler;
  entry.current.active = opts.isActive;
  useLayoutEffect(() => {
    if (!router) return undefined;
    const e = entry.current;
    router.add(e);
    return () => router.delete(e);
  }, [router]);
  // Outside an App (a view rendered alone), fall back to a direct subscription.
  useInput((input, key) => { if (!router) entry.current.handler(input, key); }, { isActive: !router && opts.isActive });
}
