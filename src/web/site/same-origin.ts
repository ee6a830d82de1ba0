import type { IncomingHttpHeaders } from 'node:http';
import { AppError } from '../../errors.js';

/**
 * CSRF defence for the public forms (reactions): browsers send Sec-Fetch-Site and Origin
 * on every POST, so a cross-site form or fetch is refused without a per-page token that
 * would make article pages uncacheable. Requests with neither header (curl, old clients)
 * carry no ambient browser credentials worth forging and are let through.
 */
export function assertSameOrigin(request: { headers: IncomingHttpHeaders; host: string }): void {
  const site = request.headers['sec-fetch-site'];
  if (typeof site === 'string' && site !== 'same-origin' && site !== 'none') {
    throw new AppError('MH_ERR_BAD_REQUEST', 'Cross-site form submissions are not accepted');
  }
  const origin = request.headers.origin;
  if (typeof origin === 'string' && origin !== 'null') {
    let host: string;
    try {
      host = new URL(origin).host;
    } catch {
      throw new AppError('MH_ERR_BAD_REQUEST', 'Malformed Origin header');
    }
    if (host !== request.host) throw new AppError('MH_ERR_BAD_REQUEST', 'Cross-site form submissions are not accepted');
  }
}
