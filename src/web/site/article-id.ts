import { AppError } from '../../errors.js';

/** The numeric article id of a path parameter; anything else is a 400 (MH_ERR_BAD_REQUEST). */
export function parseArticleId(raw: string): number {
  if (!/^\d{1,12}$/.test(raw)) throw new AppError('MH_ERR_BAD_REQUEST', 'The article id must be a number');
  return Number(raw);
}
