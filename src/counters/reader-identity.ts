import { createHmac, randomBytes } from 'node:crypto';

/** A fresh anonymous reader id for the first-party cookie (128 random bits). */
export function newReaderId(): string {
  return randomBytes(16).toString('base64url');
}

/** True for a value newReaderId could have made (the cookie's signature is checked elsewhere). */
export function isReaderId(value: string): boolean {
  return /^[A-Za-z0-9_-]{22}$/.test(value);
}

/**
 * The key under which a reader's reactions and reads are stored: a keyed hash, so the
 * database never holds the cookie value itself and a leaked database cannot be replayed.
 */
export function readerKey(secret: string, readerId: string): string {
  return createHmac('sha256', secret).update(`reader:${readerId}`).digest('base64url').slice(0, 22);
}

/**
 * The identity of a reader without a cookie: a hash of address and user agent under a salt
 * that lives for one UTC day only. Once the salt is gone the key cannot be tied back to an
 * address, and the same person is a new reader tomorrow (as privacy-first analytics do).
 * The `~` prefix keeps it apart from cookie-based keys.
 */
export function anonymousReaderKey(dailySalt: Buffer, address: string, userAgent: string): string {
  return `~${createHmac('sha256', dailySalt).update(`${address}\n${userAgent}`).digest('base64url').slice(0, 21)}`;
}
