import type { ArticleInput } from '../../services/article-service.js';

export interface ParseOptions {
  /** Drop category labels (evaluations prove the discovery engine does not read them). */
  stripCategory?: boolean;
}

/** A record's cover picture: a local path (relative to the JSON Lines file) or an http(s) URL. */
export interface ImageRef {
  source: string;
  alt: string | null;
  caption: string | null;
  credit: string | null;
}

export type ParsedLine =
  | { ok: true; input: ArticleInput; image?: ImageRef }
  | { ok: false; reason: string }
  | { ok: 'skip' };

const STATUSES = new Set(['draft', 'scheduled', 'published']);

/**
 * One JSON Lines record → an ArticleInput, or the reason it cannot be imported.
 * Fields: id, title, body | summary, category, date, author, url, and optionally
 * tags, slug, status, image | image_url with image_alt, image_caption, image_credit
 * (see the corpus README and docs/importing.md).
 */
export function parseRecord(line: string, options: ParseOptions = {}): ParsedLine {
  if (!line.trim()) return { ok: 'skip' };
  let record: unknown;
  try {
    record = JSON.parse(line);
  } catch (err) {
    return { ok: false, reason: `invalid JSON (${(err as Error).message})` };
  }
  if (typeof record !== 'object' || record === null || Array.isArray(record)) {
    return { ok: false, reason: 'a record must be a JSON object' };
  }
  const r = record as Record<string, unknown>;

  const id = r.id;
  if (typeof id !== 'string' && typeof id !== 'number') return { ok: false, reason: 'missing "id"' };
  if (r.title !== undefined && r.title !== null && typeof r.title !== 'string') return { ok: false, reason: '"title" must be a string' };

  for (const field of ['body', 'summary', 'category', 'author', 'url', 'slug', 'date', 'image', 'image_url', 'image_alt', 'image_caption', 'image_credit'] as const) {
    if (r[field] !== undefined && r[field] !== null && typeof r[field] !== 'string') {
      return { ok: false, reason: `"${field}" must be a string` };
    }
  }
  const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v : null);

  let publishedAt: number | null = null;
  const date = str(r.date);
  if (date) {
    const ms = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(date) ? `${date}T00:00:00Z` : date);
    if (Number.isNaN(ms)) return { ok: false, reason: `"date" is not an ISO date: ${JSON.stringify(date)}` };
    publishedAt = ms;
  }

  let status: ArticleInput['status'] = 'published';
  if (r.status !== undefined && r.status !== null) {
    if (typeof r.status !== 'string' || !STATUSES.has(r.status)) {
      return { ok: false, reason: `"status" must be one of draft, scheduled, published` };
    }
    status = r.status as ArticleInput['status'];
  }

  let tags: string[] = [];
  if (r.tags !== undefined && r.tags !== null) {
    if (!Array.isArray(r.tags) || !r.tags.every((t) => typeof t === 'string')) return { ok: false, reason: '"tags" must be a list of strings' };
    tags = r.tags as string[];
  }

  const body = str(r.body);
  const summary = str(r.summary);
  // Wire feeds carry briefs without a headline; such a record is titled by its opening words.
  const title = str(r.title) ?? headlineFrom(summary ?? body);
  if (!title) return { ok: false, reason: 'missing "title" (and no body or summary to take one from)' };
  const imageSource = str(r.image) ?? str(r.image_url);
  const image: ImageRef | undefined = imageSource
    ? { source: imageSource.trim(), alt: str(r.image_alt), caption: str(r.image_caption), credit: str(r.image_credit) }
    : undefined;
  return {
    ok: true,
    ...(image ? { image } : {}),
    input: {
      importId: String(id),
      slug: str(r.slug),
      title,
      summary: summary ?? null,
      body: body ?? '',
      // Corpus bodies are plain text: Markdown renders their paragraphs and escapes stray markup.
      bodyFormat: 'markdown',
      category: options.stripCategory ? null : str(r.category),
      tags,
      authors: splitAuthors(str(r.author)),
      sourceUrl: str(r.url),
      status,
      publishedAt,
    },
  };
}

const HEADLINE_MAX = 90;

/** The first sentence of a text, cut at a word boundary to headline length; null for an empty text. */
export function headlineFrom(text: string | null): string | null {
  const flat = text?.replace(/\s+/g, ' ').trim();
  if (!flat) return null;
  const sentence = flat.match(/^.+?[.!?](?=\s|$)/)?.[0] ?? flat;
  if (sentence.length <= HEADLINE_MAX) return sentence;
  const cut = sentence.slice(0, HEADLINE_MAX);
  return `${cut.slice(0, cut.lastIndexOf(' ') > 40 ? cut.lastIndexOf(' ') : HEADLINE_MAX)}…`;
}

/** "Alice Smith, Bob Jones and Carol Wu" → three names. */
export function splitAuthors(byline: string | null): string[] {
  if (!byline) return [];
  return byline
    .replace(/^\s*by\s+/i, '')
    .split(/\s*(?:,|;|\band\b|&)\s*/i)
    .map((s) => s.trim())
    .filter((s) => s.length > 1 && s.length <= 120);
}
