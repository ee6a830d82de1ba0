import type { Crumb } from '../../content/category-tree.js';
import type { ShownArticle } from '../../content/types.js';
import { isoDateTime, type ViewContext } from './format.js';

/** schema.org objects for JSON-LD (Layout serialises them so no value can close the script). */
export type JsonLd = Record<string, unknown>;

const CONTEXT = 'https://schema.org';

/** The publication, with the logo Google asks for on news articles. */
export function publisherLd(ctx: ViewContext): JsonLd {
  return {
    '@type': 'NewsMediaOrganization',
    name: ctx.siteName,
    url: `${ctx.baseUrl}/`,
    logo: ctx.logo
      ? { '@type': 'ImageObject', url: `${ctx.baseUrl}${ctx.logo.src}`, width: ctx.logo.width, height: ctx.logo.height }
      : { '@type': 'ImageObject', url: `${ctx.baseUrl}/assets/logo.svg`, width: 512, height: 512 },
  };
}

export function newsArticleLd(ctx: ViewContext, article: ShownArticle, path: string, sectionName: string | undefined, image?: JsonLd | string): JsonLd {
  return {
    '@context': CONTEXT,
    '@type': 'NewsArticle',
    headline: article.title,
    ...(article.summary ? { description: article.summary } : {}),
    datePublished: isoDateTime(ctx, article.publishedAt ?? article.createdAt),
    dateModified: isoDateTime(ctx, article.updatedAt),
    mainEntityOfPage: { '@type': 'WebPage', '@id': `${ctx.baseUrl}${path}` },
    url: `${ctx.baseUrl}${path}`,
    inLanguage: ctx.language,
    ...(image ? { image: [image] } : article.coverImageUrl ? { image: [article.coverImageUrl] } : {}),
    ...(sectionName ? { articleSection: sectionName } : {}),
    // Google asks for the author or no author property at all, never an empty list.
    ...(article.authors.length
      ? { author: article.authors.map((a) => ({ '@type': 'Person', name: a.name, url: `${ctx.baseUrl}/author/${a.slug}` })) }
      : {}),
    publisher: publisherLd(ctx),
    ...(article.tags.length ? { keywords: article.tags.map((tag) => tag.name).join(', ') } : {}),
  };
}

/** The visible breadcrumb as a BreadcrumbList, item for item; the current page (no link) is `currentPath`. */
export function breadcrumbLd(ctx: ViewContext, crumbs: Crumb[], currentPath: string): JsonLd {
  return {
    '@context': CONTEXT,
    '@type': 'BreadcrumbList',
    itemListElement: crumbs.map((c, i) => ({ '@type': 'ListItem', position: i + 1, name: c.label, item: `${ctx.baseUrl}${c.href ?? currentPath}` })),
  };
}

/** The site with its search box, for the home page. */
export function webSiteLd(ctx: ViewContext): JsonLd {
  return {
    '@context': CONTEXT,
    '@type': 'WebSite',
    name: ctx.siteName,
    url: `${ctx.baseUrl}/`,
    inLanguage: ctx.language,
    publisher: publisherLd(ctx),
    potentialAction: {
      '@type': 'SearchAction',
      target: { '@type': 'EntryPoint', urlTemplate: `${ctx.baseUrl}/search?q={search_term_string}` },
      'query-input': 'required name=search_term_string',
    },
  };
}
