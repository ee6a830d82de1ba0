import type { Crumb } from '../../content/category-tree.js';
import type { MediaImage, ShownArticle } from '../../content/types.js';
import { Picture, shareImage } from './picture.js';
import { Layout } from './layout.js';
import { RankingAndRecommended } from './discovery-lists.js';
import { HeadlineList, type CardView } from './article-list.js';
import { Breadcrumb } from './breadcrumb.js';
import { placed } from './render.js';
import { breadcrumbLd, newsArticleLd } from './structured-data.js';
import { formatDateTime, formatNumber, isoDateTime, t, type ViewContext } from './format.js';

export interface ReactionView {
  key: string;
  label: string;
  count: number;
  active: boolean;
}

export interface ArticlePageProps {
  ctx: ViewContext;
  article: ShownArticle;
  /** The cover picture from the media store (else the article's outside cover URL, if any). */
  cover?: MediaImage | undefined;
  crumbs: Crumb[];
  categoryName?: string | undefined;
  views: number;
  reactions: ReactionView[];
  related: CardView[];
  /** `loading`: the discovery engines are still loading; every list is a fallback (the page says data-lists="loading"). */
  ranking: { window: string; items: CardView[]; loading?: boolean | undefined };
  recommended: CardView[];
  /** Where the page reports a view (a beacon that caches never swallow). */
  viewBeaconPath?: string | undefined;
}

/** The article page: every part and stable hook named in the design. */
export function ArticlePage(p: ArticlePageProps) {
  const { ctx, article } = p;
  const path = `/articles/${encodeURIComponent(article.slug)}`;
  const published = article.publishedAt ?? article.createdAt;
  const share = p.cover ? shareImage(p.cover, ctx.baseUrl) : undefined;
  const imageUrl = share?.url ?? article.coverImageUrl;
  const ldImage = share ? { '@type': 'ImageObject', url: share.url, width: share.width, height: share.height, ...(p.cover!.caption ? { caption: p.cover!.caption } : {}) } : undefined;
  const jsonLd = [newsArticleLd(ctx, article, path, p.categoryName, ldImage), breadcrumbLd(ctx, p.crumbs, path)];
  return (
    <Layout ctx={ctx} meta={{ title: article.title, description: article.summary, canonicalPath: path, ogType: 'article', image: share ?? (imageUrl ? { url: imageUrl } : null), jsonLd,
      published: isoDateTime(ctx, published), modified: isoDateTime(ctx, article.updatedAt) }}>
      <div class="article-layout" data-lists={p.ranking.loading ? 'loading' : 'ready'}>
        <article class="article" data-article-id={article.id}>
          <Breadcrumb ctx={ctx} crumbs={p.crumbs} />
          <h1 class="article__title">{article.title}</h1>
          {article.summary ? <p class="article__standfirst">{article.summary}</p> : null}
          <p class="article__meta">
            <span>
              {t(ctx, 'views')} <span data-views>{formatNumber(ctx, p.views)}</span>
            </span>
            <span aria-hidden="true"> · </span>
            <time datetime={isoDateTime(ctx, published)}>{formatDateTime(ctx, published)}</time>
            {article.authors.length ? (
              <>
                <span aria-hidden="true"> · </span>
                <span>
                  {t(ctx, 'by')}{' '}
                  {article.authors.map((a, i) => (
                    <>
                      {i > 0 ? ', ' : ''}
                      <a href={`/author/${a.slug}`} rel="author">{a.name}</a>
                    </>
                  ))}
                </span>
              </>
            ) : null}
          </p>
          {p.cover ? (
            <figure class="article__figure">
              <Picture image={p.cover} class="article__cover" eager sizes="(min-width: 72rem) 46rem, (min-width: 60rem) calc(100vw - 26rem), calc(100vw - 2rem)" />
              {p.cover.caption || p.cover.credit ? (
                <figcaption class="article__caption">
                  {p.cover.caption ? <span>{p.cover.caption}</span> : null}
                  {p.cover.credit ? <span class="article__credit">{p.cover.caption ? ' ' : ''}{t(ctx, 'imageCredit', { credit: p.cover.credit })}</span> : null}
                </figcaption>
              ) : null}
            </figure>
          ) : article.coverImageUrl ? <img class="article__cover" src={article.coverImageUrl} alt="" /> : null}
          <div class="article__body" dangerouslySetInnerHTML={{ __html: placed(article.bodyHtml) }} />
          {article.tags.length ? (
            <p class="article__tags">
              <span class="visually-hidden">{t(ctx, 'tags')}: </span>
              {article.tags.map((tag) => <a class="tag" href={`/tag/${tag.slug}`}>#{tag.name}</a>)}
            </p>
          ) : null}
          <div class="reactions" id="reactions">
            {p.reactions.map((r) => (
              <form method="post" action={`/articles/${article.id}/reactions`} data-reaction={r.key}>
                <input type="hidden" name="kind" value={r.key} />
                <button type="submit" class="reaction" aria-pressed={r.active ? 'true' : 'false'}
                  title={r.active ? t(ctx, 'reactionUndo') : undefined}>
                  {r.label} (<span data-reaction-count>{formatNumber(ctx, r.count)}</span>)
                </button>
              </form>
            ))}
          </div>
          {p.viewBeaconPath ? (
            <noscript>
              <img class="beacon" src={p.viewBeaconPath} alt="" width={1} height={1} />
            </noscript>
          ) : null}
          <section id="related" class="list-section" aria-labelledby="related-title">
            <h2 id="related-title">{t(ctx, 'related')}</h2>
            <HeadlineList ctx={ctx} items={p.related} />
          </section>
        </article>
        <aside class="article-aside">
          <RankingAndRecommended ctx={ctx} ranking={p.ranking} recommended={p.recommended} personalFrom={`/articles/${article.id}/recommended`} />
        </aside>
      </div>
    </Layout>
  );
}
