import { messagesFor } from '../../i18n/messages.js';
import type { SiteService } from '../../services/site-service.js';
import type { ViewContext } from '../views/format.js';

// One shell map per state of the site. The site service keeps its settings, section tree and
// logo until they change, so their identities name the state: a map is kept per tree for the
// settings and logo it was made with, and any change starts a new one (the old is collected).
const shells = new WeakMap<object, { settings: object; logo: object | undefined; html: Map<string, string> }>();
function shellOf(settings: object, tree: object, logo: object | undefined): Map<string, string> {
  const kept = shells.get(tree);
  if (kept?.settings === settings && kept.logo === logo) return kept.html;
  const html = new Map<string, string>();
  shells.set(tree, { settings, logo, html });
  return html;
}

/** The language, time zone and navigation every page view needs. */
export async function viewContext(site: SiteService, currentPath = ''): Promise<ViewContext> {
  const [settings, tree, logo] = await Promise.all([site.settings(), site.categories(), site.logo().catch(() => undefined)]);
  return {
    siteName: settings.name,
    tagline: settings.tagline,
    baseUrl: settings.baseUrl,
    language: settings.language,
    timezone: settings.timezone,
    messages: messagesFor(settings.language),
    navShown: settings.navSections,
    aboutUrl: settings.aboutUrl,
    contactUrl: settings.contactUrl,
    logo,
    shell: shellOf(settings, tree, logo),
    nav: tree.roots().map((c) => {
      const href = `/category/${c.slug}`;
      return { name: c.name, href, current: currentPath === href || currentPath.startsWith(`${href}/`) };
    }),
  };
}
