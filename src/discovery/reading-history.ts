// A visitor's recent reads: a short list of article ids, newest last, kept under a first-party
// visitor id. Ids only: nothing personal is stored, and old reads fall off the end.

/** Default number of reads kept per visitor. */
export const DEFAULT_HISTORY_LENGTH = 50;

/** The history after reading articleId: a re-read moves the article to the end, the oldest reads drop off. */
export function appendRead(
  history: readonly number[],
  articleId: number,
  maxLength: number = DEFAULT_HISTORY_LENGTH,
): number[] {
  const next = history.filter((id) => id !== articleId);
  next.push(articleId);
  return maxLength > 0 ? next.slice(-maxLength) : [];
}

/** Distinct reads, newest first, at most n of them (skipping `skip`, e.g. the current article). */
export function recentReads(history: readonly number[], n: number, skip?: number): number[] {
  const out: number[] = [];
  for (let i = history.length - 1; i >= 0 && out.length < n; i--) {
    const id = history[i]!;
    if (id !== skip && !out.includes(id)) out.push(id);
  }
  return out;
}

/** Compact text form for a cookie or a store column: base-36 ids joined by dots. */
export function serializeHistory(history: readonly number[]): string {
  return history.map((id) => id.toString(36)).join('.');
}

/** Parses serializeHistory output; anything malformed is skipped, never thrown, since it comes from clients. */
export function parseHistory(text: string | null | undefined, maxLength: number = DEFAULT_HISTORY_LENGTH): number[] {
  if (!text) return [];
  let history: number[] = [];
  for (const part of text.split('.', 4 * maxLength + 1)) {
    if (!/^[0-9a-z]{1,11}$/.test(part)) continue;
    const id = parseInt(part, 36);
    if (Number.isSafeInteger(id) && id > 0) history = appendRead(history, id, maxLength);
  }
  return history;
}
