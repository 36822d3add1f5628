import type { CredentialType, HttpResponse, NodeRunContext } from '../../define.js';
import {
  authenticate,
  forgetToken,
  parseCredential,
  secretValuesOf,
} from '../../credentials/index.js';
import {
  ConnectorError,
  errorFromResponse,
  errorFromTransport,
  joinUrl,
  sendRequest,
  type ClientRequest,
} from '../../http/index.js';

/** One API call, relative to the session's base URL. */
export interface ApiCall extends Omit<ClientRequest, 'url'> {
  /** Path below the base URL, with every parameter already encoded; see `path`. */
  path: string;
}

/** An authenticated connection to one API for one node run. */
export interface ApiSession {
  /** The API's name in error messages. */
  api: string;
  baseUrl: string;
  /** Sends an authenticated call; turns a transport failure into a `ConnectorError`. */
  send(call: ApiCall): Promise<HttpResponse>;
  /** Builds the `ConnectorError` for a response that is not success, with the credential's secrets cut out. */
  fail(
    call: Pick<ApiCall, 'method' | 'path'>,
    response: HttpResponse,
    fix?: string,
  ): ConnectorError;
  /** Builds a `ConnectorError` for a config that cannot work against the API's data. */
  configError(operation: string, problem: string, fix: string): ConnectorError;
}

export interface SessionOptions {
  api: string;
  credentialTypes: readonly CredentialType[];
  /** Reads the base URL from the parsed credential data. */
  baseUrl: (data: Record<string, unknown>) => string;
  /** OAuth2 scopes for Google credentials. */
  scopes?: readonly string[];
}

/** Opens a session: checks the node's credential, then authenticates every call with it. */
export function openSession(context: NodeRunContext<unknown>, options: SessionOptions): ApiSession {
  const credential = context.credential;
  if (!credential || !options.credentialTypes.includes(credential.type)) {
    throw new ConnectorError({
      code: 'credential',
      api: options.api,
      operation: 'run',
      apiMessage: credential
        ? `credential "${credential.name}" has type ${credential.type}`
        : 'no credential is selected',
      fix: `Select a credential of type ${options.credentialTypes.join(' or ')} in the node.`,
      retryable: false,
    });
  }

  const data = parseCredential(credential, credential.type) as Record<string, unknown>;
  const baseUrl = options.baseUrl(data);
  const secrets = secretValuesOf(credential);

  const describe = (call: Pick<ApiCall, 'method' | 'path'>) =>
    `${call.method} ${new URL(joinUrl(baseUrl, call.path)).pathname}`;

  return {
    api: options.api,
    baseUrl,

    async send(call) {
      const { path, ...rest } = call;
      const request: ClientRequest = {
        ...rest,
        url: joinUrl(baseUrl, path),
        signal: call.signal ?? context.signal,
      };
      const authContext = {
        http: context.http,
        ...(options.scopes ? { scopes: options.scopes } : {}),
      };

      try {
        const response = await sendRequest(
          context.http,
          await authenticate(credential, request, authContext),
        );
        if (response.status !== 401 || !mintsTokens(credential.type)) return response;

        // A cached token that the API revoked before its expiry: mint a new one and try once more.
        forgetToken(credential, authContext);
        return await sendRequest(
          context.http,
          await authenticate(credential, request, authContext),
        );
      } catch (error) {
        if (error instanceof ConnectorError) throw error;
        throw errorFromTransport(options.api, describe(call), error, secrets);
      }
    },

    fail(call, response, fix) {
      return errorFromResponse(options.api, describe(call), response, {
        secrets,
        ...(fix ? { fix } : {}),
      });
    },

    configError(operation, problem, fix) {
      return new ConnectorError({
        code: 'config',
        api: options.api,
        operation,
        apiMessage: problem,
        fix,
        retryable: false,
        secrets,
      });
    },
  };
}

function mintsTokens(type: CredentialType): boolean {
  return type === 'github.app' || type === 'google.serviceAccount';
}

/** Builds a path from a template's literal parts and parameters, encoding each parameter. */
export function path(strings: TemplateStringsArray, ...parameters: (string | number)[]): string {
  return strings.reduce((result, part, index) => {
    const parameter = parameters[index - 1];
    return result + encodeURIComponent(String(parameter)) + part;
  });
}

/** Returns whether the status is 2xx. */
export function isSuccess(response: HttpResponse): boolean {
  return response.status >= 200 && response.status < 300;
}
