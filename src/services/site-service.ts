import { CategoryTree } from '../content/category-tree.js';
import type { SiteSettings } from '../content/types.js';
import type { ChangeChannel } from '../events/change-channel.js';
import type { SettingsStore, TaxonomyStore } from '../storage/ports.js';
import { readSettings, validateSettings } from './site-settings.js';

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
  navSections: 6,
  aboutUrl: '',
  contactUrl: '',
};

export interface SiteServiceOptions {
  /** The deployment's defaults (e.g. the base URL from config); stored settings still win. */
  overrides?: Partial<SiteSettings>;
  /** Told about a stored setting the schema refuses (the default is used instead). */
  onInvalid?: (key: string, message: string) => void;
}

/** Site settings and the category tree, cached in memory and dropped when the change channel says they changed. */
export class SiteService {
  private settingsCache: Promise<SiteSettings> | undefined;
  private treeCache: Promise<CategoryTree> | undefined;
  private readonly base: SiteSettings;
  private readonly onInvalid: (key: string, message: string) => void;

  constructor(
    private readonly settingsStore: SettingsStore,
    private readonly taxonomy: TaxonomyStore,
    private readonly changes: ChangeChannel,
    options: SiteServiceOptions = {},
  ) {
    this.base = { ...defaultSettings, ...options.overrides };
    this.onInvalid = options.onInvalid ?? ((key, message) => console.error(`stored setting ${key} ignored: ${message}`));
    changes.subscribe('settings.changed', () => {
      this.settingsCache = undefined;
    });
    changes.subscribe('taxonomy.changed', (c) => {
      if (c.kinds.includes('category')) this.treeCache = undefined;
    });
  }

  settings(): Promise<SiteSettings> {
    const cached = this.settingsCache ?? this.settingsStore.all().then((raw) => readSettings(raw, this.base, this.onInvalid));
    this.settingsCache = cached;
    // A failed read is not kept: the next request asks the store again.
    cached.catch(() => {
      if (this.settingsCache === cached) this.settingsCache = undefined;
    });
    return cached;
  }

  /** Validates and stores a change to the settings (MH_ERR_VALIDATION per field; nothing is written then). */
  async updateSettings(values: Partial<Record<keyof SiteSettings, unknown>>): Promise<void> {
    const clean = validateSettings(values);
    await this.settingsStore.set(clean);
    this.changes.publish('settings.changed', { keys: Object.keys(clean) });
  }

  categories(): Promise<CategoryTree> {
    const cached = this.treeCache ?? this.taxonomy.categories().then((rows) => new CategoryTree(rows));
    this.treeCache = cached;
    cached.catch(() => {
      if (this.treeCache === cached) this.treeCache = undefined;
    });
    return cached;
  }
}
