import { describe, expect, it } from 'vitest';
import { activeEditorPicks } from './editor-picks.js';

const NOW = Date.UTC(2025, 3, 24, 12, 0);

describe('activeEditorPicks', () => {
  it('keeps the editors order and drops expired picks', () => {
    const picks = [
      { articleId: 5 },
      { articleId: 3, expiresAt: NOW - 1 },
      { articleId: 9, expiresAt: NOW + 1 },
      { articleId: 1, expiresAt: null },
    ];
    expect(activeEditorPicks(picks, NOW)).toEqual([5, 9, 1]);
  });

  it('treats the expiry time itself as expired', () => {
    expect(activeEditorPicks([{ articleId: 1, expiresAt: NOW }], NOW)).toEqual([]);
  });

  it('dedupes', () => {
    expect(activeEditorPicks([{ articleId: 1 }, { articleId: 2 }, { articleId: 1 }], NOW)).toEqual([1, 2]);
  });
});
