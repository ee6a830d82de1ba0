import { messagesFor } from '../../i18n/messages.js';
import type { SiteService } from '../../services/site-service.js';
import type { ViewContext } from '../views/format.js';

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
    nav: tree.roots().map((c) => {
      const href = `/category/${c.slug}`;
      return { name: c.name, href, current: currentPath === href || currentPath.startsWith(`${href}/`) };
    }),
  };
}
