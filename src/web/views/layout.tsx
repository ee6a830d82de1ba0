import type { ComponentChildren } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { assetUrl } from '../assets.js';
import { t, type ViewContext } from './format.js';
import type { JsonLd } from './structured-data.js';
import { KeptHtml, placed } from './render.js';

export interface PageMeta {
  title: string;
  description?: string;
  canonicalPath: string;
  /** OpenGraph type: "website" or "article". */
  ogType?: string;
  /** Absolute URL of the share image, with its size and alt text when known. */
  image?: { url: string; width?: number; height?: number; alt?: string } | null;
  /** ISO times of an article, for OpenGraph. */
  published?: string;
  modified?: string;
  /** JSON-LD objects, each serialised into a script tag of its own. */
  jsonLd?: JsonLd[];
  noindex?: boolean;
  /** The page's own feeds (a section, tag or author page): listed before the site's. */
  feed?: { path: string; title: string } | undefined;
}

const FEED_KINDS = [
  { file: 'feed.xml', type: 'application/rss+xml', label: 'feedRss' },
  { file: 'atom.xml', type: 'application/atom+xml', label: 'feedAtom' },
  { file: 'feed.json', type: 'application/feed+json', label: 'feedJson' },
] as const;

/** `<link rel="alternate">` for one scope's feeds (a page's own, or the site's), so readers can discover them. */
function FeedLinks(props: { ctx: ViewContext; scope: { path: string; title: string } }) {
  const { ctx, scope } = props;
  return (
    <>
      {FEED_KINDS.map((k) => (
        <link rel="alternate" type={k.type} title={`${scope.title} · ${t(ctx, k.label)}`} href={`${scope.path}/${k.file}`} />
      ))}
    </>
  );
}

/** What every page's head ends with: the site's feeds (after the page's own), icons, style and script. */
function SiteHeadLinks(props: { ctx: ViewContext }) {
  return (
    <>
      <FeedLinks ctx={props.ctx} scope={{ path: '', title: props.ctx.siteName }} />
      <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
      <link rel="icon" href="/favicon-32.png" type="image/png" sizes="32x32" />
      <link rel="apple-touch-icon" href="/apple-touch-icon.png" />
      <link rel="stylesheet" href={assetUrl('site.css')} />
      <script src={assetUrl('site.js')} defer />
    </>
  );
}

/**
 * The section bar: the first `navShown` top sections, the rest under "More" — a `<details>`,
 * so it opens without JavaScript, and outside the bar's scrolling row, so a phone's narrow
 * bar scrolls while More stays in reach.
 */
function SiteNav(props: { ctx: ViewContext }) {
  const { ctx } = props;
  const shown = Math.max(0, Math.min(ctx.navShown ?? ctx.nav.length, ctx.nav.length));
  const bar = ctx.nav.slice(0, shown);
  const more = ctx.nav.slice(shown);
  const item = (entry: ViewContext['nav'][number]) => (
    <li><a href={entry.href} aria-current={entry.current ? 'page' : undefined}>{entry.name}</a></li>
  );
  return (
    <nav class="site-nav" aria-label={t(ctx, 'sections')}>
      <div class="wrap site-nav__bar">
        <ul class="site-nav__list">{bar.map(item)}</ul>
        {more.length ? (
          <details class="site-nav__more">
            <summary class={more.some((m) => m.current) ? 'site-nav__more--current' : undefined}>{t(ctx, 'moreSections')}<span class="visually-hidden"> {t(ctx, 'footerSections').toLowerCase()}</span></summary>
            <ul>{more.map(item)}</ul>
          </details>
        ) : null}
      </div>
    </nav>
  );
}

/** Sections the footer lists at least (when the bar shows fewer); the rest are under the bar's More. */
const FOOTER_SECTIONS = 12;

/** The footer: the site's main sections, its feeds, its own pages when the settings name them. */
function SiteFooter(props: { ctx: ViewContext }) {
  const { ctx } = props;
  // A site with a hundred sections lists them once, under More, not again on every page's foot.
  const sections = ctx.nav.slice(0, Math.max(FOOTER_SECTIONS, ctx.navShown ?? 0));
  return (
    <>
      <div class="wrap site-footer__grid">
        <div class="site-footer__about">
          <p class="site-footer__name"><a href="/"><img src="/favicon.svg" width={28} height={28} alt="" loading="lazy" /> {ctx.siteName}</a></p>
          {ctx.tagline ? <p class="muted">{ctx.tagline}</p> : null}
        </div>
        <nav class="site-footer__links" aria-label={t(ctx, 'footerLinks')}>
          {sections.length ? (
            <div class="site-footer__col site-footer__col--sections">
              <h2>{t(ctx, 'footerSections')}</h2>
              <ul>{sections.map((n) => <li><a href={n.href}>{n.name}</a></li>)}</ul>
            </div>
          ) : null}
          <div class="site-footer__col">
            <h2>{t(ctx, 'footerSite')}</h2>
            <ul>
              <li><a href="/">{t(ctx, 'frontPage')}</a></li>
              <li><a href="/search">{t(ctx, 'search')}</a></li>
              {ctx.aboutUrl ? <li><a href={ctx.aboutUrl}>{t(ctx, 'about')}</a></li> : null}
              {ctx.contactUrl ? <li><a href={ctx.contactUrl}>{t(ctx, 'contact')}</a></li> : null}
              <li><a href="/feed.xml">{t(ctx, 'feedRss')}</a></li>
              <li><a href="/atom.xml">{t(ctx, 'feedAtom')}</a></li>
              <li><a href="/feed.json">{t(ctx, 'feedJson')}</a></li>
            </ul>
          </div>
        </nav>
      </div>
      <div class="wrap"><p class="site-footer__powered muted small">{t(ctx, 'poweredBy')}</p></div>
    </>
  );
}

/** Inside the site header: the name or logo, the search box and the section bar. */
function SiteHeader(props: { ctx: ViewContext }) {
  const { ctx } = props;
  return (
    <>
      <div class="wrap site-header__top">
        <a class="site-name" href="/">{ctx.logo ? <img class="site-logo" src={ctx.logo.src} width={ctx.logo.width} height={ctx.logo.height} alt={ctx.siteName} /> : ctx.siteName}</a>
        <form class="search" role="search" action="/search" method="get">
          <label class="visually-hidden" for="q">{t(ctx, 'search')}</label>
          <input id="q" name="q" type="search" placeholder={t(ctx, 'searchPlaceholder')} />
          <button type="submit">{t(ctx, 'search')}</button>
        </form>
      </div>
      <SiteNav ctx={ctx} />
    </>
  );
}

/**
 * The inside of the header or the footer as HTML. Both depend only on the site (its settings,
 * sections and logo) and on which section is current, and a site with a hundred sections spends
 * a good part of a page's render on them: with `ctx.shell` (one per state of the site) each is
 * rendered once per current section and reused.
 */
function sitePart(ctx: ViewContext, part: 'head' | 'header' | 'footer'): string {
  const render = () => renderToString(part === 'header' ? <SiteHeader ctx={ctx} /> : part === 'footer' ? <SiteFooter ctx={ctx} /> : <SiteHeadLinks ctx={ctx} />);
  if (!ctx.shell) return render();
  // The header marks the current section; the head's links and the footer show none.
  const key = part === 'header' ? `header:${ctx.nav.findIndex((n) => n.current)}` : part;
  let kept = ctx.shell.get(key);
  if (kept === undefined) ctx.shell.set(key, (kept = new KeptHtml(render())));
  return placed(kept);
}

/** The site shell: header with navigation and search, main content, footer. */
export function Layout(props: { ctx: ViewContext; meta: PageMeta; children: ComponentChildren }) {
  const { ctx, meta } = props;
  const canonical = `${ctx.baseUrl}${meta.canonicalPath}`;
  const fullTitle = meta.title === ctx.siteName ? ctx.siteName : `${meta.title} · ${ctx.siteName}`;
  // The head's own tags, then the site's links and the page's structured data, joined as HTML.
  const own = renderToString(
    <>
      <meta charSet="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <title>{fullTitle}</title>
      {meta.description ? <meta name="description" content={meta.description} /> : null}
      {meta.noindex ? <meta name="robots" content="noindex" /> : null}
      <link rel="canonical" href={canonical} />
      <meta property="og:site_name" content={ctx.siteName} />
      <meta property="og:title" content={meta.title} />
      <meta property="og:type" content={meta.ogType ?? 'website'} />
      <meta property="og:url" content={canonical} />
      {meta.description ? <meta property="og:description" content={meta.description} /> : null}
      <meta property="og:locale" content={ctx.language.replace('-', '_')} />
      {meta.image ? <meta property="og:image" content={meta.image.url} /> : null}
      {meta.image?.width ? <meta property="og:image:width" content={String(meta.image.width)} /> : null}
      {meta.image?.height ? <meta property="og:image:height" content={String(meta.image.height)} /> : null}
      {meta.image?.alt ? <meta property="og:image:alt" content={meta.image.alt} /> : null}
      {meta.published ? <meta property="article:published_time" content={meta.published} /> : null}
      {meta.modified ? <meta property="article:modified_time" content={meta.modified} /> : null}
      <meta name="twitter:card" content={meta.image ? 'summary_large_image' : 'summary'} />
      <meta name="twitter:title" content={meta.title} />
      {meta.description ? <meta name="twitter:description" content={meta.description} /> : null}
      {meta.image ? <meta name="twitter:image" content={meta.image.url} /> : null}
      {meta.image?.alt ? <meta name="twitter:image:alt" content={meta.image.alt} /> : null}
      <link rel="alternate" hrefLang={ctx.language} href={canonical} />
      {meta.feed ? <FeedLinks ctx={ctx} scope={meta.feed} /> : null}
    </>,
  );
  // The links every page has (the site's feeds, icons, style and script) are the same for one
  // state of the site: rendered once, like the header and footer.
  const head = own + sitePart(ctx, 'head') + (meta.jsonLd ?? []).map((ld) => `<script type="application/ld+json">${jsonForScript(ld)}</script>`).join('');
  return (
    <html lang={ctx.language}>
      <head dangerouslySetInnerHTML={{ __html: head }} />
      <body>
        <a class="skip-link" href="#main">{t(ctx, 'skipToContent')}</a>
        <header class="site-header" dangerouslySetInnerHTML={{ __html: sitePart(ctx, 'header') }} />
        <main id="main" class="wrap">{props.children}</main>
        <footer class="site-footer" dangerouslySetInnerHTML={{ __html: sitePart(ctx, 'footer') }} />
      </body>
    </html>
  );
}

/** JSON that cannot close the script element it sits in. */
function jsonForScript(value: unknown): string {
  const json = JSON.stringify(value);
  return UNSAFE_IN_SCRIPT.test(json) ? json.replace(UNSAFE_IN_SCRIPT_ALL, (c) => SCRIPT_SAFE[c]!) : json;
}
const UNSAFE_IN_SCRIPT = /[<\u2028\u2029]/;
const UNSAFE_IN_SCRIPT_ALL = /[<\u2028\u2029]/g;
const SCRIPT_SAFE: Record<string, string> = { '<': '\\u003c', '\u2028': '\\u2028', '\u2029': '\\u2029' };
