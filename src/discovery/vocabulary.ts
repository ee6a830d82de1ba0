/**
 * The index's terms and their ids (an id is a term's position). A restored vocabulary keeps the
 * snapshot's text and term lengths, and makes its strings and dictionary only when a term is
 * first looked up or listed — when an article is added or edited, never to answer a Related
 * list — so a restart does not pay for 100k+ strings and map entries before it can serve.
 */
export class Vocabulary {
  private readonly ids = new Map<string, number>();
  private readonly list: string[] = [];
  private packed: { lengths: Uint32Array; text: string } | null = null;
  private count = 0;

  /** A vocabulary of the terms in `text`, one after another, `lengths` (UTF-16 units) long each. */
  static packed(lengths: Uint32Array, text: string): Vocabulary {
    let total = 0;
    for (let t = 0; t < lengths.length; t++) total += lengths[t] as number;
    if (total !== text.length) throw new TypeError('invalid snapshot file: vocabulary does not match its text');
    const v = new Vocabulary();
    v.packed = { lengths, text };
    v.count = lengths.length;
    return v;
  }

  get size(): number {
    return this.count;
  }

  /** The id of `term`, given a new one (the next position) when it is not known yet; `isNew` says which. */
  idOf(term: string): { id: number; isNew: boolean } {
    this.unpack();
    const known = this.ids.get(term);
    if (known !== undefined) return { id: known, isNew: false };
    const id = this.list.length;
    this.ids.set(term, id);
    this.list.push(term);
    this.count = this.list.length;
    return { id, isNew: true };
  }

  /** Every term in id order. */
  terms(): readonly string[] {
    this.unpack();
    return this.list;
  }

  /** The terms as a snapshot holds them: each one's length, and their text concatenated. */
  pack(): { lengths: Uint32Array; text: string } {
    if (this.packed) return this.packed;
    return { lengths: Uint32Array.from(this.list, (t) => t.length), text: this.list.join('') };
  }

  private unpack(): void {
    const packed = this.packed;
    if (!packed) return;
    let at = 0;
    for (let t = 0; t < packed.lengths.length; t++) {
      const term = packed.text.slice(at, (at += packed.lengths[t] as number));
      // A term listed twice would give two ids one meaning; the writer never makes one.
      if (this.ids.has(term)) {
        this.ids.clear();
        this.list.length = 0;
        throw new TypeError(`invalid vocabulary: "${term}" is listed twice`);
      }
      this.ids.set(term, t);
      this.list.push(term);
    }
    this.packed = null;
  }
}
