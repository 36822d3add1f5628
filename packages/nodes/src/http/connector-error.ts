import type { HttpResponse } from '../define.js';
import { serverRequestedDelay } from './backoff.js';
import { isRateLimited, isServerFailure } from './classify.js';
import { HttpTransportError } from './errors.js';

/** Stable codes of connector errors. */
export type ConnectorErrorCode =
  /** The API returned a status that the connector does not treat as success. */
  | 'api_status'
  /** No response arrived: timeout, lost connection or abort. */
  | 'transport'
  /** The credential is missing, of the wrong type or malformed. */
  | 'credential'
  /** The node's config cannot work against the API's data, such as an unknown sheet column. */
  | 'config'
  /** The request's host, or a redirect's, is not on the server's host allowlist. */
  | 'host_not_allowed';

export interface ConnectorErrorInit {
  code: ConnectorErrorCode;
  /** The API's name: `GitHub`, `Google Directory`, `Google Sheets`, `Google OAuth2`, `HTTP`. */
  api: string;
  /** The attempted operation, such as `POST /orgs/acme/invitations`. */
  operation: string;
  status?: number;
  /** The API's own error message. */
  apiMessage?: string;
  /** The next step for the user, such as the setting to correct. */
  fix: string;
  retryable: boolean;
  /** The wait the API asked for, when it asked for one. */
  retryAfterMs?: number;
  /** Secret values to cut out of the message, such as the credential's token. */
  secrets?: readonly string[];
}

/**
 * The error every connector throws. Its message names the API, the operation, the status, the
 * API's own message and the fix. `retryable` is true when a later retry may succeed.
 */
export class ConnectorError extends Error {
  override readonly name = 'ConnectorError';
  readonly code: ConnectorErrorCode;
  readonly api: string;
  readonly operation: string;
  readonly status: number | undefined;
  readonly apiMessage: string | undefined;
  readonly retryable: boolean;
  readonly retryAfterMs: number | undefined;

  constructor(init: ConnectorErrorInit) {
    const secrets = init.secrets ?? [];
    const apiMessage =
      init.apiMessage === undefined ? undefined : redactText(init.apiMessage, secrets);
    const status = init.status === undefined ? '' : ` with status ${init.status}`;
    const apiDetail = apiMessage ? `: ${apiMessage}` : '';
    super(
      redactText(`${init.api} ${init.operation} failed${status}${apiDetail}. ${init.fix}`, secrets),
    );

    this.code = init.code;
    this.api = init.api;
    this.operation = redactText(init.operation, secrets);
    this.status = init.status;
    this.apiMessage = apiMessage;
    this.retryable = init.retryable;
    this.retryAfterMs = init.retryAfterMs;
  }
}

/**
 * Builds the `ConnectorError` for a response that the connector does not treat as success.
 * `fix` overrides the advice picked by status.
 */
export function errorFromResponse(
  api: string,
  operation: string,
  response: HttpResponse,
  options: { fix?: string; secrets?: readonly string[] } = {},
): ConnectorError {
  const retryable = isRateLimited(response) || isServerFailure(response);
  const retryAfterMs = retryable ? serverRequestedDelay(response, Date.now()) : undefined;

  return new ConnectorError({
    code: 'api_status',
    api,
    operation,
    status: response.status,
    apiMessage: apiMessageOf(response.body),
    fix: options.fix ?? fixForStatus(response.status, retryable),
    retryable,
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    ...(options.secrets ? { secrets: options.secrets } : {}),
  });
}

/** The advice for a connector whose credential sets the base URL, such as GitHub and Google. */
const CHECK_CREDENTIAL_BASE_URL =
  'Check that the base URL in the credential is reachable; the step can be retried.';

/**
 * Wraps a transport failure from the HTTP client in a `ConnectorError`; rethrows anything else.
 * The URL is named once: after an operation that names only the path, such as GitHub's
 * `POST /orgs/acme/invitations`, and not again after one that names the URL. `reachFix` is the
 * advice when no response arrived: where the URL comes from depends on the connector, so the
 * HTTP request node passes its own.
 */
export function errorFromTransport(
  api: string,
  operation: string,
  error: unknown,
  secrets?: readonly string[],
  reachFix: string = CHECK_CREDENTIAL_BASE_URL,
): ConnectorError {
  if (!(error instanceof HttpTransportError)) throw error;

  return new ConnectorError({
    code: 'transport',
    api,
    operation,
    apiMessage: operation.includes(error.url)
      ? error.summary
      : `request to ${error.url} ${error.summary}`,
    fix: error.retryable ? reachFix : 'The execution was cancelled.',
    retryable: error.retryable,
    ...(secrets ? { secrets } : {}),
  });
}

/**
 * Returns the error message from the error bodies of GitHub (`message` and `errors[].message`),
 * Google (`error.message`) and OAuth2 (`error_description`), or a short text body.
 */
export function apiMessageOf(body: unknown): string | undefined {
  if (typeof body === 'string') return body.slice(0, 300) || undefined;
  if (typeof body !== 'object' || body === null) return undefined;

  const record = body as Record<string, unknown>;
  if (typeof record.error === 'object' && record.error !== null) {
    const message = (record.error as Record<string, unknown>).message;
    if (typeof message === 'string') return message;
  }
  if (typeof record.error === 'string') {
    const description =
      typeof record.error_description === 'string' ? ` (${record.error_description})` : '';
    return `${record.error}${description}`;
  }
  if (typeof record.message === 'string') {
    const details = Array.isArray(record.errors)
      ? record.errors
          .map((item) =>
            typeof item === 'object' && item !== null
              ? (item as Record<string, unknown>).message
              : undefined,
          )
          .filter((message): message is string => typeof message === 'string')
      : [];
    return details.length > 0 ? `${record.message}: ${details.join('; ')}` : record.message;
  }
  return undefined;
}

/** Replaces every secret value of four or more characters with `[redacted]`. */
export function redactText(text: string, secrets: readonly string[]): string {
  let result = text;
  for (const secret of secrets) {
    if (secret.length < 4) continue;
    result = result.split(secret).join('[redacted]');
  }
  return result;
}

function fixForStatus(status: number, retryable: boolean): string {
  if (retryable) return 'The API is rate limiting or failing; the step can be retried later.';
  if (status === 401) return 'Check the credential: the token or key was rejected.';
  if (status === 403) return "Grant the credential's account the permission this operation needs.";
  if (status === 404)
    return 'Check the names and ids in the node config and that the credential can see them.';
  if (status === 400 || status === 409 || status === 422)
    return 'Correct the config value that the API names.';
  return 'Check the node config and the credential.';
}

/** Returns a copy of a JSON value with every secret cut out of its strings and keys. */
export function redactDeep(value: unknown, secrets: readonly string[]): unknown {
  if (secrets.length === 0) return value;
  if (typeof value === 'string') return redactText(value, secrets);
  if (Array.isArray(value)) return value.map((item) => redactDeep(item, secrets));
  if (typeof value !== 'object' || value === null) return value;

  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [
      redactText(key, secrets),
      redactDeep(item, secrets),
    ]),
  );
}
