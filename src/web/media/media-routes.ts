import type { FastifyPluginAsync } from 'fastify';
import type { MediaService } from '../../media/media-service.js';
import { variantMime } from '../../media/variant-plan.js';
import { AppError } from '../../errors.js';

/**
 * `GET /media/<sha256>-<width>.<ext>`: variant files. A name is a content address, so its
 * bytes never change and browsers and CDNs keep it for a year without asking again. Only
 * names Masthead writes are served, each with its image type: never SVG, HTML or a path.
 */
export const mediaRoutes: FastifyPluginAsync<{ media: MediaService }> = async (app, opts) => {
  app.get<{ Params: { name: string } }>('/media/:name', async (request, reply) => {
    const { name } = request.params;
    const mime = variantMime(name);
    if (!mime) throw new AppError('MH_ERR_NOT_FOUND', `No image at /media/${name}`);
    const bytes = await opts.media.file(name);
    if (!bytes) throw new AppError('MH_ERR_NOT_FOUND', `No image at /media/${name}`);
    return reply
      .header('cache-control', 'public, max-age=31536000, immutable')
      .header('etag', `"${name}"`)
      // An image never runs anything, even if a browser were talked into reading it as a document.
      .header('content-security-policy', "default-src 'none'; sandbox")
      .header('x-content-type-options', 'nosniff')
      .type(mime)
      .send(bytes);
  });
};
