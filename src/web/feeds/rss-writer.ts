import type * as XmlBuilder from 'xmlbuilder2';
import { lazyRequire } from '../../lazy-require.js';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces.js';
import type { FeedDocument } from '../../services/feed-document.js';
import { textAsHtml, xmlChars } from './xml-text.js';

const xmlbuilder = lazyRequire<typeof XmlBuilder>('xmlbuilder2');

const NS = {
  atom: 'http://www.w3.org/2005/Atom',
  content: 'http://purl.org/rss/1.0/modules/content/',
  dc: 'http://purl.org/dc/elements/1.1/',
  media: 'http://search.yahoo.com/mrss/',
};

function text(parent: XMLBuilder, name: string, value: string, attributes?: Record<string, string>): void {
  parent.ele(name, attributes).txt(xmlChars(value));
}

/**
 * RSS 2.0. The XML writer escapes every value (no CDATA section, so `]]>` in a title is just
 * text). RSS leaves open whether an item's title is text or HTML and most readers render it as
 * HTML, so titles and descriptions are written as HTML-escaped text (as WordPress does): a title
 * reading `<b>` shows `<b>` rather than bold type. Bylines use `dc:creator` (RSS's own `author`
 * must be an e-mail address).
 */
export function writeRss(doc: FeedDocument): string {
  const root = xmlbuilder().create({ version: '1.0', encoding: 'utf-8' })
    .ele('rss', { version: '2.0', 'xmlns:atom': NS.atom, 'xmlns:content': NS.content, 'xmlns:dc': NS.dc, 'xmlns:media': NS.media });
  const channel = root.ele('channel');
  text(channel, 'title', doc.titleText);
  text(channel, 'link', doc.homeUrl);
  text(channel, 'description', doc.descriptionText);
  text(channel, 'language', doc.language);
  text(channel, 'lastBuildDate', new Date(doc.updated).toUTCString());
  text(channel, 'generator', 'Masthead');
  text(channel, 'copyright', doc.rightsText);
  channel.ele('atom:link', { href: xmlChars(doc.selfUrls.rss), rel: 'self', type: 'application/rss+xml' });
  for (const e of doc.entries) {
    const item = channel.ele('item');
    text(item, 'title', textAsHtml(e.titleText));
    text(item, 'link', e.url);
    text(item, 'guid', e.id, { isPermaLink: 'false' });
    text(item, 'pubDate', new Date(e.published).toUTCString());
    text(item, 'description', textAsHtml(e.summaryText));
    if (e.contentHtml !== undefined) text(item, 'content:encoded', e.contentHtml);
    for (const a of e.authors) text(item, 'dc:creator', a.name);
    for (const c of e.categories) text(item, 'category', c.label, { domain: xmlChars(c.scheme) });
    if (e.imageUrl && e.image) {
      // RSS 2.0's enclosure needs the length; Media RSS adds the size for readers that show it.
      item.ele('enclosure', { url: xmlChars(e.imageUrl), length: String(e.image.bytes), type: e.image.type });
      item.ele('media:content', { url: xmlChars(e.imageUrl), medium: 'image', type: e.image.type, fileSize: String(e.image.bytes), width: String(e.image.width), height: String(e.image.height) });
    } else if (e.imageUrl) item.ele('media:content', { url: xmlChars(e.imageUrl), medium: 'image' });
  }
  return root.end({ prettyPrint: true });
}
