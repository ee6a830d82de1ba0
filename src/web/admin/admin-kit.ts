import type { FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import type { User } from '../../storage/ports.js';
import type { AdminContext } from './views/admin-layout.js';

/** What every group of newsroom routes shares: the guards and the page helpers of adminRoutes. */
export interface AdminKit {
  /** Fetch-Metadata, then the CSRF token: the guard of every POST. */
  checkCsrf: preHandlerAsyncHookHandler;
  /** Pages: the sign-in page without a session. */
  signedIn: preHandlerAsyncHookHandler;
  /** JSON: 401 without a session. */
  signedInJson: preHandlerAsyncHookHandler;
  /** 403 unless owner or editor. */
  editorsOnly: preHandlerAsyncHookHandler;
  userOf(request: FastifyRequest): User;
  context(request: FastifyRequest, reply: FastifyReply): Promise<AdminContext>;
  html(reply: FastifyReply, page: string, status?: number): FastifyReply;
}

export function pageNumber(raw: string | undefined): number {
  return raw && /^\d{1,6}$/.test(raw) && Number(raw) >= 1 ? Number(raw) : 1;
}

export function numericId(raw: string | undefined): number | undefined {
  return raw && /^\d{1,12}$/.test(raw) ? Number(raw) : undefined;
}
