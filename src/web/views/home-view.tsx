import { Layout } from './layout.js';
import { webSiteLd } from './structured-data.js';
import { RankingHeading } from './discovery-lists.js';
import { CardList, HeadlineList, articleHref, type CardView } from './article-list.js';
import { formatDateTime, isoDateTime, t, type ViewContext } from './format.js';
import { Picture } from './picture.js';

export interface HomePageProps {
  ctx: ViewContext;
  lead: CardView | undefined;
  secondary: CardView[];
  latest: CardView[];
  sections: { name: string; slug: string; items: CardView[] }[];
  ranking: { window: string; items: CardView[] };
  recommended: CardView[];
}

/**
 * The front page, in bands that fill their width at every size: the lead story with its
 * picture beside the next stories; Latest, Most read and Recommended as three lists of equal
 * length side by side (stacked on narrow screens); then one block per section.
 */
export function HomePage(p: HomePageProps) {
  const { ctx } = p;
  const jsonLd = [webSiteLd(ctx)];
  const lists = [
    <section class="latest list-section front-block" aria-labelledby="latest-title">
      <h2 id="latest-title">{t(ctx, 'latest')}</h2>
      <HeadlineList ctx={ctx} items={p.latest} />
    </section>,
    // With no view counted yet the Ranking is the newest, which Latest beside it already shows.
    ...(p.ranking.window === 'latest' || !p.ranking.items.length ? [] : [
      <section id="ranking" class="list-section front-block" aria-labelledby="ranking-title" data-window={p.ranking.window}>
        <RankingHeading ctx={ctx} window={p.ranking.window} />
        <HeadlineList ctx={ctx} items={p.ranking.items} numbered />
      </section>,
    ]),
    ...(p.recommended.length ? [
      <section id="recommended" class="list-section front-block" aria-labelledby="recommended-title">
        <h2 id="recommended-title">{t(ctx, 'recommended')}</h2>
        <HeadlineList ctx={ctx} items={p.recommended} />
      </section>,
    ] : []),
  ];
  return (
    <Layout ctx={ctx} meta={{ title: ctx.siteName, description: ctx.tagline, canonicalPath: '/', jsonLd }}>
      <h1 class="visually-hidden">{ctx.siteName}</h1>
      {!p.lead ? <p class="empty">{t(ctx, 'noArticles')}</p> : null}
      {p.lead ? (
        // Without a picture the lead is a few lines tall: the top stories go in a row under it
        // instead of a column beside it, which would leave a hole under the lead.
        <div class={p.lead.image ? 'front-top' : 'front-top front-top--text'}>
          <section class="lead front-block" aria-label={t(ctx, 'leadStory')}>
            {p.lead.image ? (
              <a href={articleHref(p.lead)} class="lead__media" tabindex={-1} aria-hidden="true">
                <Picture image={p.lead.image} class="lead__picture" eager alt="" sizes="(min-width: 72rem) 44rem, (min-width: 60rem) 62vw, calc(100vw - 2rem)" />
              </a>
            ) : null}
            {p.lead.categoryName ? <a class="kicker" href={`/category/${p.lead.categorySlug}`}>{p.lead.categoryName}</a> : null}
            <h2 class="lead__title">
              <a href={articleHref(p.lead)}>{p.lead.title}</a>
            </h2>
            {p.lead.summary ? <p class="lead__summary">{p.lead.summary}</p> : null}
            {p.lead.publishedAt !== null ? (
              <time class="muted small" datetime={isoDateTime(ctx, p.lead.publishedAt)}>{formatDateTime(ctx, p.lead.publishedAt)}</time>
            ) : null}
          </section>
          {p.secondary.length ? (
            <section class="secondary front-block" aria-label={t(ctx, 'topStories')}>
              <CardList ctx={ctx} items={p.secondary} variant="compact" />
            </section>
          ) : null}
        </div>
      ) : null}
      {/* The lists shown fill the band: with one hidden, the others share its width (no empty column). */}
      <div class={`front-lists front-lists--${lists.length}`}>{lists}</div>
      {p.sections.map((s) => (
        <section class={`section-block section-block--n${Math.min(s.items.length, 4)} front-block`} aria-labelledby={`section-${s.slug}`}>
          <h2 id={`section-${s.slug}`} class="section-title">
            <a href={`/category/${s.slug}`}>{s.name}</a>
          </h2>
          <CardList ctx={ctx} items={s.items} variant="grid" />
        </section>
      ))}
    </Layout>
  );
}
