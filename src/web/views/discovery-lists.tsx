import type { Messages } from '../../i18n/messages.js';
import { HeadlineList, type CardView } from './article-list.js';
import { t, type ViewContext } from './format.js';

/** The Ranking's heading: "Most read (last 7 days)", or "Latest" when no view was counted yet and the list is the newest. */
export function RankingHeading(p: { ctx: ViewContext; window: string }) {
  const { ctx } = p;
  return (
    <h2 id="ranking-title">
      {p.window === 'latest' ? (
        t(ctx, 'latest')
      ) : (
        <>
          {t(ctx, 'ranking')} <span class="muted small">({t(ctx, `rankingWindow_${p.window}` as keyof Messages)})</span>
        </>
      )}
    </h2>
  );
}

/**
 * The Ranking (`#ranking`, saying which window it shows) and Recommendation (`#recommended`)
 * sections. `personalFrom` is where site.js asks for this reader's own Recommendation list,
 * which replaces the shared one in place (readers without JavaScript keep the shared list).
 */
export function RankingAndRecommended(p: { ctx: ViewContext; ranking: { window: string; items: CardView[] }; recommended: CardView[]; personalFrom?: string | undefined }) {
  const { ctx } = p;
  return (
    <>
      <section id="ranking" class="list-section" aria-labelledby="ranking-title" data-window={p.ranking.window}>
        <RankingHeading ctx={ctx} window={p.ranking.window} />
        <HeadlineList ctx={ctx} items={p.ranking.items} numbered />
      </section>
      <section id="recommended" class="list-section" aria-labelledby="recommended-title" data-personal-from={p.personalFrom}>
        <h2 id="recommended-title">{t(ctx, 'recommended')}</h2>
        <div data-recommended-list>
          <HeadlineList ctx={ctx} items={p.recommended} />
        </div>
      </section>
    </>
  );
}
