import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, isAppError } from '../../errors.js';
import { uploadLabel, type MediaService } from '../../media/media-service.js';
import { formatBytes } from '../../media/media-limits.js';
import { errorStatus } from '../error-status.js';

export interface MediaUploadOptions {
  media: MediaService;
  /**
   * Throws (an AppError with a 401/403 meaning, or any error) unless the request comes from a
   * signed-in editor. Required: the route is only registered by the code that owns accounts.
   */
  authorize: (request: FastifyRequest, reply: FastifyReply) => Promise<void>;
  /** Where uploads are posted: under the newsroom's prefix, so its session and CSRF cookies come along. */
  url?: string;
}

/**
 * `POST /admin/media?filename=&alt=&caption=&credit=` with the image bytes as the body (any
 * Content-Type; the content decides what it is). Answers 201 with the image record and its
 * variants; 400 for a file that is not an image, 413 over the byte or pixel limit.
 * See docs/media.md ("Uploading").
 */
export const mediaUploadRoutes: FastifyPluginAsync<MediaUploadOptions> = async (app, opts) => {
  const { media } = opts;
  // The body is kept as bytes whatever its declared type: sniffing decides, not the header.
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: media.limits.maxBytes }, (_req, body, done) => done(null, body));
  app.removeContentTypeParser(['application/json', 'text/plain']);
  app.addContentTypeParser(['application/json', 'text/plain'], { parseAs: 'buffer', bodyLimit: media.limits.maxBytes }, (_req, body, done) => done(null, body));

  app.post<{ Querystring: { filename?: string; alt?: string; caption?: string; credit?: string } }>(opts.url ?? '/admin/media', {
    bodyLimit: media.limits.maxBytes,
    // Before the body is read: an anonymous request is refused without its upload being taken in.
    onRequest: async (request, reply) => opts.authorize(request, reply),
    errorHandler: async (error, request, reply) => {
      const err = error as Error & { code?: string; statusCode?: number };
      if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
        const filename = request.query.filename ? uploadLabel(request.query.filename) : 'the upload';
        return reply.code(413).send({ error: 'MH_ERR_MEDIA_TOO_LARGE', message: `${filename} is over the limit of ${formatBytes(media.limits.maxBytes)}`, statusCode: 413, limitBytes: media.limits.maxBytes });
      }
      if (isAppError(err)) {
        const status = errorStatus[err.code];
        return reply.code(status).send({ error: err.code, message: err.message, statusCode: status, ...err.details });
      }
      if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) return reply.code(err.statusCode).send({ error: 'MH_ERR_BAD_REQUEST', message: err.message, statusCode: err.statusCode });
      request.log.error({ err }, 'upload failed');
      return reply.code(500).send({ error: 'MH_ERR_INTERNAL', message: 'Internal error', statusCode: 500 });
    },
  }, async (request, reply) => {
    const body = request.body;
    const filename = request.query.filename;
    if (!filename) throw new AppError('MH_ERR_VALIDATION', 'filename is required (?filename=photo.jpg)');
    if (!Buffer.isBuffer(body) || body.length === 0) throw new AppError('MH_ERR_VALIDATION', `${filename}: the request has no file in its body`);
    const image = await media.ingest(body, { filename, alt: request.query.alt, caption: request.query.caption, credit: request.query.credit });
    return reply.code(201).header('cache-control', 'no-store').send({ image });
  });
};
