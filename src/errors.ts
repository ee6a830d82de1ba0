/**
 * Every failure Masthead reports on purpose is an AppError with a stable code.
 * The web layer maps codes to HTTP statuses (see web/error-status.ts) and the CLI
 * prints the message on one line; docs/errors.md documents each code.
 */
export const ERROR_CODES = {
  MH_ERR_NOT_FOUND: 'The requested page does not exist.',
  MH_ERR_ARTICLE_NOT_FOUND: 'No article with this id or slug.',
  MH_ERR_ARTICLE_GONE: 'The article was unpublished.',
  MH_ERR_CATEGORY_NOT_FOUND: 'No category with this slug.',
  MH_ERR_TAG_NOT_FOUND: 'No tag with this slug.',
  MH_ERR_AUTHOR_NOT_FOUND: 'No author with this slug.',
  MH_ERR_BAD_REQUEST: 'The request is malformed.',
  MH_ERR_VALIDATION: 'A field has an invalid value.',
  MH_ERR_PAYLOAD_TOO_LARGE: 'The request body is too large.',
  MH_ERR_RATE_LIMITED: 'Too many requests; retry later.',
  MH_ERR_CONFIG: 'The configuration is invalid.',
  MH_ERR_IMPORT: 'The import file could not be read.',
  MH_ERR_PUBLISH: 'The site could not be published to that folder.',
  MH_ERR_CONFLICT: 'The change conflicts with existing data.',
  MH_ERR_UNAVAILABLE: 'The site cannot reach its database right now; retry in a few seconds.',
  MH_ERR_MEDIA_UNSUPPORTED: 'The file is not an image Masthead accepts (JPEG, PNG, WebP, GIF or AVIF).',
  MH_ERR_MEDIA_TOO_LARGE: 'The image is over the size or pixel limit.',
  MH_ERR_SIGN_IN_FAILED: 'Wrong email or password.',
  MH_ERR_SIGNED_OUT: 'Sign in to continue.',
  MH_ERR_FORBIDDEN: 'Your role does not allow this.',
  MH_ERR_CSRF: 'The form expired or came from another site; reload the page and try again.',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

/** An expected failure with a machine-readable code and a message a person can act on. */
export class AppError extends Error {
  override readonly name = 'AppError';
  constructor(
    readonly code: ErrorCode,
    message: string = ERROR_CODES[code],
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

/** True when the value is an AppError (also across module copies). */
export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError || (value instanceof Error && value.name === 'AppError' && 'code' in value);
}
