/** The only error codes that cross the API boundary. */
export const ERROR_CODES = [
  'invalid_input',
  'unauthenticated',
  'forbidden',
  'not_found',
  'conflict',
  'locked',
  'internal',
  /** The database is damaged: Keel runs only its recovery screen (restore, or look read-only). */
  'damaged',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** One problem with one field of an input, e.g. `{ path: "manager.password", message: "Use at least 10 characters" }`. */
export interface FieldIssue {
  path: string;
  message: string;
}

export interface ApiError {
  code: ErrorCode;
  message: string;
  issues?: FieldIssue[];
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/**
 * The one error type a handler or a data function throws. Its message is shown to
 * the user as it is, so it says what happened and what to do, in plain words.
 */
export class KeelError extends Error {
  readonly code: ErrorCode;
  readonly issues: FieldIssue[] | undefined;

  constructor(code: ErrorCode, message: string, issues?: FieldIssue[]) {
    super(message);
    this.name = 'KeelError';
    this.code = code;
    this.issues = issues;
  }

  toApiError(): ApiError {
    return this.issues ? { code: this.code, message: this.message, issues: this.issues } : { code: this.code, message: this.message };
  }
}

/** An invalid_input error about one field. */
export function fieldError(path: string, message: string): KeelError {
  return new KeelError('invalid_input', `${labelOfPath(path)}: ${message}`, [{ path, message }]);
}

function labelOfPath(path: string): string {
  return path === '' ? 'Input' : path;
}

export const HTTP_STATUS: Record<ErrorCode, number> = {
  invalid_input: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  locked: 423,
  internal: 500,
  damaged: 503,
};
