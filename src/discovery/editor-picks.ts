// Editor picks: articles the newsroom pins into Recommendation, optionally until a given time.

export interface EditorPick {
  articleId: number;
  /** Epoch ms after which the pick no longer shows; null or absent = no expiry. */
  expiresAt?: number | null;
}

/** Ids of the picks still active at nowMs, in the editors' order, without duplicates. */
export function activeEditorPicks(picks: readonly EditorPick[], nowMs: number): number[] {
  const out: number[] = [];
  for (const p of picks) {
    // Expiry is exclusive: a pick that expires "at 18:00" is gone at 18:00.
    if (p.expiresAt != null && p.expiresAt <= nowMs) continue;
    if (!out.includes(p.articleId)) out.push(p.articleId);
  }
  return out;
}
