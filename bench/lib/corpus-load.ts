import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { DiscoveryDoc } from '../../src/discovery/types.js';

/** A corpus ready for the engine: docs carry no labels; labels live apart, for scoring only. */
export interface LabelledCorpus {
  name: string;
  docs: DiscoveryDoc[];
  /** Article id → labels (Reuters: all topics; others: the category). Unlabelled articles are absent. */
  labels: Map<number, readonly string[]>;
  /** The record ids of the file, by article id − 1 (for mapping results back to the source). */
  importIds: string[];
}

interface RawRecord {
  id?: unknown;
  title?: unknown;
  body?: unknown;
  summary?: unknown;
  category?: unknown;
  topics?: unknown;
  date?: unknown;
}

function labelsOf(r: RawRecord): string[] {
  if (Array.isArray(r.topics)) return r.topics.filter((t): t is string => typeof t === 'string' && t.length > 0);
  return typeof r.category === 'string' && r.category.length > 0 ? [r.category] : [];
}

/**
 * Reads a gzipped (or plain) JSON Lines corpus. Category and topics are split off here, before anything
 * reaches the engine, and string ids become integers. (`--direct` in the bench; the default loads through
 * the product importer: corpus-store-load.ts.)
 */
export function loadLabelledCorpus(file: string): LabelledCorpus {
  const raw = readFileSync(file);
  const text = (file.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8');
  const docs: DiscoveryDoc[] = [];
  const labels = new Map<number, readonly string[]>();
  const seen = new Set<string>();
  const importIds: string[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    const r = JSON.parse(line) as RawRecord;
    const key = String(r.id);
    if (seen.has(key)) continue;
    seen.add(key);
    importIds.push(key);
    const id = docs.length + 1;
    const date = typeof r.date === 'string' ? Date.parse(r.date) : NaN;
    const body = typeof r.body === 'string' ? r.body : typeof r.summary === 'string' ? r.summary : '';
    const doc: DiscoveryDoc = { id, title: typeof r.title === 'string' ? r.title : '', text: body };
    if (Number.isFinite(date)) doc.publishedAt = date;
    docs.push(doc);
    const l = labelsOf(r);
    if (l.length > 0) labels.set(id, l);
  }
  return { name: basename(file).replace(/\.jsonl(\.gz)?$/, ''), docs, labels, importIds };
}
