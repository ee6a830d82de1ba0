import { Layout } from './layout.js';
import { t, type ViewContext } from './format.js';

/** 404, 410, 503 and other error pages, in the site's shell so a reader can go on. */
export function ErrorPage(p: { ctx: ViewContext; status: number; detail?: string | undefined; path: string }) {
  const { ctx } = p;
  const [title, body] =
    p.status === 404 ? [t(ctx, 'notFoundTitle'), t(ctx, 'notFoundBody')]
    : p.status === 410 ? [t(ctx, 'goneTitle'), t(ctx, 'goneBody')]
    : p.status < 500 ? [t(ctx, 'badRequestTitle'), p.detail ?? t(ctx, 'errorBody')]
    : p.status === 503 ? [t(ctx, 'unavailableTitle'), t(ctx, 'unavailableBody')]
    : [t(ctx, 'errorTitle'), t(ctx, 'errorBody')];
  return (
    <Layout ctx={ctx} meta={{ title, canonicalPath: p.path, noindex: true }}>
      <section class="error-page">
        <p class="error-page__status">{p.status}</p>
        <h1>{title}</h1>
        <p>{body}</p>
        <p>
          <a href="/">{t(ctx, 'backHome')}</a>
        </p>
      </section>
    </Layout>
  );
}
