import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * Who may keep a copy of a page: `public` (the same bytes for everyone: CDNs and browsers),
 * `private` (this browser only, revalidated each time) or `no-store`.
 */
export type CachePolicy = 'public' | 'private' | 'no-store';

const CACHE_CONTROL: Record<CachePolicy, string> = {
  // A minute at the edge keeps a front-page spike off the app; counts stay fresh through the beacon.
  public: 'public, max-age=60, s-maxage=60, stale-while-revalidate=600',
  private: 'private, max-age=0, must-revalidate',
  'no-store': 'private, no-store',
};

/** Cache-Control of the pages that are the same for every reader (the page cache keeps them). */
export const PUBLIC_CACHE_CONTROL = CACHE_CONTROL.public;
export const HTML_TYPE = 'text/html; charset=utf-8';

/** Sends an HTML page with Cache-Control and a content ETag, answering 304 when the client's copy is current. */
export function sendCacheableHtml(request: FastifyRequest, reply: FastifyReply, html: string | Buffer, policy: CachePolicy): FastifyReply {
  reply.header('cache-control', CACHE_CONTROL[policy]).type('text/html; charset=utf-8');
  if (policy === 'no-store') return reply.send(html);
  const etag = `"${createHash('sha1').update(html).digest('base64url')}"`;
  reply.header('etag', etag);
  const match = request.headers['if-none-match'];
  if (match && match.split(',').some((t) => t.trim().replace(/^W\//, '') === etag)) return reply.code(304).send();
  return reply.send(html);
}
