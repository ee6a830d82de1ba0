/** How many top stories stand beside the lead on the front page (each may be pinned). */
export const FRONT_TOP_SLOTS = 4;

/** A pinned story: slot 0 is the lead, 1…FRONT_TOP_SLOTS the top stories. */
export interface Pinned<T> {
  slot: number;
  item: T;
}

/**
 * The front page's first places: pinned stories in their slots, the rest filled in order from
 * `automatic` (newest first), which must not hold the pinned ones. A pin whose article is no
 * longer public is simply absent from `pinned`, so its place is filled like any other.
 */
export function arrangeFront<T extends { id: number }>(pinned: readonly Pinned<T>[], automatic: readonly T[], topSlots = FRONT_TOP_SLOTS): { lead: T | undefined; top: T[]; rest: T[] } {
  const bySlot = new Map(pinned.map((p) => [p.slot, p.item]));
  const queue = [...automatic];
  const take = (slot: number) => bySlot.get(slot) ?? queue.shift();
  const lead = take(0);
  const top: T[] = [];
  for (let slot = 1; slot <= topSlots; slot++) {
    const item = take(slot);
    if (item) top.push(item);
  }
  return { lead, top, rest: queue };
}
