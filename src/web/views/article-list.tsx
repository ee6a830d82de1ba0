import type { ArticleCard, MediaImage } from '../../content/types.js';
import { formatDateTime, formatNumber, isoDateTime, t, type ViewContext } from './format.js';
import { renderToString } from 'preact-render-to-string';
import { Picture } from './picture.js';
import { KeptHtml, placed } from './render.js';

/** A card as lists show it, with its category and cover picture resolved. */
export interface CardView extends ArticleCard {
  categoryName?: string | undefined;
  categorySlug?: string | undefined;
  image?: MediaImage | undefined;
}

export function articleHref(card: { slug: string }): string {
  return `/articles/${encodeURIComponent(card.slug)}`;
}

function ItemDate(props: { ctx: ViewContext; ms: number | null }) {
  return props.ms !== null ? <time datetime={isoDateTime(props.ctx, props.ms)}>{formatDateTime(props.ctx, props.ms)}</time> : null;
}

function HeadlineItem(props: { ctx: ViewContext; item: CardView; showViews?: boolean | undefined }) {
  const { item } = props;
  return (
    <li class={item.image ? 'headline headline--thumb' : 'headline'}>
      <a href={articleHref(item)} class="headline__link">
        {item.image ? <Picture image={item.image} class="headline__thumb" sizes="5rem" maxWidth={320} alt="" /> : null}
        <span class="headline__title">{item.title}</span>
      </a>
      <span class="headline__meta muted small">
        <ItemDate ctx={props.ctx} ms={item.publishedAt} />
        {item.categoryName ? <>{item.publishedAt !== null ? ' · ' : ''}{item.categoryName}</> : null}
        {props.showViews ? <> · {t(props.ctx, 'viewsCount', { count: formatNumber(props.ctx, item.viewCount) })}</> : null}
      </span>
    </li>
  );
}

// Every article page lists about 26 headlines and the same ones recur across pages. An item's
// HTML follows from its card and the state of the site (language, time zone: `ctx.shell` names
// it), and pages get the same card object until it changes, so each item is rendered once per
// card and state, and kept as long as the card is.
const itemHtml = new WeakMap<CardView, { shell: object; showViews: boolean; html: KeptHtml }>();
function headlineHtml(ctx: ViewContext, item: CardView, showViews: boolean): string {
  const kept = itemHtml.get(item);
  if (kept && kept.shell === ctx.shell && kept.showViews === showViews) return placed(kept.html);
  const html = renderToString(<HeadlineItem ctx={ctx} item={item} showViews={showViews} />);
  if (!ctx.shell) return html;
  const piece = new KeptHtml(html);
  itemHtml.set(item, { shell: ctx.shell, showViews, html: piece });
  return placed(piece);
}

/**
 * A list of headlines (Related, Ranking, Recommendation): a small thumbnail where the article
 * has a picture, the headline, and the item's date and section. One link per item.
 */
export function HeadlineList(props: { ctx: ViewContext; items: CardView[]; numbered?: boolean; showViews?: boolean }) {
  const Tag = props.numbered ? 'ol' : 'ul';
  // Items are escaped by Preact when rendered; the kept HTML goes in as it is.
  const html = props.items.map((item) => headlineHtml(props.ctx, item, props.showViews === true)).join('');
  return <Tag class={props.numbered ? 'headlines headlines--numbered' : 'headlines'} dangerouslySetInnerHTML={{ __html: html }} />;
}

/** Teaser cards with thumbnail, summary, category and date (home, category, tag, author and search pages). */
export function CardList(props: { ctx: ViewContext; items: CardView[]; variant?: 'grid' | 'rows' | 'compact' }) {
  const grid = props.variant === 'grid';
  const sizes = grid ? '(min-width: 60rem) 17rem, (min-width: 36rem) 45vw, calc(100vw - 2rem)'
    : props.variant === 'compact' ? '(min-width: 60rem) 8rem, 7rem' : '(min-width: 36rem) 9rem, 6.5rem';
  return (
    <ul class={`cards cards--${props.variant ?? 'rows'}`}>
      {props.items.map((item) => (
        <li class={item.image ? 'card card--thumb' : 'card'}>
          <article>
            {item.image ? (
              <a href={articleHref(item)} class="card__media" tabindex={-1} aria-hidden="true">
                <Picture image={item.image} class="card__thumb" alt="" sizes={sizes} maxWidth={grid ? 640 : 320} />
              </a>
            ) : null}
            <div class="card__text">
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
            </div>
          </article>
        </li>
      ))}
    </ul>
  );
}
