import { messagesFor } from '../../i18n/messages.js';
import type { SiteService } from '../../services/site-service.js';
import type { ViewContext } from '../views/format.js';
import type { KeptHtml } from '../views/render.js';

// One record per state of the site. The site service keeps its settings, section tree and logo
// until they change, so their identities name the state: a record is kept per tree for the
// settings and logo it was made with, and any change starts a new one (the old is collected).
// It holds the rendered header and footer (the shell) and the view context of each current
// section, which every page of that section shares (views only read it).
interface SiteState {
  settings: object;
  logo: object | undefined;
  shell: Map<string, KeptHtml>;
  contexts: Map<string, ViewContext>;
}
const states = new WeakMap<object, SiteState>();
function stateOf(settings: object, tree: object, logo: object | undefined): SiteState {
  const kept = states.get(tree);
  if (kept?.settings === settings && kept.logo === logo) return kept;
  const state: SiteState = { settings, logo, shell: new Map(), contexts: new Map() };
  states.set(tree, state);
  return state;
}
/** Current paths kept per state: every section, and some room for the rest. */
const MAX_CONTEXTS = 2048;

/** The language, time zone and navigation every page view needs. */
export async function viewContext(site: SiteService, currentPath = ''): Promise<ViewContext> {
  const [settings, tree, logo] = await Promise.all([site.settings(), site.categories(), site.logo().catch(() => undefined)]);
  const state = stateOf(settings, tree, logo);
  const kept = state.contexts.get(currentPath);
  if (kept) return kept;
  const ctx: ViewContext = {
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
    shell: state.shell,
    nav: tree.roots().map((c) => {
      const href = `/category/${c.slug}`;
      return { name: c.name, href, current: currentPath === href || currentPath.startsWith(`${href}/`) };
    }),
  };
  if (state.contexts.size < MAX_CONTEXTS) state.contexts.set(currentPath, ctx);
  return ctx;
}
