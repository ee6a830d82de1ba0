import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../errors.js';
import type { AccountService } from '../../services/account-service.js';
import { tokenHash } from '../../services/account-service.js';
import type { User } from '../../storage/ports.js';
import { SESSION_MS } from '../../services/account-service.js';

export const SESSION_COOKIE = 'mh_session';

declare module 'fastify' {
  interface FastifyRequest {
    /** The newsroom account of this request's session, when it has a live one. */
    adminUser: User | undefined;
    /** The session token from the cookie, once its signature checked out. */
    adminToken: string | undefined;
  }
}

/**
 * Reads the session cookie: a bad signature, an unknown, expired or revoked token all mean
 * "not signed in" (the login page), never an error.
 */
export async function loadSession(request: FastifyRequest, accounts: AccountService): Promise<void> {
  request.adminUser = undefined;
  request.adminToken = undefined;
  const raw = request.cookies[SESSION_COOKIE];
  if (!raw) return;
  const unsigned = request.unsignCookie(raw);
  if (!unsigned.valid || !unsigned.value) return;
  const user = await accounts.sessionUser(unsigned.value);
  if (!user) return;
  request.adminUser = user;
  request.adminToken = unsigned.value;
}

/** Sets the session cookie: signed, HttpOnly, SameSite=Lax, Secure when the request came over HTTPS. */
export function setSessionCookie(reply: FastifyReply, token: string): void {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/admin', httpOnly: true, sameSite: 'lax', secure: 'auto', signed: true, maxAge: Math.floor(SESSION_MS / 1000),
  });
}

export function clearSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/admin', httpOnly: true, sameSite: 'lax', secure: 'auto', signed: true });
}

/** What the CSRF token of a request is bound to: the session (or "signed out" on the sign-in page). */
export function csrfUserInfo(request: FastifyRequest): string {
  return request.adminToken ? tokenHash(request.adminToken) : 'signed-out';
}

/**
 * Fetch-Metadata in front of the token: a browser says when a request comes from another site,
 * and such a request is refused before anything else is looked at.
 */
export function assertSameSite(request: FastifyRequest): void {
  const site = request.headers['sec-fetch-site'];
  if (typeof site === 'string' && site !== 'same-origin' && site !== 'none') throw new AppError('MH_ERR_CSRF', 'Forms of the newsroom are accepted only from the newsroom itself.');
  const origin = request.headers.origin;
  if (typeof origin === 'string' && origin !== 'null') {
    let host = '';
    try {
      host = new URL(origin).host;
    } catch {
      // An unreadable Origin is treated as foreign.
    }
    if (host !== request.host) throw new AppError('MH_ERR_CSRF', 'Forms of the newsroom are accepted only from the newsroom itself.');
  }
}

/** Where to go after signing in: only a newsroom address (no open redirect). */
export function safeNext(next: unknown): string {
  return typeof next === 'string' && /^\/admin(\/[^\\]*)?(\?.*)?$/.test(next) && !next.startsWith('//') ? next : '/admin';
}
