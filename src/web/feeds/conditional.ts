import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** A rendered response body with the validators conditional requests are answered from. */
export interface Validated {
  body: string;
  etag: string;
  /** Seconds precision, as HTTP dates carry no milliseconds. */
  lastModified: number;
}

export function validated(body: string, lastModified: number): Validated {
  return { body, etag: `"${createHash('sha1').update(body).digest('base64url')}"`, lastModified: Math.floor(lastModified / 1000) * 1000 };
}

/** True when the client's copy is current: If-None-Match decides when sent, else If-Modified-Since. */
function notModified(request: FastifyRequest, v: Validated): boolean {
  const match = request.headers['if-none-match'];
  if (match !== undefined) return match.split(',').some((t) => t.trim() === '*' || t.trim().replace(/^W\//, '') === v.etag);
  const since = request.headers['if-modified-since'];
  if (!since) return false;
  const at = Date.parse(since);
  return Number.isFinite(at) && v.lastModified <= at;
}

/** Sends `v` with ETag and Last-Modified, or a bodiless 304 when the client already has it. */
export function sendValidated(request: FastifyRequest, reply: FastifyReply, v: Validated, type: string, cacheControl: string): FastifyReply {
  reply.header('etag', v.etag).header('last-modified', new Date(v.lastModified).toUTCString()).header('cache-control', cacheControl);
  if (notModified(request, v)) return reply.code(304).send();
  return reply.type(type).send(v.body);
}
