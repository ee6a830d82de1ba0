import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * A CommonJS library loaded the first time it is used rather than when the process starts: the
 * sanitizer, the XML writers and the diff are needed by saves, feeds and the newsroom, not by a
 * start that must answer article pages within a second. Synchronous, so the callers stay so.
 */
export function lazyRequire<T>(id: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= require(id) as T);
}
