import { AppError } from '../../errors.js';

/** `?page=N` → N; anything else is a 400 that says what is wrong. */
export function parsePage(query: unknown): number {
  const raw = (query as Record<string, unknown> | undefined)?.page;
  if (raw === undefined) return 1;
  if (typeof raw !== 'string' || !/^[1-9]\d{0,5}$/.test(raw)) {
    throw new AppError('MH_ERR_BAD_REQUEST', `"page" must be a whole number from 1, not ${JSON.stringify(raw)}`);
  }
  return Number(raw);
}
