import { messagesFor } from '../../i18n/messages.js';
import type { SiteService } from '../../services/site-service.js';
import type { ViewContext } from '../views/format.js';

// One shell map per state of the site: settings, the tree and the logo are each cached by the
// site service until they change, so their identities name the state; a change makes new ones
// and the old maps are collected with them.
const NO_LOGO = {};
const shells = new WeakMap<object, WeakMap<object, WeakMap<object, Map<string, string>>>>();
function shellOf(settings: object, tree: object, logo: object | undefined): Map<string, string> {
  let byTree = shells.get(settings);
  if (!byTree) shells.set(settings, (byTree = new WeakMap()));
  let byLogo = byTree.get(tree);
  if (!byLogo) byTree.set(tree, (byLogo = new WeakMap()));
  let shell = byLogo.get(logo ?? NO_LOGO);
  if (!shell) byLogo.set(logo ?? NO_LOGO, (shell = new Map()));
  return shell;
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
