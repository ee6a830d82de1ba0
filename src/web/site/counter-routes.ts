import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../errors.js';
import { addressKey } from '../../counters/address-key.js';
import type { LimitVerdict } from '../../counters/counter-limits.js';
import type { CounterService } from '../../counters/counter-service.js';
import type { SiteService } from '../../services/site-service.js';
import { readReaderId, readerCredentials, setReaderCookie } from './reader-cookie.js';
import { parseArticleId } from './article-id.js';
import { assertSameOrigin } from './same-origin.js';
import { BEACON_HEADERS, type BeaconCall, type ViewBeacon } from './view-beacon.js';


export interface CounterRoutesOptions {
  counters: CounterService;
  site: SiteService;
  /** The counting endpoint's rules, shared with the fast path in front of Fastify. */
  beacon: ViewBeacon;
}

/** A non-secret hint for site.js that this browser has reacted somewhere, so it asks for its state. */
export const REACTED_HINT_COOKIE = 'mh_reacted';
const ONE_YEAR_S = 365 * 24 * 3600;

// 1×1 transparent GIF for the <noscript> beacon.
const PIXEL = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');


const credentials = readerCredentials;

/** The view report of a Fastify request, for ViewBeacon. */
function beaconCall(request: FastifyRequest<{ Params: { id: string }; Querystring: { mine?: string } }>): BeaconCall {
  return {
    articleId: request.params.id, method: request.method, ip: request.ip, host: request.host, protocol: request.protocol,
    headers: request.headers, readerId: readReaderId(request), mine: request.query?.mine === '1',
  };
}

/**
 * The counting endpoints. They are never cached (no-store), so a page served from any cache
 * still reports its view here:
 *   POST /articles/:id/views       the beacon (site.js); answers the fresh totals as JSON
 *   GET  /articles/:id/view.gif    the same for <noscript> readers
 *   GET  /articles/:id/reactions   totals and this reader's own reactions, as JSON
 *   POST /articles/:id/reactions   toggle (form) or set (JSON `active`) one reaction
 */
export const counterRoutes: FastifyPluginAsync<CounterRoutesOptions> = async (app, opts) => {
  const { counters, site, beacon } = opts;
  // Per process, or shared by every process of the site through Redis (docs/deploy.md).
  const limits = beacon.limits;
  const enforce = (spend: (address: string, readerId: string | undefined, now: number) => LimitVerdict | Promise<LimitVerdict>) =>
    async (request: FastifyRequest, reply: FastifyReply) => {
      const exceeded = await spend(addressKey(request.ip), readReaderId(request), Date.now());
      if (exceeded) {
        reply.header('retry-after', String(exceeded.retryAfterS));
        throw new AppError('MH_ERR_RATE_LIMITED', exceeded.message);
      }
    };
  const viewLimits = enforce((address, readerId, now) => limits.view(address, readerId, now));
  const reactionLimits = enforce((address, readerId, now) => limits.reaction(address, readerId, now));

  // Helmet rebuilds its policy headers on every request (about 100 µs of CPU each, measured),
  // which these endpoints, answering JSON, a GIF or a redirect, do not need. They get only the
  // two headers that matter for such answers.
  app.addHook('onRequest', async (_request, reply) => {
    reply.header('x-content-type-options', 'nosniff').header('cross-origin-resource-policy', 'same-origin');
  });

  /** Counts through ViewBeacon; a refusal goes to the error handler (JSON or an HTML page, by Accept). */
  const countView = async (request: FastifyRequest<{ Params: { id: string }; Querystring: { mine?: string } }>, reply: FastifyReply) => {
    const answer = await beacon.answer(beaconCall(request));
    reply.headers(BEACON_HEADERS);
    if (answer.headers) reply.headers(answer.headers);
    if (answer.error) throw answer.error;
    if (answer.issuedReaderId) setReaderCookie(request, reply, answer.issuedReaderId);
    return answer;
  };

  // High volume by design: per-request log lines would drown everything else.
  app.post<{ Params: { id: string }; Querystring: { mine?: string } }>('/articles/:id/views', {
    securityHeaders: false,
    bodyLimit: 1024,
    logLevel: 'warn',
  }, async (request, reply) => {
    const answer = await countView(request, reply);
    return reply.code(answer.status).send(answer.body);
  });

  app.get<{ Params: { id: string }; Querystring: { mine?: string } }>('/articles/:id/view.gif', {
    securityHeaders: false,
    logLevel: 'warn',
  }, async (request, reply) => {
    await countView(request, reply);
    return reply.type('image/gif').send(PIXEL);
  });

  app.get<{ Params: { id: string } }>('/articles/:id/reactions', { securityHeaders: false, onRequest: viewLimits }, async (request, reply) => {
    const id = parseArticleId(request.params.id);
    await counters.articleTotals(id); // 404 for unknown or unpublished articles
    const state = await counters.reactionState(id, await counters.readerKeyOf(credentials(request)));
    reply.header('cache-control', 'private, no-store');
    return state;
  });

  app.post<{ Params: { id: string }; Body: { kind?: unknown; active?: unknown } | undefined }>('/articles/:id/reactions', {
    securityHeaders: false,
    bodyLimit: 1024,
    onRequest: reactionLimits,
  }, async (request, reply) => {
    const id = parseArticleId(request.params.id);
    assertSameOrigin(request);
    const body = request.body ?? {};
    if (typeof body !== 'object' || Array.isArray(body)) throw new AppError('MH_ERR_BAD_REQUEST', 'Send the reaction as a form or JSON object');
    const settings = await site.settings();
    const kind = body.kind ?? settings.reactions[0]!.key;
    if (typeof kind !== 'string') throw new AppError('MH_ERR_BAD_REQUEST', '"kind" must be a string');
    let wanted: boolean | undefined;
    if (body.active === true || body.active === 'true') wanted = true;
    else if (body.active === false || body.active === 'false') wanted = false;
    else if (body.active !== undefined) throw new AppError('MH_ERR_BAD_REQUEST', '"active" must be true or false');
    const result = await counters.react(id, credentials(request), kind, wanted);
    reply.header('cache-control', 'no-store');
    if (result.active) {
      reply.setCookie(REACTED_HINT_COOKIE, '1', { path: '/', sameSite: 'lax', maxAge: ONE_YEAR_S, secure: request.protocol === 'https' });
    }
    if (request.headers.accept?.includes('application/json')) return { kind, active: result.active, count: result.count };
    // A plain form post (JavaScript off) goes back to the article, which then shows this reader's state.
    return reply.redirect(`/articles/${encodeURIComponent(result.slug)}?reacted=1#reactions`, 303);
  });
};
