import { describe, expect, it } from 'vitest';
import { CategoryTree, breadcrumbs } from './category-tree.js';
import type { Category } from './types.js';

const cat = (id: number, slug: string, parentId: number | null, position = 0): Category =>
  ({ id, slug, name: slug[0]!.toUpperCase() + slug.slice(1), parentId, description: '', position });

const tree = new CategoryTree([cat(1, 'world', null, 0), cat(2, 'asia', 1), cat(3, 'japan', 2), cat(4, 'sports', null, 1), cat(5, 'europe', 1)]);

describe('CategoryTree', () => {
  it('lists roots in position order and children by name', () => {
    expect(tree.roots().map((c) => c.slug)).toEqual(['world', 'sports']);
    expect(tree.children(1).map((c) => c.slug)).toEqual(['asia', 'europe']);
  });
  it('gives the ancestry from the root down', () => {
    expect(tree.ancestry(3).map((c) => c.slug)).toEqual(['world', 'asia', 'japan']);
    expect(tree.ancestry(null)).toEqual([]);
  });
  it('collects descendants including the category itself', () => {
    expect(tree.descendantIds(1).sort()).toEqual([1, 2, 3, 5]);
  });
  it('cuts cycles instead of looping', () => {
    const cyclic = new CategoryTree([cat(1, 'a', 2), cat(2, 'b', 1)]);
    expect(cyclic.ancestry(1).length).toBeLessThanOrEqual(2);
    expect(cyclic.descendantIds(1).length).toBeLessThanOrEqual(2);
  });
});

describe('breadcrumbs', () => {
  it('runs Home > World > Asia > Japan with links', () => {
    expect(breadcrumbs(tree, 3, 'Home')).toEqual([
      { label: 'Home', href: '/' },
      { label: 'World', href: '/category/world' },
      { label: 'Asia', href: '/category/asia' },
      { label: 'Japan', href: '/category/japan' },
    ]);
  });
  it('leaves the current category unlinked on its own page', () => {
    expect(breadcrumbs(tree, 2, 'Home', true).at(-1)).toEqual({ label: 'Asia', href: null });
  });
  it('is just Home for an article without category', () => {
    expect(breadcrumbs(tree, null, 'Start')).toEqual([{ label: 'Start', href: '/' }]);
  });
});
