/** Google's error bodies: the OAuth2 token endpoint's and the APIs' `{error: {...}}` envelope. */

/** One item of the classic envelope's `errors` array. */
export interface GoogleErrorItem {
  message: string;
  domain: string;
  reason: string;
  location?: string;
  locationType?: string;
}

/** An error that a Google route throws; the plugin's error handler sends `body` with `status`. */
export class GoogleError extends Error {
  constructor(
    readonly status: number,
    readonly body: Record<string, unknown>,
    readonly headers: Record<string, string> = {},
  ) {
    super(JSON.stringify(body));
  }
}

const statusNames: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  409: 'ALREADY_EXISTS',
  412: 'FAILED_PRECONDITION',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  502: 'UNAVAILABLE',
  503: 'UNAVAILABLE',
  504: 'DEADLINE_EXCEEDED',
};

/** Returns the canonical gRPC status name that Google puts in `error.status`. */
export function statusName(code: number): string {
  return statusNames[code] ?? (code >= 500 ? 'INTERNAL' : 'FAILED_PRECONDITION');
}

/**
 * Builds an error in the classic envelope that the Admin SDK sends:
 * `{error: {code, message, errors: [{message, domain, reason}], status}}`.
 */
export function classicError(
  code: number,
  message: string,
  reason: string,
  extra: Partial<GoogleErrorItem> = {},
): GoogleError {
  return new GoogleError(code, {
    error: {
      code,
      message,
      errors: [{ message, domain: 'global', reason, ...extra }],
      status: statusName(code),
    },
  });
}

/** Builds an error in the newer envelope that the Sheets API v4 sends: `{error: {code, message, status}}`. */
export function statusError(code: number, message: string, details?: unknown[]): GoogleError {
  const error: Record<string, unknown> = { code, message, status: statusName(code) };
  if (details !== undefined) error.details = details;
  return new GoogleError(code, { error });
}

/** Builds an OAuth2 token endpoint error: `{error, error_description}`. */
export function oauthError(status: number, error: string, description: string): GoogleError {
  return new GoogleError(status, { error, error_description: description });
}

const credentialHelp =
  'Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.';

/** 401 for a request without `Authorization`. */
export function missingCredential(classic: boolean): GoogleError {
  const message = `Request is missing required authentication credential. ${credentialHelp}`;
  if (!classic) return statusError(401, message);
  return classicError(401, message, 'required', {
    message: 'Login Required.',
    location: 'Authorization',
    locationType: 'header',
  });
}

/** 401 for an unknown or expired access token. */
export function invalidCredential(classic: boolean): GoogleError {
  const message = `Request had invalid authentication credentials. ${credentialHelp}`;
  if (!classic) return statusError(401, message);
  return classicError(401, message, 'authError', {
    message: 'Invalid Credentials',
    location: 'Authorization',
    locationType: 'header',
  });
}

/** 403 for a token without the scope that the method needs. */
export function insufficientScopes(classic: boolean): GoogleError {
  const message = 'Request had insufficient authentication scopes.';
  const details = [
    {
      '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
      reason: 'ACCESS_TOKEN_SCOPE_INSUFFICIENT',
      domain: 'googleapis.com',
    },
  ];
  if (!classic) return statusError(403, message, details);
  return classicError(403, message, 'insufficientPermissions', {
    message: 'Insufficient Permission',
  });
}
