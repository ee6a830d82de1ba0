import { CategoryTree } from '../content/category-tree.js';
import type { MediaImage, SiteSettings } from '../content/types.js';
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
  logoImageId: 0,
  aboutUrl: '',
  contactUrl: '',
};

export interface SiteServiceOptions {
  /** The deployment's defaults (e.g. the base URL from config); stored settings still win. */
  overrides?: Partial<SiteSettings>;
  /** Told about a stored setting the schema refuses (the default is used instead). */
  onInvalid?: (key: string, message: string) => void;
  /** Reads an image of the media library (the logo setting names one). */
  findImage?: (id: number) => Promise<MediaImage | undefined>;
}

/** The site's logo as pages show it: one variant of the library image, with its size. */
export interface SiteLogo {
  src: string;
  width: number;
  height: number;
}

/** The logo is shown about 40 px tall: the smallest variant at least twice that, for sharp screens. */
const LOGO_MIN_HEIGHT = 80;

/** Site settings and the category tree, cached in memory and dropped when the change channel says they changed. */
export class SiteService {
  private settingsCache: Promise<SiteSettings> | undefined;
  private treeCache: Promise<CategoryTree> | undefined;
  private logoCache: Promise<SiteLogo | undefined> | undefined;
  private readonly findImage: ((id: number) => Promise<MediaImage | undefined>) | undefined;
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
    this.findImage = options.findImage;
    changes.subscribe('settings.changed', () => {
      this.settingsCache = undefined;
      this.logoCache = undefined;
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

  /** The logo the settings name, when it is an image of the library (undefined: the name in type). */
  logo(): Promise<SiteLogo | undefined> {
    const cached = this.logoCache ?? this.settings().then(async (s) => {
      if (!s.logoImageId || !this.findImage) return undefined;
      const image = await this.findImage(s.logoImageId);
      // Browsers all show the original format and WebP; AVIF is not every reader's.
      const variants = (image?.variants ?? []).filter((v) => v.format !== 'avif').sort((a, b) => a.height - b.height);
      const v = variants.find((x) => x.height >= LOGO_MIN_HEIGHT) ?? variants[variants.length - 1];
      return v && { src: `/media/${v.name}`, width: v.width, height: v.height };
    });
    this.logoCache = cached;
    cached.catch(() => {
      if (this.logoCache === cached) this.logoCache = undefined;
    });
    return cached;
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
