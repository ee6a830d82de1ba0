import { CategoryTree } from '../content/category-tree.js';
import type { ReactionKind, SiteSettings } from '../content/types.js';
import type { SettingsStore, TaxonomyStore } from '../storage/ports.js';

export const defaultSettings: SiteSettings = {
  name: 'Masthead',
  tagline: 'News, published with Masthead',
  baseUrl: 'http://127.0.0.1:3000',
  timezone: 'UTC',
  language: 'en',
  reactions: [{ key: 'good', label: 'veryGood!' }],
  rankingWindow: '7d',
  trendingHalfLifeHours: 12,
  viewDedupeMinutes: 30,
  feedContent: 'full',
};

function parseSettings(raw: Record<string, string>, base: SiteSettings): SiteSettings {
  const s: SiteSettings = { ...base };
  if (raw.name) s.name = raw.name;
  if (raw.tagline !== undefined) s.tagline = raw.tagline;
  if (raw.baseUrl) s.baseUrl = raw.baseUrl.replace(/\/+$/, '');
  if (raw.timezone) s.timezone = raw.timezone;
  if (raw.language) s.language = raw.language;
  if (raw.reactions) {
    try {
      const kinds = JSON.parse(raw.reactions) as ReactionKind[];
      if (Array.isArray(kinds) && kinds.length) s.reactions = kinds;
    } catch {
      // A broken stored value keeps the default rather than breaking every page.
    }
  }
  if (raw.rankingWindow && ['24h', '7d', '30d', 'all', 'trending'].includes(raw.rankingWindow)) {
    s.rankingWindow = raw.rankingWindow as SiteSettings['rankingWindow'];
  }
  if (raw.trendingHalfLifeHours && Number(raw.trendingHalfLifeHours) > 0) s.trendingHalfLifeHours = Number(raw.trendingHalfLifeHours);
  if (raw.viewDedupeMinutes && Number(raw.viewDedupeMinutes) >= 0) s.viewDedupeMinutes = Number(raw.viewDedupeMinutes);
  if (raw.feedContent === 'full' || raw.feedContent === 'summary') s.feedContent = raw.feedContent;
  return s;
}

/** Site settings and the category tree, cached in memory and refreshed on change. */
export class SiteService {
  private settingsCache: SiteSettings | undefined;
  private treeCache: CategoryTree | undefined;

  private readonly base: SiteSettings;

  /** `overrides` are the deployment's defaults (e.g. the base URL from config); stored settings still win. */
  constructor(private readonly settingsStore: SettingsStore, private readonly taxonomy: TaxonomyStore, overrides: Partial<SiteSettings> = {}) {
    this.base = { ...defaultSettings, ...overrides };
  }

  async settings(): Promise<SiteSettings> {
    this.settingsCache ??= parseSettings(await this.settingsStore.all(), this.base);
    return this.settingsCache;
  }

  async updateSettings(values: Partial<Record<keyof SiteSettings, string>>): Promise<void> {
    const clean = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) as Record<string, string>;
    await this.settingsStore.set(clean);
    this.settingsCache = undefined;
  }

  async categories(): Promise<CategoryTree> {
    this.treeCache ??= new CategoryTree(await this.taxonomy.categories());
    return this.treeCache;
  }

  /** Drops cached data after another process or an import changed it. */
  invalidate(): void {
    this.settingsCache = undefined;
    this.treeCache = undefined;
  }
}
