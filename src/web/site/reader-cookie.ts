import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { addressKey } from '../../counters/address-key.js';
import type { ReaderCredentials } from '../../counters/counter-service.js';
import { isReaderId } from '../../counters/reader-identity.js';

export const READER_COOKIE = 'mh_reader';
const ONE_YEAR_S = 365 * 24 * 3600;

// The verdict is kept on the request: rate limits and the handler both ask, and checking the
// signature is an HMAC each time.
const verified = new WeakMap<FastifyRequest, string | undefined>();

/** The reader id from the signed cookie; a forged or tampered cookie counts as none. */
export function readReaderId(request: FastifyRequest): string | undefined {
  if (verified.has(request)) return verified.get(request);
  const raw = request.cookies[READER_COOKIE];
  let id: string | undefined;
  if (raw) {
    const unsigned = request.unsignCookie(raw);
    id = unsigned.valid && unsigned.value && isReaderId(unsigned.value) ? unsigned.value : undefined;
  }
  verified.set(request, id);
  return id;
}

/**
 * The Set-Cookie value of the reader cookie: `id` signed with the site's key, HttpOnly, SameSite
 * Lax, for a year, Secure over HTTPS. Every answer that issues a reader uses this one function.
 */
export function readerCookieHeader(app: Pick<FastifyInstance, 'serializeCookie' | 'signCookie'>, id: string, protocol: string): string {
  return app.serializeCookie(READER_COOKIE, app.signCookie(id), {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    maxAge: ONE_YEAR_S,
    secure: protocol === 'https',
  });
}

/** Sets `id` as the signed, HttpOnly, SameSite reader cookie for a year. */
export function setReaderCookie(request: FastifyRequest, reply: FastifyReply, id: string): void {
  reply.header('set-cookie', readerCookieHeader(request.server, id, request.protocol));
}

/** Who sent the request, as the counters identify a reader: the verified cookie, the address key and the agent. */
export function readerCredentials(request: FastifyRequest): ReaderCredentials {
  return { cookieId: readReaderId(request), address: addressKey(request.ip), userAgent: request.headers['user-agent'] };
}
