import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isAppError } from '../../errors.js';
import { FRONT_SLOTS, type FrontPageService } from '../../services/front-page-service.js';
import type { NewsroomService } from '../../services/newsroom-service.js';
import { renderPage } from '../views/render.js';
import { fieldErrors, text } from './admin-forms.js';
import type { AdminKit } from './admin-kit.js';
import { FrontPagePage } from './views/front-page-view.js';

interface R { Querystring: Record<string, string | undefined>; Body: Record<string, unknown> | undefined }
type Req = FastifyRequest<R>;

/**
 * Front-page curation at /admin/front-page (owners and editors), and the article typeahead its
 * fields ask (`GET /admin/api/articles?q=`: live and scheduled articles by title).
 */
export async function frontPageRoutes(app: FastifyInstance, kit: AdminKit, frontPage: FrontPageService, newsroom: NewsroomService): Promise<void> {
  const { checkCsrf, signedIn, signedInJson, editorsOnly, userOf, context, html } = kit;

  const page = async (request: Req, reply: FastifyReply, extra: { values?: string[]; errors?: Record<string, string>; error?: string; status?: number } = {}) => {
    const pins = await frontPage.pins(userOf(request));
    const values = extra.values ?? Array.from({ length: FRONT_SLOTS }, (_, slot) => pins.find((p) => p.slot === slot)?.slug ?? '');
    const notice = request.query.saved !== undefined ? 'Front page saved.' : undefined;
    return html(reply, renderPage(<FrontPagePage ctx={await context(request, reply)} slots={FRONT_SLOTS} pins={pins} values={values}
      errors={extra.errors} error={extra.error} notice={notice} />), extra.status);
  };

  app.get<R>('/admin/front-page', { preHandler: [signedIn, editorsOnly] }, async (request: Req, reply) => page(request, reply));

  app.post<R>('/admin/front-page', { preHandler: [checkCsrf, signedIn, editorsOnly] }, async (request: Req, reply) => {
    const values = Array.from({ length: FRONT_SLOTS }, (_, slot) => text(request.body, `slot${slot}`));
    try {
      await frontPage.save(userOf(request), values);
      return reply.redirect('/admin/front-page?saved', 303);
    } catch (err) {
      if (!isAppError(err) || err.code !== 'MH_ERR_VALIDATION') throw err;
      return page(request, reply, { values, errors: fieldErrors(err.details), error: 'The front page was not saved: see the marked slots.', status: 400 });
    }
  });

  app.get<R>('/admin/api/articles', { preHandler: [signedInJson, editorsOnly] }, async (request: Req) => {
    const q = (request.query.q ?? '').trim();
    if (!q) return { items: [] };
    const user = userOf(request);
    const [live, scheduled] = await Promise.all(['published', 'scheduled'].map((status) => newsroom.list(user, { status, q, page: 1 })));
    const items = [...live!.items, ...scheduled!.items].slice(0, 10).map((a) => ({ name: a.title, slug: a.slug, id: a.id, status: a.status }));
    return { items };
  });
}
