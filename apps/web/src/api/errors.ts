import type { Problem } from './types.js';

/**
 * A failed admin API request: the HTTP status, the server's stable error code and message,
 * and validation problems when the server returned them.
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly request: string,
    readonly problems: Problem[] = [],
  ) {
    super(message);
  }

  /** True when the session is missing or expired, so the user must sign in again. */
  get isUnauthorized(): boolean {
    return this.status === 401;
  }
}

/** Reads the `{error: {code, message, problems}}` body the admin API sends with a failure. */
export async function toApiError(response: Response, request: string): Promise<ApiError> {
  const text = await response.text().catch(() => '');
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }

  const error = isRecord(body) && isRecord(body.error) ? body.error : undefined;
  const code = typeof error?.code === 'string' ? error.code : `http_${response.status}`;
  const problems = Array.isArray(error?.problems) ? (error.problems as Problem[]) : [];
  const message =
    typeof error?.message === 'string' && error.message
      ? error.message
      : `${request} failed with HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}.`;

  return new ApiError(response.status, code, message, request, problems);
}

/** Describes any thrown value as a sentence naming what failed and what to try next. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 0)
      return `${error.message} Check that the ScimFlow server is running, then retry.`;
    if (error.status >= 500)
      return `${error.message} The server failed; retry, and check the server log if it fails again.`;
    return error.message;
  }

  if (error instanceof Error) return error.message;
  return String(error);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
