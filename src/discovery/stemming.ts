import { stemmer } from 'stemmer';
import stopwordsIso from 'stopwords-iso/stopwords-iso.json' with { type: 'json' };
import { foldText } from './tokenize.js';

type StopLists = Readonly<Record<string, readonly string[] | undefined>>;
const LISTS = stopwordsIso as unknown as StopLists;
const LATIN_WORD_RE = /^[a-z0-9]+$/;
const NON_LATIN_LANGS = ['zh', 'ja', 'ko', 'th', 'ar', 'fa', 'ur', 'he', 'ru', 'uk', 'bg', 'el', 'hi', 'mr', 'bn', 'gu', 'hy', 'ku'];
const STEM_CACHE_LIMIT = 200_000;

function foldedSet(words: Iterable<string>): Set<string> {
  const set = new Set<string>();
  for (const w of words) set.add(foldText(w));
  return set;
}

const latinStopSets = new Map<string, Set<string>>();
// Non-Latin lists never collide with Latin words, so one union serves every non-Latin token.
const NON_LATIN_STOP = foldedSet(NON_LATIN_LANGS.flatMap((l) => LISTS[l] ?? []));

/** The primary language subtag of a BCP-47 hint ('en-GB' becomes 'en'). */
export function baseLang(lang: string | undefined, fallback: string): string {
  if (!lang) return fallback;
  const base = lang.toLowerCase().split(/[-_]/)[0];
  return base && base.length >= 2 ? base : fallback;
}

function latinStopSet(lang: string): Set<string> {
  let set = latinStopSets.get(lang);
  if (!set) {
    set = foldedSet(LISTS[lang] ?? LISTS.en ?? []);
    latinStopSets.set(lang, set);
  }
  return set;
}

/** True when the folded token is a stop word for this language (non-Latin tokens use every non-Latin list). */
export function isStopWord(token: string, lang: string): boolean {
  return LATIN_WORD_RE.test(token) ? latinStopSet(lang).has(token) : NON_LATIN_STOP.has(token);
}

// Last letters of the suffixes Porter's algorithm (stemmer 2.0.1) acts on: -s, -eed/-ed, -ing, -y,
// its step 2–4 suffixes (-ational … -logi, -icate … -ness, -al … -ize, -ion) and step 5's -e and -ll.
// A word ending in any other letter or a digit matches none of its rules and comes back unchanged, so
// it skips the dozen regular expressions (about a quarter of the distinct words of long posts).
const PORTER_LAST_LETTERS = new Uint8Array(128);
for (const c of 'cdegilmnrstuy') PORTER_LAST_LETTERS[c.charCodeAt(0)] = 1;

/** Porter stem for English words; other languages and non-Latin tokens pass through. */
export function stem(token: string, lang: string): string {
  if (lang !== 'en' || !LATIN_WORD_RE.test(token) || token.charCodeAt(0) <= 57) return token;
  if (PORTER_LAST_LETTERS[token.charCodeAt(token.length - 1)] !== 1) return token;
  return stemmer(token);
}

// token -> term per language; '' marks a dropped token. Tokens repeat heavily, so this saves most work.
const termCaches = new Map<string, Map<string, string>>();

/**
 * The index term of one folded token, or '' when it is a stop word or a single character. A single
 * Chinese or Japanese character is most often a particle or a piece of a longer word the segmenter did
 * not know; as a term it would tie together articles that share nothing but common characters.
 */
export function termOf(token: string, lang: string): string {
  if (isStopWord(token, lang)) return '';
  const s = stem(token, lang);
  return s.length > 1 ? s : '';
}

/** Drops stop words and stems the rest, keeping order. */
export function toTerms(tokens: readonly string[], lang: string): string[] {
  let cache = termCaches.get(lang);
  if (!cache) termCaches.set(lang, (cache = new Map()));
  const out: string[] = [];
  for (const t of tokens) {
    let term = cache.get(t);
    if (term === undefined) {
      if (cache.size >= STEM_CACHE_LIMIT) cache.clear();
      term = termOf(t, lang);
      cache.set(t, term);
    }
    if (term !== '') out.push(term);
  }
  return out;
}
