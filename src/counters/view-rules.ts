import { isbot } from 'isbot';

/** What the counting rules look at in a request, beyond who sent it. */
export interface RequestTraits {
  method: string;
  userAgent: string | undefined;
  /** `Sec-Purpose` / `Purpose` / `X-Purpose` / `X-Moz`: prefetch, prerender and previews are not reads. */
  purpose: string | undefined;
}

export type NotCountedReason = 'bot' | 'prefetch' | 'method';

const BOT_MEMO_SIZE = 2000;
// isbot runs one large regular expression; readers share few distinct user agents, so a
// small memo saves most of that work under load. Cleared wholesale when full (cheap, bounded).
const botMemo = new Map<string, boolean>();

/** True for crawlers, link-preview fetchers and other automated clients (and for no user agent at all). */
export function isAutomated(userAgent: string | undefined): boolean {
  if (!userAgent) return true;
  let hit = botMemo.get(userAgent);
  if (hit === undefined) {
    hit = isbot(userAgent);
    if (botMemo.size >= BOT_MEMO_SIZE) botMemo.clear();
    botMemo.set(userAgent, hit);
  }
  return hit;
}

/** Why a request is not a human reading the page, or undefined when it is one. */
export function notCountedReason(r: RequestTraits): NotCountedReason | undefined {
  // HEAD answers are never rendered; Fastify routes HEAD to GET handlers, so check it here.
  if (r.method !== 'GET' && r.method !== 'POST') return 'method';
  if (r.purpose && /prefetch|prerender|preview/i.test(r.purpose)) return 'prefetch';
  if (isAutomated(r.userAgent)) return 'bot';
  return undefined;
}
