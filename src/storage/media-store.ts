import type { Kysely, Selectable } from 'kysely';
import type { MediaImage, MediaVariant } from '../content/types.js';
import type { SourceFormat } from '../media/variant-plan.js';
import type { Database, MediaTable } from './schema.js';
import type { MediaDescription, MediaStore } from './ports.js';

function toImage(r: Selectable<MediaTable>): MediaImage {
  return {
    id: r.id,
    sha256: r.sha256,
    filename: r.filename,
    format: r.format as SourceFormat,
    width: r.width,
    height: r.height,
    bytes: Number(r.bytes),
    alt: r.alt,
    caption: r.caption,
    credit: r.credit,
    variants: JSON.parse(r.variants) as MediaVariant[],
    createdAt: Number(r.created_at),
  };
}

/** Image records over Kysely (same SQL on SQLite and PostgreSQL). */
export class KyselyMediaStore implements MediaStore {
  constructor(private readonly db: Kysely<Database>) {}

  async findById(id: number): Promise<MediaImage | undefined> {
    const row = await this.db.selectFrom('media').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toImage(row) : undefined;
  }

  async findBySha(sha256: string): Promise<MediaImage | undefined> {
    const row = await this.db.selectFrom('media').selectAll().where('sha256', '=', sha256).executeTakeFirst();
    return row ? toImage(row) : undefined;
  }

  async byIds(ids: readonly number[]): Promise<Map<number, MediaImage>> {
    const out = new Map<number, MediaImage>();
    const unique = [...new Set(ids)];
    for (let i = 0; i < unique.length; i += 500) {
      const rows = await this.db.selectFrom('media').selectAll().where('id', 'in', unique.slice(i, i + 500)).execute();
      for (const r of rows) out.set(r.id, toImage(r));
    }
    return out;
  }

  async bySha(shas: readonly string[]): Promise<Map<string, MediaImage>> {
    const out = new Map<string, MediaImage>();
    const unique = [...new Set(shas)];
    for (let i = 0; i < unique.length; i += 500) {
      const rows = await this.db.selectFrom('media').selectAll().where('sha256', 'in', unique.slice(i, i + 500)).execute();
      for (const r of rows) out.set(r.sha256, toImage(r));
    }
    return out;
  }

  async recent(limit: number): Promise<MediaImage[]> {
    const rows = await this.db.selectFrom('media').selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
    return rows.map(toImage);
  }

  async insert(image: Omit<MediaImage, 'id'>): Promise<number> {
    const row = await this.db.insertInto('media').values({
      sha256: image.sha256,
      filename: image.filename,
      format: image.format,
      width: image.width,
      height: image.height,
      bytes: image.bytes,
      alt: image.alt,
      caption: image.caption,
      credit: image.credit,
      variants: JSON.stringify(image.variants),
      created_at: image.createdAt,
    }).onConflict((oc) => oc.column('sha256').doNothing()).returning('id').executeTakeFirst();
    if (row) return row.id;
    const existing = await this.db.selectFrom('media').select('id').where('sha256', '=', image.sha256).executeTakeFirstOrThrow();
    return existing.id;
  }

  async describe(id: number, d: MediaDescription): Promise<void> {
    await this.db.updateTable('media').set({ alt: d.alt, caption: d.caption, credit: d.credit }).where('id', '=', id).execute();
  }
}
