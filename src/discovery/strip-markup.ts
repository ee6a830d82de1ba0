const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', ndash: '-', mdash: '-',
  hellip: ' ', lsquo: "'", rsquo: "'", ldquo: '"', rdquo: '"', laquo: '"', raquo: '"',
  copy: ' ', reg: ' ', trade: ' ', eacute: 'é', egrave: 'è', agrave: 'à', uuml: 'ü',
  ouml: 'ö', auml: 'ä', szlig: 'ß', ccedil: 'ç', ntilde: 'ñ', zwj: '', zwnj: '', shy: '',
};

const BLOCK_RE = /<(script|style|noscript|template|svg|math)\b[^>]*>[\s\S]*?<\/\1\s*>/gi;
const COMMENT_RE = /<!--[\s\S]*?-->/g;
const TAG_RE = /<\/?[a-zA-Z][^>]*>/g;
const ENTITY_RE = /&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-zA-Z][a-zA-Z0-9]{1,31});/g;
const MD_IMAGE_RE = /!\[([^\]]*)\]\([^)]*\)/g;
const MD_LINK_RE = /\[([^\]]*)\]\([^)]*\)/g;
const URL_RE = /\b(?:https?:\/\/|www\.)[^\s<>"')\]]+/gi;

function decodeEntity(_match: string, body: string): string {
  if (body.charCodeAt(0) === 35 /* # */) {
    const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
    // Lone surrogates and out-of-range code points would poison later normalisation.
    if (!Number.isFinite(code) || code <= 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return ' ';
    return String.fromCodePoint(code);
  }
  return NAMED_ENTITIES[body.toLowerCase()] ?? ' ';
}

/** Turns HTML or Markdown into plain text (tags, scripts, URLs and link targets dropped, entities decoded). */
export function stripMarkup(input: string): string {
  let text = input;
  if (text.includes('<')) {
    text = text.replace(COMMENT_RE, ' ').replace(BLOCK_RE, ' ').replace(TAG_RE, ' ');
  }
  if (text.includes('&')) text = text.replace(ENTITY_RE, decodeEntity);
  if (text.includes('](')) text = text.replace(MD_IMAGE_RE, ' $1 ').replace(MD_LINK_RE, ' $1 ');
  if (text.includes('http') || text.includes('www.')) text = text.replace(URL_RE, ' ');
  return text;
}
