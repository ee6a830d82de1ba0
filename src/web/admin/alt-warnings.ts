/**
 * What the editor warns about before anything is published: pictures a reader who cannot see
 * them would miss. The same rules run in the browser (admin.js) as the form is typed.
 */
export function altWarnings(f: { body: string; coverImageId: string; coverAlt: string }): string[] {
  const out: string[] = [];
  if (f.coverImageId.trim() && !f.coverAlt.trim()) out.push('The cover image has no alt text: say what it shows, for readers who cannot see it.');
  const bare = bodyImagesWithoutAlt(f.body);
  if (bare) out.push(`${bare === 1 ? 'An image' : `${bare} images`} in the body ${bare === 1 ? 'has' : 'have'} no alt text: write it between the brackets, ![what it shows](…).`);
  return out;
}

/** Markdown images with empty alt text: `![](…)` or `![  ](…)`. */
export function bodyImagesWithoutAlt(markdown: string): number {
  return [...markdown.matchAll(/!\[\s*\]\(/g)].length;
}
