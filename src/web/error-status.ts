import type { ErrorCode } from '../errors.js';

/** HTTP status for every error code; the Record type makes a missing code a compile error. */
export const errorStatus: Record<ErrorCode, number> = {
  MH_ERR_NOT_FOUND: 404,
  MH_ERR_ARTICLE_NOT_FOUND: 404,
  MH_ERR_ARTICLE_GONE: 410,
  MH_ERR_CATEGORY_NOT_FOUND: 404,
  MH_ERR_TAG_NOT_FOUND: 404,
  MH_ERR_AUTHOR_NOT_FOUND: 404,
  MH_ERR_BAD_REQUEST: 400,
  MH_ERR_VALIDATION: 400,
  MH_ERR_PAYLOAD_TOO_LARGE: 413,
  MH_ERR_RATE_LIMITED: 429,
  MH_ERR_CONFIG: 500,
  MH_ERR_IMPORT: 400,
  MH_ERR_PUBLISH: 500,
  MH_ERR_CONFLICT: 409,
  MH_ERR_UNAVAILABLE: 503,
  MH_ERR_MEDIA_UNSUPPORTED: 400,
  MH_ERR_MEDIA_TOO_LARGE: 413,
  MH_ERR_SIGN_IN_FAILED: 401,
  MH_ERR_SIGNED_OUT: 401,
  MH_ERR_FORBIDDEN: 403,
  MH_ERR_CSRF: 403,
};

/** The JSON body of an error answer, the same from every way in. */
export function errorJson(code: ErrorCode | 'MH_ERR_INTERNAL', message: string, statusCode: number): { error: string; message: string; statusCode: number } {
  return { error: code, message, statusCode };
}
