import type * as XmlBuilder from 'xmlbuilder2';
import { lazyRequire } from '../../lazy-require.js';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces.js';
import type { FeedDocument } from '../../services/feed-document.js';
import { xmlChars } from './xml-text.js';

const xmlbuilder = lazyRequire<typeof XmlBuilder>('xmlbuilder2');

function text(parent: XMLBuilder, name: string, value: string, attributes?: Record<string, string>): void {
  parent.ele(name, attributes).txt(xmlChars(value));
}

function attrs(values: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, xmlChars(v)]));
}

/**
 * Atom 1.0 (RFC 4287). Titles and summaries are `type="text"`, so no reader parses them as
 * markup; the body is `type="html"`, escaped by the XML writer. The feed-level author (the
 * publication) covers entries without a byline, as the RFC requires every entry to have one.
 */
export function writeAtom(doc: FeedDocument): string {
  const feed = xmlbuilder().create({ version: '1.0', encoding: 'utf-8' })
    .ele('http://www.w3.org/2005/Atom', 'feed', { 'xml:lang': xmlChars(doc.language) });
  text(feed, 'id', doc.id);
  text(feed, 'title', doc.titleText, { type: 'text' });
  if (doc.descriptionText) text(feed, 'subtitle', doc.descriptionText, { type: 'text' });
  text(feed, 'updated', new Date(doc.updated).toISOString());
  feed.ele('link', attrs({ rel: 'alternate', type: 'text/html', href: doc.homeUrl }));
  feed.ele('link', attrs({ rel: 'self', type: 'application/atom+xml', href: doc.selfUrls.atom }));
  text(feed.ele('author'), 'name', doc.publisherName);
  text(feed, 'generator', 'Masthead');
  text(feed, 'rights', doc.rightsText, { type: 'text' });
  for (const e of doc.entries) {
    const entry = feed.ele('entry');
    text(entry, 'id', e.id);
    text(entry, 'title', e.titleText, { type: 'text' });
    entry.ele('link', attrs({ rel: 'alternate', type: 'text/html', href: e.url }));
    text(entry, 'published', new Date(e.published).toISOString());
    text(entry, 'updated', new Date(e.updated).toISOString());
    for (const a of e.authors) {
      const author = entry.ele('author');
      text(author, 'name', a.name);
      text(author, 'uri', a.url);
    }
    for (const c of e.categories) entry.ele('category', attrs({ term: c.term, label: c.label, scheme: c.scheme }));
    if (e.summaryText) text(entry, 'summary', e.summaryText, { type: 'text' });
    if (e.contentHtml !== undefined) text(entry, 'content', e.contentHtml, { type: 'html' });
    if (e.imageUrl) entry.ele('link', attrs({ rel: 'enclosure', href: e.imageUrl, ...(e.image ? { type: e.image.type, length: String(e.image.bytes) } : {}) }));
  }
  return feed.end({ prettyPrint: true });
}
