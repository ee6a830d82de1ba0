import { foldForSearch, isBigramToken, MAX_SEARCH_TOKEN, searchTokens } from '../discovery/search-analysis.js';

/** A piece of a snippet: plain text, marked when it is a word of the query. */
export interface SnippetPart {
  text: string;
  mark: boolean;
}

const WORD_RE = /[\p{L}\p{M}\p{N}]+/gu;
export const SNIPPET_LENGTH = 220;
const LEAD = 60;

interface Highlight {
  tokens: Set<string>;
  prefixes: string[];
}

const ASCII_WORD_RE = /^[A-Za-z0-9]+$/;

function tokenMatches(token: string, h: Highlight): boolean {
  return h.tokens.has(token) || h.prefixes.some((p) => token.startsWith(p));
}

function wordMatches(word: string, h: Highlight): boolean {
  // Most words of most texts are plain ASCII, which the analysis only lower-cases (and cuts):
  // the full analysis for each of the ~600 words of 20 results was most of a snippet's cost.
  if (ASCII_WORD_RE.test(word)) return tokenMatches(word.slice(0, MAX_SEARCH_TOKEN).toLowerCase(), h);
  return searchTokens(word, 4).some((t) => tokenMatches(t, h));
}

/**
 * [start, end) ranges of `text` that hold a query word (a CJK token: wherever it occurs), up to
 * `span` characters past the first one: the snippet shows no more than that.
 */
function matchRanges(text: string, h: Highlight, span: number): [number, number][] {
  const ranges: [number, number][] = [];
  const cjk = [...h.tokens].filter(isBigramToken);
  for (const m of text.matchAll(WORD_RE)) {
    const start = m.index;
    if (ranges.length && start > ranges[0]![0] + span) break;
    if (isBigramToken(m[0])) {
      const folded = foldForSearch(m[0]);
      // Folding keeps CJK text the same length, so offsets in the folded run are offsets in the text.
      if (folded.length !== m[0].length) continue;
      for (const token of cjk) {
        for (let at = folded.indexOf(token); at >= 0; at = folded.indexOf(token, at + 1)) ranges.push([start + at, start + at + token.length]);
      }
    } else if (wordMatches(m[0], h)) {
      ranges.push([start, start + m[0].length]);
    }
  }
  return ranges.sort((a, b) => a[0] - b[0]);
}

/**
 * A window of `text` around the first word of the query, as parts to render escaped (the view
 * wraps marked parts in <mark>; nothing here is HTML). Without a match: the text's beginning.
 */
export function snippet(text: string, h: Highlight, length = SNIPPET_LENGTH): SnippetPart[] {
  if (!text) return [];
  const ranges = matchRanges(text.slice(0, 20_000), h, length);
  let start = ranges.length ? Math.max(0, ranges[0]![0] - LEAD) : 0;
  if (start > 0) {
    const space = text.indexOf(' ', start);
    if (space >= 0 && space < ranges[0]![0]) start = space + 1;
  }
  let end = Math.min(text.length, start + length);
  if (end < text.length) {
    const space = text.lastIndexOf(' ', end);
    if (space > start + length / 2) end = space;
  }
  const parts: SnippetPart[] = [];
  const push = (s: string, mark: boolean) => {
    if (s) parts.push({ text: s, mark });
  };
  if (start > 0) push('…', false);
  let at = start;
  for (const [from, to] of ranges) {
    if (to <= at || from >= end) continue;
    const a = Math.max(from, at);
    push(text.slice(at, a), false);
    push(text.slice(a, Math.min(to, end)), true);
    at = Math.min(to, end);
  }
  push(text.slice(at, end), false);
  if (end < text.length) push('…', false);
  // Adjacent marked parts (overlapping bigrams) read as one.
  return parts.reduce<SnippetPart[]>((out, p) => {
    const last = out.at(-1);
    if (last && last.mark === p.mark) last.text += p.text;
    else out.push({ ...p });
    return out;
  }, []);
}

/** The snippet as HTML: text escaped, query words in <mark>. */
export function snippetHtml(parts: SnippetPart[]): string {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  return parts.map((p) => (p.mark ? `<mark>${esc(p.text)}</mark>` : esc(p.text))).join('');
}

export function snippetText(parts: SnippetPart[]): string {
  return parts.map((p) => p.text).join('');
}
