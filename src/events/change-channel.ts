import type { ChangeEvents, ChangeName } from './change-events.js';

export type ChangeHandler<K extends ChangeName> = (payload: ChangeEvents[K]) => unknown;

/**
 * The one way parts of Masthead hear of each other's changes. Publishers do not know who
 * listens; a listener's failure is reported and never reaches the publisher.
 */
export interface ChangeChannel {
  /** Tells every listener of this process and, where the site has several, of every other process. */
  publish<K extends ChangeName>(name: K, payload: ChangeEvents[K]): void;
  /** Tells this process's listeners only: for changes every process detects on its own (a scheduled time reached). */
  deliver<K extends ChangeName>(name: K, payload: ChangeEvents[K]): void;
  /** Registers `handler`; returns the function that removes it. */
  subscribe<K extends ChangeName>(name: K, handler: ChangeHandler<K>): () => void;
}

/** The in-process channel: listeners are called synchronously, in the order they subscribed. */
export class LocalChangeChannel implements ChangeChannel {
  private readonly handlers = new Map<ChangeName, Set<ChangeHandler<never>>>();

  constructor(private readonly onError: (err: unknown, context: string) => void = (err) => console.error(err)) {}

  publish<K extends ChangeName>(name: K, payload: ChangeEvents[K]): void {
    this.deliver(name, payload);
  }

  deliver<K extends ChangeName>(name: K, payload: ChangeEvents[K]): void {
    const set = this.handlers.get(name);
    if (!set) return;
    for (const handler of set as Set<ChangeHandler<K>>) {
      try {
        const done = handler(payload);
        if (done instanceof Promise) done.catch((err: unknown) => this.onError(err, name));
      } catch (err) {
        this.onError(err, name);
      }
    }
  }

  subscribe<K extends ChangeName>(name: K, handler: ChangeHandler<K>): () => void {
    let set = this.handlers.get(name);
    if (!set) this.handlers.set(name, (set = new Set()));
    set.add(handler as ChangeHandler<never>);
    return () => set.delete(handler as ChangeHandler<never>);
  }
}
