import { describe, expect, it } from 'vitest';
import { fingerprint, isNearDuplicate, resemblance } from './near-duplicate.js';
import { tokenize } from './tokenize.js';

const STORY =
  'The central bank raised its benchmark interest rate by a quarter point on Wednesday, citing persistent ' +
  'inflation in services and a labour market that remains tight, and signalled that further increases ' +
  'could follow if price pressures do not ease in the coming months, according to a statement released ' +
  'after the two day policy meeting in the capital.';
const OTHER =
  'The football club confirmed on Wednesday that its captain will miss the rest of the season after ' +
  'tearing a knee ligament in training, a blow to their hopes of winning the league title this year.';

describe('MinHash near-duplicates', () => {
  it('gives identical texts identical signatures', () => {
    expect(resemblance(fingerprint(tokenize(STORY)), fingerprint(tokenize(STORY)))).toBe(1);
  });

  it('treats a syndicated copy with a byline and one changed word as the same story', () => {
    const a = fingerprint(tokenize(STORY));
    const b = fingerprint(tokenize(`By staff. ${STORY.replace('Wednesday', 'Thursday')}`));
    expect(isNearDuplicate(a, b, 0.8)).toBe(true);
  });

  it('keeps different stories apart, even when they share words', () => {
    const a = fingerprint(tokenize(STORY));
    const b = fingerprint(tokenize(OTHER));
    expect(isNearDuplicate(a, b, 0.8)).toBe(false);
    expect(resemblance(a, b)).toBeLessThan(0.2);
  });

  it('keeps apart two stories told with the same template but different facts', () => {
    const a = fingerprint(tokenize('Acme Corp said quarterly dividend of 10 cts vs 8 cts prior, pay April 15, record April 1'));
    const b = fingerprint(tokenize('Widget Inc said quarterly dividend of 25 cts vs 25 cts prior, pay May 2, record April 20'));
    expect(isNearDuplicate(a, b, 0.8)).toBe(false);
  });

  it('never calls empty or very short texts duplicates of each other', () => {
    const e1 = fingerprint([]);
    const e2 = fingerprint(tokenize('hi'));
    expect(e1.sig).toBeNull();
    expect(isNearDuplicate(e1, e2, 0)).toBe(false);
  });
});
