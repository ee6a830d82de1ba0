import type { Config } from '../config/config.js';
import { createMasthead } from '../main.js';

/** `masthead related --json`: one line per public article with its Related list, by import id. */
export async function runRelated(config: Config, options: { k: number; json: boolean }): Promise<void> {
  const masthead = await createMasthead({ ...config, logLevel: 'silent' });
  try {
    const now = Date.now();
    const ids: number[] = [];
    for await (const a of masthead.storage.articles.indexable(now)) ids.push(a.id);
    const names = await masthead.storage.articles.importIds(ids);
    const label = (id: number) => names.get(id) ?? String(id);
    for (const id of ids) {
      const related = (await masthead.discovery.related(id, options.k, now)).map((c) => label(c.id));
      process.stdout.write(options.json ? `${JSON.stringify({ id: label(id), related })}\n` : `${label(id)}\t${related.join(' ')}\n`);
    }
  } finally {
    await masthead.close();
  }
}
