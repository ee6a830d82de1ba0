const MAX_SLUG_LENGTH = 80;

/**
 * URL slug for a title: accents folded, lowercase, words joined by hyphens.
 * Letters of scripts without case or accents (CJK, Thai, Arabic) are kept as they are,
 * since a transliteration would be a guess; browsers show them readably in the address bar.
 */
export function slugify(text: string): string {
  const folded = text
    .normalize('NFKD')
    // Accents are dropped only from alphabets where readers expect it (é → e); marks that
    // change a letter elsewhere (Japanese dakuten, Thai vowels) are recomposed by NFC below.
    .replace(/([\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}])\p{M}+/gu, '$1')
    .normalize('NFC')
    .toLowerCase()
    .replace(/['’`]/g, '');
  const words = folded.match(/[\p{L}\p{M}\p{N}]+/gu) ?? [];
  let slug = '';
  for (const word of words) {
    const next = slug ? `${slug}-${word}` : word;
    if (next.length > MAX_SLUG_LENGTH) break;
    slug = next;
  }
  if (!slug && words[0]) slug = words[0].slice(0, MAX_SLUG_LENGTH);
  return slug;
}

/** Candidate slugs in order of preference: `base`, `base-2`, `base-3`, … */
export function* slugCandidates(base: string): Generator<string> {
  const root = base || 'article';
  yield root;
  for (let n = 2; ; n++) yield `${root}-${n}`;
}

/** True for a slug made only of lowercase letters, digits and single inner hyphens. */
export function isValidSlug(slug: string): boolean {
  return slug.length > 0 && slug.length <= 200 && /^[\p{Ll}\p{Lo}\p{Lm}\p{M}\p{N}]+(?:-[\p{Ll}\p{Lo}\p{Lm}\p{M}\p{N}]+)*$/u.test(slug);
}
