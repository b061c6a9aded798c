/** The one error type of the server: a stable code for programs, a Russian message for people. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const ERROR_STATUS = {
  validation_failed: 400,
  bad_request: 400,
  unauthenticated: 401,
  invalid_credentials: 401,
  forbidden: 403,
  cross_site_refused: 403,
  not_found: 404,
  conflict: 409,
  version_conflict: 409,
  payload_too_large: 413,
  data_locked: 423,
  rate_limited: 429,
  internal: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export const notFound = (what: string) => new AppError('not_found', `${what} не найден(а).`);
export const forbidden = (message = 'Недостаточно прав для этого действия.') =>
  new AppError('forbidden', message);
export const versionConflict = () =>
  new AppError(
    'version_conflict',
    'Запись уже изменил другой пользователь. Обновите страницу, чтобы увидеть его изменения, и повторите правку.',
  );
