import { describe, expect, it } from 'vitest';
import { addressKey } from './address-key.js';
import { LocalSaltSource, epochDay } from './daily-salt.js';
import { anonymousReaderKey, isReaderId, newReaderId, readerKey } from './reader-identity.js';

describe('reader identity', () => {
  it('makes cookie ids of a fixed shape and stores only a keyed hash of them', () => {
    const id = newReaderId();
    expect(isReaderId(id)).toBe(true);
    expect(isReaderId(`${id}x`)).toBe(false);
    expect(isReaderId('../../etc/passwd-xxxxxxx')).toBe(false);
    const key = readerKey('secret-a', id);
    expect(key).not.toContain(id);
    expect(readerKey('secret-a', id)).toBe(key);
    expect(readerKey('secret-b', id)).not.toBe(key);
  });

  it('hashes cookie-less readers under a salt that changes every UTC day and holds no address', () => {
    const salts = new LocalSaltSource();
    const day = epochDay(Date.UTC(2026, 2, 3, 23, 59));
    const a = anonymousReaderKey(salts.saltFor(day), '203.0.113.9', 'UA');
    expect(anonymousReaderKey(salts.saltFor(day), '203.0.113.9', 'UA')).toBe(a);
    expect(anonymousReaderKey(salts.saltFor(day), '203.0.113.10', 'UA')).not.toBe(a);
    expect(anonymousReaderKey(salts.saltFor(day), '203.0.113.9', 'UA2')).not.toBe(a);
    expect(a).not.toContain('203');
    expect(a.startsWith('~')).toBe(true);
    expect(anonymousReaderKey(salts.saltFor(day + 1), '203.0.113.9', 'UA')).not.toBe(a);
    // Yesterday's salt is gone: going back does not bring the old key back.
    expect(anonymousReaderKey(salts.saltFor(day), '203.0.113.9', 'UA')).not.toBe(a);
  });

  it('keys addresses for limits: IPv4 whole, IPv6 by /64', () => {
    expect(addressKey('198.51.100.7')).toBe('198.51.100.7');
    expect(addressKey('::ffff:198.51.100.7')).toBe('198.51.100.7');
    expect(addressKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:0db8:0001:0002:ffff:1:2:3')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
  });
});
