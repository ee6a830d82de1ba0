import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, isAppError } from '../../errors.js';
import type { TaxonomyAdminService, TaxonomyFields } from '../../services/taxonomy-admin-service.js';
import type { TaxonomyKind } from '../../storage/ports.js';
import { renderPage } from '../views/render.js';
import { fieldErrors, text } from './admin-forms.js';
import { numericId, pageNumber, type AdminKit } from './admin-kit.js';
import { TAXONOMY_PATH, TaxonomyPage } from './views/taxonomy-view.js';

interface R { Params: { id?: string }; Querystring: Record<string, string | undefined>; Body: Record<string, unknown> | undefined }
type Req = FastifyRequest<R>;

const NOT_FOUND = { tag: 'MH_ERR_TAG_NOT_FOUND', author: 'MH_ERR_AUTHOR_NOT_FOUND' } as const;
const NOTICES: Record<string, string> = { saved: 'Saved.', merged: 'Merged: the articles now carry the one shown here.', deleted: 'Deleted.' };

/**
 * Tags and authors under /admin/tags and /admin/authors (owners and editors), and the typeahead
 * the editor's fields ask (`GET /admin/api/tags?q=`, `/admin/api/authors?q=`: any signed-in account).
 */
export async function taxonomyRoutes(app: FastifyInstance, kit: AdminKit, taxonomy: TaxonomyAdminService): Promise<void> {
  const { checkCsrf, signedIn, signedInJson, editorsOnly, userOf, context, html } = kit;

  const idOf = (kind: TaxonomyKind, request: Req): number => {
    const id = numericId(request.params.id);
    if (id === undefined) throw new AppError(NOT_FOUND[kind], `No ${kind} with id ${request.params.id ?? ''}`);
    return id;
  };
  const fieldsOf = (body: Req['body']): TaxonomyFields => ({ name: text(body, 'name'), slug: text(body, 'slug'), bio: text(body, 'bio'), photoUrl: text(body, 'photoUrl') });

  const page = async (kind: TaxonomyKind, request: Req, reply: FastifyReply, extra: { editing?: number | undefined; form?: TaxonomyFields; into?: string; errors?: Record<string, string>; error?: string; status?: number } = {}) => {
    const user = userOf(request);
    const search = (request.query.q ?? '').slice(0, 200);
    const pageNo = pageNumber(request.query.page);
    const editingId = extra.editing ?? numericId(request.query.edit);
    const [result, editing] = await Promise.all([
      taxonomy.list(user, kind, { search, page: pageNo }),
      editingId === undefined ? undefined : taxonomy.entry(user, kind, editingId),
    ]);
    const form = extra.form ?? (editing ? { name: editing.name, slug: editing.slug, bio: editing.bio, photoUrl: editing.photoUrl ?? '' } : { name: '', slug: '', bio: '', photoUrl: '' });
    const done = request.query.done;
    return html(reply, renderPage(<TaxonomyPage ctx={await context(request, reply)} kind={kind} result={result} search={search} page={pageNo} editing={editing} form={form}
      into={extra.into} errors={extra.errors} error={extra.error} notice={done ? NOTICES[done] : undefined} />), extra.status);
  };

  for (const kind of ['tag', 'author'] as const) {
    const base = TAXONOMY_PATH[kind];
    const api = `/admin/api/${kind === 'tag' ? 'tags' : 'authors'}`;

    app.get<R>(base, { preHandler: [signedIn, editorsOnly] }, async (request: Req, reply) => page(kind, request, reply));

    const save = async (request: Req, reply: FastifyReply, id: number | undefined) => {
      const form = fieldsOf(request.body);
      try {
        const saved = await taxonomy.save(userOf(request), kind, id, form);
        return reply.redirect(`${base}?edit=${saved}&done=saved`, 303);
      } catch (err) {
        if (!isAppError(err) || err.code !== 'MH_ERR_VALIDATION') throw err;
        return page(kind, request, reply, { editing: id, form, errors: fieldErrors(err.details), error: 'Not saved: see the marked fields.', status: 400 });
      }
    };
    app.post<R>(base, { preHandler: [checkCsrf, signedIn, editorsOnly] }, async (request: Req, reply) => save(request, reply, undefined));
    app.post<R>(`${base}/:id`, { preHandler: [checkCsrf, signedIn, editorsOnly] }, async (request: Req, reply) => save(request, reply, idOf(kind, request)));

    app.post<R>(`${base}/:id/merge`, { preHandler: [checkCsrf, signedIn, editorsOnly] }, async (request: Req, reply) => {
      const id = idOf(kind, request);
      const into = text(request.body, 'into');
      try {
        const target = await taxonomy.merge(userOf(request), kind, id, into);
        return reply.redirect(`${base}?edit=${target.id}&done=merged`, 303);
      } catch (err) {
        if (!isAppError(err) || err.code !== 'MH_ERR_VALIDATION') throw err;
        return page(kind, request, reply, { editing: id, into, errors: fieldErrors(err.details), error: err.message, status: 400 });
      }
    });

    app.post<R>(`${base}/:id/delete`, { preHandler: [checkCsrf, signedIn, editorsOnly] }, async (request: Req, reply) => {
      await taxonomy.remove(userOf(request), kind, idOf(kind, request));
      return reply.redirect(`${base}?done=deleted`, 303);
    });

    app.get<R>(api, { preHandler: signedInJson }, async (request: Req) => ({ items: await taxonomy.suggest(kind, request.query.q ?? '') }));
  }
}
