import { Layout } from './layout.js';
import { webSiteLd } from './structured-data.js';
import { RankingAndRecommended } from './discovery-lists.js';
import { CardList, articleHref, type CardView } from './article-list.js';
import { formatDateTime, isoDateTime, t, type ViewContext } from './format.js';

export interface HomePageProps {
  ctx: ViewContext;
  lead: CardView | undefined;
  latest: CardView[];
  sections: { name: string; slug: string; items: CardView[] }[];
  ranking: { window: string; items: CardView[] };
  recommended: CardView[];
}

/** The front page: lead story, latest, Ranking and Recommendation, one block per section. */
export function HomePage(p: HomePageProps) {
  const { ctx } = p;
  const jsonLd = [webSiteLd(ctx)];
  return (
    <Layout ctx={ctx} meta={{ title: ctx.siteName, description: ctx.tagline, canonicalPath: '/', jsonLd }}>
      <h1 class="visually-hidden">{ctx.siteName}</h1>
      {!p.lead ? <p class="empty">{t(ctx, 'noArticles')}</p> : null}
      <div class="front">
        {p.lead ? (
          <section class="lead" aria-label={t(ctx, 'leadStory')}>
            {p.lead.categoryName ? <a class="kicker" href={`/category/${p.lead.categorySlug}`}>{p.lead.categoryName}</a> : null}
            <h2 class="lead__title">
              <a href={articleHref(p.lead)}>{p.lead.title}</a>
            </h2>
            {p.lead.summary ? <p class="lead__summary">{p.lead.summary}</p> : null}
            {p.lead.publishedAt !== null ? (
              <time class="muted small" datetime={isoDateTime(ctx, p.lead.publishedAt)}>{formatDateTime(ctx, p.lead.publishedAt)}</time>
            ) : null}
          </section>
        ) : null}
        <section class="latest" aria-labelledby="latest-title">
          <h2 id="latest-title" class="section-title">{t(ctx, 'latest')}</h2>
          <CardList ctx={ctx} items={p.latest} />
        </section>
        <aside class="front-aside">
          <RankingAndRecommended ctx={ctx} ranking={p.ranking} recommended={p.recommended} />
        </aside>
      </div>
      {p.sections.map((s) => (
        <section class="section-block" aria-labelledby={`section-${s.slug}`}>
          <h2 id={`section-${s.slug}`} class="section-title">
            <a href={`/category/${s.slug}`}>{s.name}</a>
          </h2>
          <CardList ctx={ctx} items={s.items} variant="grid" />
        </section>
      ))}
    </Layout>
  );
}
