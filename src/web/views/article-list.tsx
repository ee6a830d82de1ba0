import type { ArticleCard } from '../../content/types.js';
import { formatDateTime, formatNumber, isoDateTime, t, type ViewContext } from './format.js';

/** A card as lists show it, with its category resolved. */
export interface CardView extends ArticleCard {
  categoryName?: string | undefined;
  categorySlug?: string | undefined;
}

export function articleHref(card: { slug: string }): string {
  return `/articles/${encodeURIComponent(card.slug)}`;
}

/** A plain ordered list of headlines (Related, Ranking, Recommendation). */
export function HeadlineList(props: { ctx: ViewContext; items: CardView[]; numbered?: boolean; showViews?: boolean }) {
  const Tag = props.numbered ? 'ol' : 'ul';
  return (
    <Tag class={props.numbered ? 'headlines headlines--numbered' : 'headlines'}>
      {props.items.map((item) => (
        <li>
          <a href={articleHref(item)}>{item.title}</a>
          {props.showViews ? <span class="muted small"> · {t(props.ctx, 'viewsCount', { count: formatNumber(props.ctx, item.viewCount) })}</span> : null}
        </li>
      ))}
    </Tag>
  );
}

/** Teaser cards with summary, category and date (home, category, tag and author pages). */
export function CardList(props: { ctx: ViewContext; items: CardView[]; variant?: 'grid' | 'rows' }) {
  return (
    <ul class={`cards cards--${props.variant ?? 'rows'}`}>
      {props.items.map((item) => (
        <li class="card">
          <article>
            {item.categoryName ? <a class="kicker" href={`/category/${item.categorySlug}`}>{item.categoryName}</a> : null}
            <h3 class="card__title">
              <a href={articleHref(item)}>{item.title}</a>
            </h3>
            {item.summary ? <p class="card__summary">{item.summary}</p> : null}
            {item.publishedAt !== null ? (
              <time class="muted small" datetime={isoDateTime(props.ctx, item.publishedAt)}>
                {formatDateTime(props.ctx, item.publishedAt)}
              </time>
            ) : null}
          </article>
        </li>
      ))}
    </ul>
  );
}
