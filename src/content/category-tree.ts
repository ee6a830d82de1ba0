import type { Category } from './types.js';

/** An in-memory view of the category tree: lookups, ancestry and descendants. */
export class CategoryTree {
  private readonly byId = new Map<number, Category>();
  private readonly bySlug = new Map<string, Category>();
  private readonly childrenOf = new Map<number | null, Category[]>();

  constructor(categories: readonly Category[]) {
    for (const c of categories) {
      this.byId.set(c.id, c);
      this.bySlug.set(c.slug, c);
    }
    for (const c of categories) {
      // A parent that does not exist makes the category a root rather than an orphan.
      const parent = c.parentId !== null && this.byId.has(c.parentId) ? c.parentId : null;
      const list = this.childrenOf.get(parent) ?? [];
      list.push(c);
      this.childrenOf.set(parent, list);
    }
    for (const list of this.childrenOf.values()) {
      list.sort((a, b) => a.position - b.position || a.name.localeCompare(b.name));
    }
  }

  get(id: number | null | undefined): Category | undefined {
    return id === null || id === undefined ? undefined : this.byId.get(id);
  }

  getBySlug(slug: string): Category | undefined {
    return this.bySlug.get(slug);
  }

  roots(): Category[] {
    return this.childrenOf.get(null) ?? [];
  }

  children(id: number): Category[] {
    return this.childrenOf.get(id) ?? [];
  }

  all(): Category[] {
    return [...this.byId.values()];
  }

  /** The chain root → … → category (the breadcrumb trail). Cycles are cut, never looped. */
  ancestry(id: number | null | undefined): Category[] {
    const trail: Category[] = [];
    const seen = new Set<number>();
    let current = this.get(id);
    while (current && !seen.has(current.id)) {
      seen.add(current.id);
      trail.unshift(current);
      current = this.get(current.parentId);
    }
    return trail;
  }

  /** The category and every category below it. */
  descendantIds(id: number): number[] {
    const out: number[] = [];
    const stack = [id];
    const seen = new Set<number>();
    while (stack.length) {
      const next = stack.pop()!;
      if (seen.has(next)) continue;
      seen.add(next);
      out.push(next);
      for (const child of this.children(next)) stack.push(child.id);
    }
    return out;
  }
}

export interface Crumb {
  label: string;
  href: string | null;
}

/** Breadcrumb items `Home > … > Category`; the last item is the current page and has no link when `currentIsLast`. */
export function breadcrumbs(tree: CategoryTree, categoryId: number | null, home: string, currentIsLast = false): Crumb[] {
  const trail = tree.ancestry(categoryId);
  const crumbs: Crumb[] = [{ label: home, href: '/' }];
  trail.forEach((c, i) => {
    const last = i === trail.length - 1;
    crumbs.push({ label: c.name, href: currentIsLast && last ? null : `/category/${c.slug}` });
  });
  return crumbs;
}
