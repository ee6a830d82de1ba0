import type { Crumb } from '../../content/category-tree.js';
import { t, type ViewContext } from './format.js';

/** `Home > … > Category` with BreadcrumbList microdata; the current page is not a link. */
export function Breadcrumb(props: { ctx: ViewContext; crumbs: Crumb[] }) {
  return (
    <nav aria-label={t(props.ctx, 'breadcrumb')} class="breadcrumb">
      <ol itemscope itemtype="https://schema.org/BreadcrumbList">
        {props.crumbs.map((c, i) => (
          <li itemprop="itemListElement" itemscope itemtype="https://schema.org/ListItem">
            {c.href ? (
              <a itemprop="item" href={c.href}>
                <span itemprop="name">{c.label}</span>
              </a>
            ) : (
              <span itemprop="name" aria-current="page">{c.label}</span>
            )}
            <meta itemprop="position" content={String(i + 1)} />
          </li>
        ))}
      </ol>
    </nav>
  );
}
