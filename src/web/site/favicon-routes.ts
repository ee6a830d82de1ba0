import { readFile } from 'node:fs/promises';
import type { FastifyPluginAsync } from 'fastify';
import { iconPng } from '../../media/site-icon.js';

/** Icons change with a release, not per request: a day in caches, rendered once per process. */
const CACHE = 'public, max-age=86400';

/**
 * The site's icons, made from its logo (`public/logo.svg`): `/favicon.svg` for browsers that
 * take SVG icons, `/favicon-32.png` for the rest, `/apple-touch-icon.png` (180 px) for home
 * screens, and `/favicon.ico`, which browsers ask for on their own, sends them to the PNG.
 */
export const faviconRoutes: FastifyPluginAsync<{ logoPath: string }> = async (app, opts) => {
  let logo: Promise<Buffer> | undefined;
  const svg = () => (logo ??= readFile(opts.logoPath));
  const pngs = new Map<number, Promise<Buffer>>();
  const png = (size: number) => {
    let p = pngs.get(size);
    if (!p) {
      p = svg().then((s) => iconPng(s, size));
      // A failed render is tried again on the next request rather than cached.
      p.catch(() => pngs.delete(size));
      pngs.set(size, p);
    }
    return p;
  };

  app.get('/favicon.svg', async (_request, reply) =>
    reply.type('image/svg+xml').header('cache-control', CACHE).header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; sandbox").send(await svg()));
  app.get('/favicon-32.png', async (_request, reply) => reply.type('image/png').header('cache-control', CACHE).send(await png(32)));
  app.get('/apple-touch-icon.png', async (_request, reply) => reply.type('image/png').header('cache-control', CACHE).send(await png(180)));
  app.get('/favicon.ico', async (_request, reply) => reply.header('cache-control', CACHE).redirect('/favicon-32.png', 301));
};
