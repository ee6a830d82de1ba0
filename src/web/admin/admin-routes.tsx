import type { FastifyPluginAsync, FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import csrfProtection from '@fastify/csrf-protection';
import { createHash } from 'node:crypto';
import { addressKey } from '../../counters/address-key.js';
import { AppError, isAppError } from '../../errors.js';
import type { AccountService } from '../../services/account-service.js';
import { MAX_BODY_BYTES, type EditorFields, type EditorState, type NewsroomService, type SectionFields } from '../../services/newsroom-service.js';
import type { ReaderPageService } from '../../services/reader-page-service.js';
import type { SiteService } from '../../services/site-service.js';
import type { User } from '../../storage/ports.js';
import { ArticlePage } from '../views/article-view.js';
import { renderPage } from '../views/render.js';
import { viewContext } from '../site/view-context.js';
import { editorAction, editorFields, fieldErrors, parseReactions, postedSettings, settingsForm, text } from './admin-forms.js';
import { assertSameSite, clearSessionCookie, csrfUserInfo, loadSession, safeNext, setSessionCookie } from './admin-session.js';
import type { AdminContext } from './views/admin-layout.js';
import { pageNumber, type AdminKit } from './admin-kit.js';
import { taxonomyRoutes } from './taxonomy-routes.js';
import { frontPageRoutes } from './front-page-routes.js';
import { can } from '../../accounts/roles.js';
import type { TaxonomyAdminService } from '../../services/taxonomy-admin-service.js';
import type { FrontPageService } from '../../services/front-page-service.js';
import { ArticleListPage } from './views/article-list-view.js';
import { AuditPage, UsersPage } from './views/audit-view.js';
import { EditorPage } from './views/editor-view.js';
import { LoginPage } from './views/login-view.js';
import { RevisionsPage } from './views/revisions-view.js';
import { SettingsPage } from './views/settings-view.js';
import { SectionsPage } from './views/sections-view.js';
import { mediaUploadRoutes } from '../media/media-upload-routes.js';
import type { MediaService } from '../../media/media-service.js';

export interface AdminRoutesOptions {
  accounts: AccountService;
  newsroom: NewsroomService;
  taxonomy: TaxonomyAdminService;
  frontPage: FrontPageService;
  pages: ReaderPageService;
  site: SiteService;
  secret: string;
  /** Uploads from the editor (POST /admin/media); without it the editor offers no upload. */
  media?: MediaService | undefined;
}

/** Room for a 5 MB body, URL-encoded (a form may triple it), and the other fields. */
const EDITOR_BODY_LIMIT = 3 * MAX_BODY_BYTES + 256 * 1024;

interface R { Params: { id?: string }; Querystring: Record<string, string | undefined>; Body: Record<string, unknown> | undefined }
type Req = FastifyRequest<R>;

function articleId(request: Req): number {
  const raw = request.params.id ?? '';
  if (!/^\d{1,12}$/.test(raw)) throw new AppError('MH_ERR_ARTICLE_NOT_FOUND', `No article with id ${raw}`);
  return Number(raw);
}


const NOTICES: Record<string, string> = {
  draft: 'Draft saved.', update: 'Changes saved.', publish: 'Published.', schedule: 'Scheduled.', unpublish: 'Unpublished: the article is a draft again.',
  restored: 'Restored from the bin as a draft.',
  submit: 'Submitted for review: an editor publishes it or sends it back with a note.', return: 'Sent back to the writer with your note.',
};

/**
 * The newsroom under /admin. Every response is `Cache-Control: no-store`; every state-changing
 * request passes the Fetch-Metadata check and the CSRF token (bound to the session); every
 * route checks the role on the server (NewsroomService), whatever the page showed.
 */
export const adminRoutes: FastifyPluginAsync<AdminRoutesOptions> = async (app, opts) => {
  const { accounts, newsroom, site } = opts;

  app.decorateRequest('adminUser', undefined);
  app.decorateRequest('adminToken', undefined);
  await app.register(csrfProtection, {
    sessionPlugin: '@fastify/cookie',
    cookieKey: 'mh_csrf',
    cookieOpts: { path: '/admin', sameSite: 'strict', httpOnly: true, signed: true, secure: 'auto' },
    getUserInfo: (request) => csrfUserInfo(request),
    csrfOpts: { hmacKey: createHash('sha256').update(`csrf:${opts.secret}`).digest('base64url') },
  });

  app.addHook('onRequest', async (request, reply) => {
    reply.header('cache-control', 'no-store');
    await loadSession(request, accounts);
  });

  /** Fetch-Metadata, then the CSRF token: the guard of every POST. */
  const checkCsrf: preHandlerAsyncHookHandler = async function (request, reply) {
    assertSameSite(request);
    // The plugin answers a failure itself (reply.send); asked through a stand-in reply, its
    // verdict becomes the newsroom's own 403 (MH_ERR_CSRF) for pages and JSON alike.
    const valid = await new Promise<boolean>((resolve) => {
      const probe = { unsignCookie: (value: string) => reply.unsignCookie(value), send: () => resolve(false) };
      app.csrfProtection(request, probe as unknown as FastifyReply, () => resolve(true));
    });
    if (!valid) throw new AppError('MH_ERR_CSRF');
  };

  const userOf = (request: FastifyRequest): User => {
    if (!request.adminUser) throw new AppError('MH_ERR_SIGNED_OUT');
    return request.adminUser;
  };

  if (opts.media) {
    // Checked before the body is read: signed in, a role that may upload, then Fetch-Metadata and
    // the CSRF token (in the x-csrf-token header: the body is the image itself).
    await app.register(mediaUploadRoutes, {
      media: opts.media,
      authorize: async (request, reply) => {
        if (!can.uploadMedia(userOf(request))) throw new AppError('MH_ERR_FORBIDDEN', 'Your role does not allow uploading images.');
        await checkCsrf.call(app, request, reply);
      },
    });
  }

  /** Pages need an account: without one, the sign-in page (and back here afterwards). */
  const signedIn: preHandlerAsyncHookHandler = async function (request, reply) {
    if (request.adminUser) return;
    const wantsHtml = (request.headers.accept ?? '').includes('text/html') || request.method === 'GET';
    if (!wantsHtml) throw new AppError('MH_ERR_SIGNED_OUT');
    await reply.redirect(`/admin/login?next=${encodeURIComponent(request.method === 'GET' ? request.url : '/admin')}`, 303);
  };

  const context = async (request: FastifyRequest, reply: FastifyReply): Promise<AdminContext> => {
    const settings = await site.settings();
    // Editors see how many articles wait for them in the header.
    const reviewCount = request.adminUser && can.reviewArticle(request.adminUser) ? await newsroom.reviewCount() : undefined;
    return { siteName: settings.name, timezone: settings.timezone, language: settings.language, user: request.adminUser, csrf: reply.generateCsrf({ userInfo: csrfUserInfo(request) } as never), reviewCount };
  };

  const html = (reply: FastifyReply, page: string, status = 200) => reply.code(status).type('text/html; charset=utf-8').send(page);

  const signedInJson: preHandlerAsyncHookHandler = async function (request) {
    if (!request.adminUser) throw new AppError('MH_ERR_SIGNED_OUT');
  };
  const editorsOnly: preHandlerAsyncHookHandler = async function (request) {
    if (request.adminUser && !can.manageContent(request.adminUser)) throw new AppError('MH_ERR_FORBIDDEN', 'Only owners and editors manage this.');
  };
  const kit: AdminKit = { checkCsrf, signedIn, signedInJson, editorsOnly, userOf, context, html };
  await app.register(async (scope) => taxonomyRoutes(scope, kit, opts.taxonomy));
  await app.register(async (scope) => frontPageRoutes(scope, kit, opts.frontPage, newsroom));

  const sectionOptions = async () => {
    const tree = await site.categories();
    return tree.all().map((c) => ({ id: c.id, name: c.name, depth: tree.ancestry(c.id).length - 1 }));
  };

  /** The picker's images: the newest, and the chosen cover wherever it is in the library. */
  const coverChoices = async (request: FastifyRequest, chosen: string) => {
    const recent = await newsroom.recentImages(userOf(request));
    const id = /^\d{1,12}$/.test(chosen) ? Number(chosen) : undefined;
    if (id === undefined || recent.some((i) => i.id === id)) return recent;
    const cover = await opts.media!.byId(id);
    return cover ? [cover, ...recent] : recent;
  };

  const editor = async (request: FastifyRequest, reply: FastifyReply, state: EditorState, extra: { errors?: Record<string, string>; notice?: string; error?: string; status?: number } = {}) => {
    const ctx = await context(request, reply);
    const images = opts.media ? await coverChoices(request, state.fields.coverImageId) : [];
    return html(reply, renderPage(<EditorPage ctx={ctx} article={state.article} fields={state.fields} sections={await sectionOptions()} knownTags={await newsroom.popularTags()}
      images={images} uploads={!!opts.media}
      errors={extra.errors} notice={extra.notice} error={extra.error} autosavedAt={state.autosavedAt} may={state.may} review={state.review} />), extra.status);
  };

  // ---- signing in and out ----

  app.get<{ Querystring: Record<string, string | undefined> }>('/admin/login', async (request, reply) => {
    if (request.adminUser) return reply.redirect(safeNext(request.query.next), 303);
    const notice = request.query.signedOut !== undefined ? 'You are signed out.' : undefined;
    return html(reply, renderPage(<LoginPage ctx={await context(request, reply)} next={safeNext(request.query.next)} notice={notice} />));
  });

  app.post<{ Body: Record<string, unknown> | undefined }>('/admin/login', { preHandler: checkCsrf }, async (request, reply) => {
    const email = text(request.body, 'email');
    const next = safeNext(text(request.body, 'next'));
    try {
      const signed = await accounts.signIn(email, text(request.body, 'password'), addressKey(request.ip));
      // A fresh token every time: whatever session the browser brought is ended, never promoted.
      if (request.adminToken) await accounts.signOut(request.adminToken);
      setSessionCookie(reply, signed.token);
      return reply.redirect(next, 303);
    } catch (err) {
      if (!isAppError(err) || (err.code !== 'MH_ERR_SIGN_IN_FAILED' && err.code !== 'MH_ERR_RATE_LIMITED')) throw err;
      let message = err.message;
      const retryAt = err.details?.retryAt;
      if (typeof retryAt === 'number') {
        const settings = await site.settings();
        const at = new Intl.DateTimeFormat(settings.language, { timeZone: settings.timezone, timeStyle: 'short' }).format(retryAt);
        message = `${message} (at ${at}, ${settings.timezone})`;
        reply.header('retry-after', String(err.details?.retryAfterSeconds ?? 60));
      }
      request.adminToken = undefined;
      return html(reply, renderPage(<LoginPage ctx={await context(request, reply)} email={email} error={message} next={next} />), err.code === 'MH_ERR_RATE_LIMITED' ? 429 : 401);
    }
  });

  app.post('/admin/logout', { preHandler: checkCsrf }, async (request, reply) => {
    if (request.adminToken) await accounts.signOut(request.adminToken);
    clearSessionCookie(reply);
    return reply.redirect('/admin/login?signedOut', 303);
  });

  app.post('/admin/logout-everywhere', { preHandler: [checkCsrf, signedIn] }, async (request, reply) => {
    await accounts.signOutEverywhere(userOf(request));
    clearSessionCookie(reply);
    return reply.redirect('/admin/login?signedOut', 303);
  });

  // ---- articles ----

  app.get<{ Querystring: Record<string, string | undefined> }>('/admin', { preHandler: signedIn }, async (request, reply) => {
    const q = request.query;
    const filters = {
      status: q.status || undefined, section: q.section || undefined, author: q.author || undefined, q: q.q || undefined,
      from: q.from || undefined, to: q.to || undefined, date: q.date === 'published' ? 'published' : undefined, page: pageNumber(q.page),
    };
    const sections = await sectionOptions();
    const notice = q.deleted !== undefined ? 'Moved to the bin. Restore it from the Bin.' : undefined;
    try {
      const result = await newsroom.list(userOf(request), filters);
      return html(reply, renderPage(<ArticleListPage ctx={await context(request, reply)} filters={filters} result={result} sections={sections} notice={notice} />));
    } catch (err) {
      if (!isAppError(err) || err.code !== 'MH_ERR_VALIDATION') throw err;
      // A malformed day: the list page again, the filter marked, nothing listed.
      const empty = { items: [], total: 0, pages: 1, exact: true };
      return html(reply, renderPage(<ArticleListPage ctx={await context(request, reply)} filters={filters} result={empty} sections={sections} errors={fieldErrors(err.details)} />), 400);
    }
  });

  app.get('/admin/articles/new', { preHandler: signedIn }, async (request, reply) =>
    editor(request, reply, newsroom.newArticleState(userOf(request))));

  const saveRoute = async (request: Req, reply: FastifyReply, id: number | undefined) => {
    const user = userOf(request);
    const fields: EditorFields = editorFields(request.body);
    const action = editorAction(request.body);
    try {
      const saved = await newsroom.save(user, id, fields, action);
      return reply.redirect(`/admin/articles/${saved.id}/edit?saved=${action}`, 303);
    } catch (err) {
      if (!isAppError(err) || !['MH_ERR_VALIDATION', 'MH_ERR_PAYLOAD_TOO_LARGE', 'MH_ERR_CONFLICT'].includes(err.code)) throw err;
      // Everything typed goes back into the form, with the message next to its field.
      const state = id === undefined ? newsroom.newArticleState(user) : await newsroom.editorState(user, id);
      const status = err.code === 'MH_ERR_PAYLOAD_TOO_LARGE' ? 413 : err.code === 'MH_ERR_CONFLICT' ? 409 : 400;
      const errors = fieldErrors(err.details);
      return editor(request, reply, { ...state, fields, autosavedAt: undefined }, { errors, status, error: Object.keys(errors).length ? 'The article was not saved: see the marked fields.' : err.message });
    }
  };

  app.post<R>('/admin/articles', { preHandler: [checkCsrf, signedIn], bodyLimit: EDITOR_BODY_LIMIT }, async (request: Req, reply) => saveRoute(request, reply, undefined));
  app.post<R>('/admin/articles/:id', { preHandler: [checkCsrf, signedIn], bodyLimit: EDITOR_BODY_LIMIT }, async (request: Req, reply) => saveRoute(request, reply, articleId(request)));

  app.get<R>('/admin/articles/:id/edit', { preHandler: signedIn }, async (request: Req, reply) => {
    const user = userOf(request);
    const id = articleId(request);
    const revision = request.query.revision;
    const state = revision && /^\d+$/.test(revision) ? await newsroom.revisionFields(user, id, Number(revision)) : await newsroom.editorState(user, id);
    const saved = request.query.saved;
    let notice = saved ? NOTICES[saved] : undefined;
    if (revision) notice = 'The form shows an earlier revision; save to restore it.';
    return editor(request, reply, state, notice ? { notice } : {});
  });

  const autosave = async (request: Req, id: number | undefined) => {
    const saved = await newsroom.autosave(userOf(request), id, editorFields(request.body));
    return { id: saved.id, savedAt: saved.savedAt, editUrl: `/admin/articles/${saved.id}/edit`, autosaveUrl: `/admin/articles/${saved.id}/autosave`, saveUrl: `/admin/articles/${saved.id}` };
  };
  app.post<R>('/admin/articles/autosave', { preHandler: [checkCsrf, signedIn], bodyLimit: EDITOR_BODY_LIMIT }, async (request: Req) => autosave(request, undefined));
  app.post<R>('/admin/articles/:id/autosave', { preHandler: [checkCsrf, signedIn], bodyLimit: EDITOR_BODY_LIMIT }, async (request: Req) => autosave(request, articleId(request)));

  /** The live preview: the same Markdown rendering and sanitizer as a save. */
  app.post<R>('/admin/preview', { preHandler: [checkCsrf, signedIn], bodyLimit: EDITOR_BODY_LIMIT }, async (request: Req) => {
    userOf(request);
    const body = text(request.body, 'body');
    if (Buffer.byteLength(body) > MAX_BODY_BYTES) throw new AppError('MH_ERR_PAYLOAD_TOO_LARGE', 'An article body can be at most 5 MB.');
    return { html: await newsroom.preview(body) };
  });

  /** The real article page of any article the account may edit, drafts included; never counted, never cached. */
  app.get<R>('/admin/articles/:id/preview', { preHandler: signedIn }, async (request: Req, reply) => {
    const state = await newsroom.editorState(userOf(request), articleId(request));
    const data = await opts.pages.articlePage(state.article!, undefined);
    const ctx = await viewContext(site, data.crumbs[1]?.href ?? '');
    return html(reply, renderPage(
      <ArticlePage ctx={ctx} article={data.article} crumbs={data.crumbs} categoryName={data.categoryName} views={data.views}
        reactions={data.reactions} related={data.related} ranking={data.ranking} recommended={data.recommended} />,
    ));
  });

  app.post<R>('/admin/articles/:id/delete', { preHandler: [checkCsrf, signedIn], bodyLimit: EDITOR_BODY_LIMIT }, async (request: Req, reply) => {
    await newsroom.remove(userOf(request), articleId(request));
    return reply.redirect('/admin?deleted', 303);
  });

  app.post<R>('/admin/articles/:id/restore', { preHandler: [checkCsrf, signedIn] }, async (request: Req, reply) => {
    const id = articleId(request);
    await newsroom.restore(userOf(request), id);
    return reply.redirect(`/admin/articles/${id}/edit?saved=restored`, 303);
  });

  app.get<R>('/admin/articles/:id/revisions', { preHandler: signedIn }, async (request: Req, reply) => {
    const user = userOf(request);
    const id = articleId(request);
    const state = await newsroom.editorState(user, id);
    const revisions = await newsroom.revisions(user, id);
    const { a, b } = request.query;
    const diff = a && b && /^\d+$/.test(a) && /^\d+$/.test(b) ? await newsroom.diff(user, id, Number(a), Number(b)) : undefined;
    return html(reply, renderPage(<RevisionsPage ctx={await context(request, reply)} articleId={id} title={state.article!.title} revisions={revisions} diff={diff} />));
  });

  // ---- the site ----

  const ownerOnly: preHandlerAsyncHookHandler = async function (request) {
    if (request.adminUser && request.adminUser.role !== 'owner') throw new AppError('MH_ERR_FORBIDDEN', 'Only the owner manages the site.');
  };

  app.get('/admin/settings', { preHandler: [signedIn, ownerOnly] }, async (request, reply) => {
    const settings = await site.settings();
    const notice = (request.query as Record<string, string | undefined>).saved !== undefined ? 'Settings saved.' : undefined;
    const form = settingsForm(settings);
    return html(reply, renderPage(<SettingsPage ctx={await context(request, reply)} form={form} images={opts.media ? await coverChoices(request, form.logoImageId) : []} notice={notice} />));
  });

  app.post<{ Body: Record<string, unknown> | undefined }>('/admin/settings', { preHandler: [checkCsrf, signedIn, ownerOnly] }, async (request, reply) => {
    const form = postedSettings(request.body);
    const current = settingsForm(await site.settings());
    // Only what changed is written (and audit-logged).
    const changed: Record<string, unknown> = {};
    for (const key of Object.keys(form) as (keyof typeof form)[]) {
      if (form[key] !== current[key]) changed[key] = key === 'reactions' ? parseReactions(form.reactions) : form[key];
    }
    try {
      // The logo must be an image of the library: a crafted id is a field error, not a broken header.
      if (changed.logoImageId !== undefined && form.logoImageId !== '0' && !(/^\d{1,12}$/.test(form.logoImageId) && (await opts.media?.byId(Number(form.logoImageId))))) {
        throw new AppError('MH_ERR_VALIDATION', 'The settings were not saved', { fields: { logoImageId: 'No such image in the library' } });
      }
      if (Object.keys(changed).length) await newsroom.updateSettings(userOf(request), changed);
      return reply.redirect('/admin/settings?saved', 303);
    } catch (err) {
      if (!isAppError(err) || err.code !== 'MH_ERR_VALIDATION') throw err;
      const images = opts.media ? await coverChoices(request, form.logoImageId) : [];
      return html(reply, renderPage(<SettingsPage ctx={await context(request, reply)} form={form} images={images} errors={fieldErrors(err.details)} error="The settings were not saved: see the marked fields." />), 400);
    }
  });

  const sectionsPage = async (request: FastifyRequest, reply: FastifyReply, editing: number | undefined, form: SectionFields | undefined, extra: { errors?: Record<string, string>; notice?: string; error?: string; status?: number } = {}) => {
    const tree = await site.categories();
    const rows = tree.all().map((c) => ({ id: c.id, name: c.name, slug: c.slug, position: c.position, depth: tree.ancestry(c.id).length - 1 }));
    const current = editing === undefined ? undefined : tree.get(editing);
    if (editing !== undefined && !current) throw new AppError('MH_ERR_CATEGORY_NOT_FOUND', `No section with id ${editing}`);
    const shown = form ?? (current
      ? { name: current.name, slug: current.slug, parent: current.parentId === null ? '' : String(current.parentId), position: String(current.position), description: current.description }
      : { name: '', slug: '', parent: '', position: '', description: '' });
    return html(reply, renderPage(<SectionsPage ctx={await context(request, reply)} sections={rows} editing={editing} form={shown}
      errors={extra.errors} notice={extra.notice} error={extra.error} />), extra.status);
  };

  app.get<R>('/admin/sections', { preHandler: [signedIn, editorsOnly] }, async (request: Req, reply) => {
    const edit = request.query.edit;
    return sectionsPage(request, reply, edit && /^\d{1,12}$/.test(edit) ? Number(edit) : undefined, undefined, request.query.saved !== undefined ? { notice: 'Section saved.' } : {});
  });
  const saveSection = async (request: Req, reply: FastifyReply, id: number | undefined) => {
    const form: SectionFields = { name: text(request.body, 'name'), slug: text(request.body, 'slug'), parent: text(request.body, 'parent'), position: text(request.body, 'position'), description: text(request.body, 'description') };
    try {
      await newsroom.saveSection(userOf(request), id, form);
      return reply.redirect('/admin/sections?saved', 303);
    } catch (err) {
      if (!isAppError(err) || err.code !== 'MH_ERR_VALIDATION') throw err;
      return sectionsPage(request, reply, id, form, { errors: fieldErrors(err.details), error: 'The section was not saved: see the marked fields.', status: 400 });
    }
  };
  app.post<R>('/admin/sections', { preHandler: [checkCsrf, signedIn, editorsOnly] }, async (request: Req, reply) => saveSection(request, reply, undefined));
  app.post<R>('/admin/sections/:id', { preHandler: [checkCsrf, signedIn, editorsOnly] }, async (request: Req, reply) => {
    const raw = request.params.id ?? '';
    if (!/^\d{1,12}$/.test(raw)) throw new AppError('MH_ERR_CATEGORY_NOT_FOUND', `No section with id ${raw}`);
    return saveSection(request, reply, Number(raw));
  });

  app.get('/admin/audit', { preHandler: [signedIn, ownerOnly] }, async (request, reply) => {
    const page = pageNumber((request.query as Record<string, string | undefined>).page);
    const log = await newsroom.auditLog(userOf(request), page);
    return html(reply, renderPage(<AuditPage ctx={await context(request, reply)} entries={log.items} page={page} pages={log.pages} />));
  });

  app.get('/admin/users', { preHandler: [signedIn, ownerOnly] }, async (request, reply) =>
    html(reply, renderPage(<UsersPage ctx={await context(request, reply)} users={await accounts.users()} />)));
};
