/**
 * Error codes that mean "the database (or Redis) cannot be reached right now" rather than "this
 * request is wrong": refused, reset or timed-out connections, and PostgreSQL's admin-shutdown,
 * crash-shutdown, cannot-connect-now and connection-exception classes.
 */
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN',
  '57P01', '57P02', '57P03', '08000', '08001', '08003', '08004', '08006',
  'SQLITE_BUSY',
]);
const UNAVAILABLE_MESSAGES = /Connection terminated|timeout exceeded when trying to connect|Connection is closed|connect ECONNREFUSED|the database system is (starting up|shutting down)/i;

/** True when `err` says a service is unreachable for now: the request may succeed when retried. */
export function isServiceUnavailable(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && UNAVAILABLE_CODES.has(code)) return true;
    const message = (e as { message?: unknown }).message;
    if (typeof message === 'string' && UNAVAILABLE_MESSAGES.test(message)) return true;
    if (e instanceof AggregateError && e.errors.some((x) => isServiceUnavailable(x))) return true;
  }
  return false;
}
