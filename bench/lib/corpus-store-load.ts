import { LocalChangeChannel } from '../../src/events/change-channel.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importJsonl } from '../../src/importers/jsonl/import-jsonl.js';
import { ArticleService } from '../../src/services/article-service.js';
import { openStorage } from '../../src/storage/open-storage.js';
import type { DiscoveryDoc } from '../../src/discovery/types.js';
import { loadLabelledCorpus, type LabelledCorpus } from './corpus-load.js';

export interface StoreLoadedCorpus extends LabelledCorpus {
  /** Seconds the product importer took to write the corpus into the temporary store. */
  importSeconds: number;
  /** Records the importer refused (e.g. no text at all), with their line and reason; they are left out. */
  refused: { line: number; reason: string }[];
}

/**
 * Loads a corpus the way a site gets it: `masthead import --strip-category` into a temporary
 * SQLite store, then the documents are read back from the store — so the engine sees stored,
 * rendered text and never a label. Labels come from a separate read of the file, keyed by the
 * import id, for scoring only.
 */
export async function loadCorpusThroughStore(file: string): Promise<StoreLoadedCorpus> {
  const dir = mkdtempSync(join(tmpdir(), 'mh-bench-related-'));
  const storage = await openStorage({ dataDir: dir });
  try {
    const started = performance.now();
    const summary = await importJsonl(file, storage, new ArticleService(new LocalChangeChannel()), { stripCategory: true });
    const importSeconds = (performance.now() - started) / 1000;

    const docs: DiscoveryDoc[] = [];
    for await (const a of storage.articles.indexable(Date.now() + 1000)) {
      if (a.categoryId !== null) throw new Error(`article ${a.id} kept a category: the import did not strip labels`);
      docs.push({ id: a.id, title: a.title, text: a.text, ...(a.publishedAt !== null ? { publishedAt: a.publishedAt } : {}) });
    }
    // Labels by import id, from the file itself; they never pass through the store.
    const fromFile = loadLabelledCorpus(file);
    const labelOfImportId = new Map<string, readonly string[]>();
    for (const [fileId, l] of fromFile.labels) labelOfImportId.set(fromFile.importIds[fileId - 1]!, l);
    const importIds = await storage.articles.importIds(docs.map((d) => d.id));
    const labels = new Map<number, readonly string[]>();
    for (const d of docs) {
      const l = labelOfImportId.get(importIds.get(d.id) ?? '');
      if (l) labels.set(d.id, l);
    }
    return { name: fromFile.name, docs, labels, importIds: docs.map((d) => importIds.get(d.id) ?? String(d.id)), importSeconds, refused: summary.problems };
  } finally {
    await storage.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
