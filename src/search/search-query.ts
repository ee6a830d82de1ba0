import { isBigramToken, searchTokens } from '../discovery/search-analysis.js';

/** One condition of a query: a word (one token) or a phrase (tokens in a row). */
export interface SearchClause {
  tokens: string[];
  /** The last token matches as a prefix (`harb*`, or the last word typed). */
  prefix: boolean;
  /** Articles matching this clause are left out (`-closed`). */
  negated: boolean;
}

export interface ParsedQuery {
  clauses: SearchClause[];
}

export const MAX_CLAUSES = 8;
const MAX_NEGATED = 4;
const MAX_PHRASE_TOKENS = 24;
/** The shortest last word that is also searched as a prefix (a lone CJK character always is). */
const MIN_PREFIX = 3;

// Control characters, lone surrogates and the replacement character invalid UTF-8 decodes to.
const UNREADABLE_RE = /[\p{Cc}\p{Cs}\uFFFD]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/gu;
// A quoted phrase (a missing closing quote ends it at the end), or one bare word; either may start with `-`.
const PART_RE = /(-?)"([^"]*)"?|(\S+)/g;

function clauseOf(text: string, negated: boolean, quoted: boolean): SearchClause | undefined {
  const prefix = !quoted && text.endsWith('*') && /[\p{L}\p{M}\p{N}]{2}\*$/u.test(text);
  const tokens = searchTokens(text, MAX_PHRASE_TOKENS);
  if (!tokens.length) return undefined;
  // A single CJK character is indexed inside bigrams: it is found as their prefix.
  const lone = tokens.length === 1 && tokens[0]!.length === 1 && isBigramToken(tokens[0]!);
  return { tokens, prefix: prefix || lone, negated };
}

export interface ParseOptions {
  isStopWord?: (token: string) => boolean;
  /**
   * The query is still being typed (the search box's suggestions): its last word may be
   * unfinished, so it matches as a prefix too. A submitted search matches whole words only: a
   * prefix makes the database merge the postings of every word that starts with it, the
   * slowest kind of query there is, for a word the reader has already finished.
   */
  asYouType?: boolean;
}

/**
 * A reader's query in Masthead's search analysis. Nothing the reader types is query syntax for
 * the database: words and quoted phrases become tokens of letters and digits, `-word` leaves
 * matches out, `word*` matches as a prefix (and, as you type, the last word); everything else
 * (`OR`, `NEAR(`, `^`, stray quotes) is read as words or dropped.
 */
export function parseQuery(raw: string, options: ParseOptions = {}): ParsedQuery {
  const text = raw.replace(UNREADABLE_RE, ' ');
  const clauses: SearchClause[] = [];
  const seen = new Set<string>();
  let lastBare: SearchClause | undefined;
  for (const m of text.matchAll(PART_RE)) {
    const quoted = m[2] !== undefined;
    let word = quoted ? m[2]! : m[3]!;
    let negated = quoted && m[1] === '-';
    if (!quoted && word.length > 1 && word.startsWith('-')) {
      negated = true;
      word = word.slice(1);
    }
    const clause = clauseOf(word, negated, quoted);
    if (!clause) continue;
    const key = `${clause.negated ? '-' : ''}${clause.tokens.join(' ')}`;
    if (seen.has(key)) continue;
    const count = clauses.filter((c) => c.negated === clause.negated).length;
    if (count >= (clause.negated ? MAX_NEGATED : MAX_CLAUSES)) continue;
    seen.add(key);
    clauses.push(clause);
    if (!quoted && !negated) lastBare = clause;
  }
  // The last word typed may be unfinished (search as you type), unless it is too short for a
  // prefix to mean anything: `s*` (from "Trump's") would expand to every word starting with s.
  if (options.asYouType && lastBare && lastBare === clauses.filter((c) => !c.negated).at(-1) && !/\s$/.test(raw) && lastBare.tokens.at(-1)!.length >= MIN_PREFIX) {
    lastBare.prefix = true;
  }
  const kept = withoutStopWords(clauses, options.isStopWord);
  return { clauses: kept.some((c) => !c.negated) ? kept : [] };
}

/**
 * Single stop words ("the", "of") are dropped from a query that has other words: every article
 * holds them, so ANDing them narrows nothing but makes the database read their whole postings.
 * Phrases keep them ("the who"), and a query of stop words only is kept as it is.
 */
function withoutStopWords(clauses: SearchClause[], isStopWord: ((token: string) => boolean) | undefined): SearchClause[] {
  if (!isStopWord) return clauses;
  const stop = (c: SearchClause) => !c.negated && c.tokens.length === 1 && isStopWord(c.tokens[0]!);
  return clauses.some((c) => !c.negated && !stop(c)) ? clauses.filter((c) => !stop(c)) : clauses;
}

/** The query as an FTS5 expression: every token quoted, so it is always valid syntax. */
export function toFts5(q: ParsedQuery): string {
  const part = (c: SearchClause) => `"${c.tokens.join(' ')}"${c.prefix ? '*' : ''}`;
  const positive = q.clauses.filter((c) => !c.negated).map(part).join(' ');
  const negated = q.clauses.filter((c) => c.negated).map((c) => ` NOT ${part(c)}`).join('');
  return negated ? `(${positive})${negated}` : positive;
}

/** The query as a tsquery literal (cast with ::tsquery, so PostgreSQL's parser never splits it). */
export function toTsquery(q: ParsedQuery): string {
  const part = (c: SearchClause) => {
    const phrase = c.tokens.map((t, i) => `'${t}'${c.prefix && i === c.tokens.length - 1 ? ':*' : ''}`).join(' <-> ');
    return c.negated ? `!(${phrase})` : c.tokens.length > 1 ? `(${phrase})` : phrase;
  };
  return q.clauses.map(part).join(' & ');
}

/** The folded tokens a result's snippet highlights. */
export function highlightTokens(q: ParsedQuery): { tokens: Set<string>; prefixes: string[] } {
  const positive = q.clauses.filter((c) => !c.negated);
  return {
    tokens: new Set(positive.flatMap((c) => c.tokens)),
    prefixes: positive.filter((c) => c.prefix).map((c) => c.tokens.at(-1)!),
  };
}
