/** GitHub's error bodies, as the REST API (version 2022-11-28) returns them. */

const docsRoot = 'https://docs.github.com/rest';

/** One item of a 422 body's `errors` array. */
export interface GithubValidationError {
  resource: string;
  code: 'missing' | 'missing_field' | 'invalid' | 'already_exists' | 'unprocessable' | 'custom';
  field: string;
  message?: string;
}

/** An error that a route throws and the plugin's error handler turns into GitHub's body. */
export class GithubError extends Error {
  constructor(
    readonly status: number,
    readonly body: Record<string, unknown>,
    readonly headers: Record<string, string> = {},
  ) {
    super(String(body.message));
  }
}

export function notFound(): GithubError {
  return new GithubError(404, { message: 'Not Found', documentation_url: docsRoot, status: '404' });
}

export function badCredentials(): GithubError {
  return new GithubError(401, {
    message: 'Bad credentials',
    documentation_url: docsRoot,
    status: '401',
  });
}

export function forbidden(message: string, headers: Record<string, string> = {}): GithubError {
  return new GithubError(403, { message, documentation_url: docsRoot, status: '403' }, headers);
}

export function badRequest(message: string): GithubError {
  return new GithubError(400, { message, documentation_url: docsRoot, status: '400' });
}

/** Builds a 422 "Validation Failed" with one item in `errors`. */
export function validationFailed(
  error: GithubValidationError,
  documentationPath = '',
): GithubError {
  return new GithubError(422, {
    message: 'Validation Failed',
    errors: [error],
    documentation_url: `${docsRoot}${documentationPath}`,
    status: '422',
  });
}

/** Builds a 422 about an organization invitation, in the shape GitHub uses for invitation conflicts. */
export function invitationUnprocessable(message: string): GithubError {
  return validationFailed(
    { resource: 'OrganizationInvitation', code: 'unprocessable', field: 'data', message },
    '/orgs/members#create-an-organization-invitation',
  );
}

export function primaryRateLimitBody(identity: string): Record<string, unknown> {
  return {
    message: `API rate limit exceeded for ${identity}.`,
    documentation_url: `${docsRoot}/overview/rate-limits-for-the-rest-api`,
  };
}

export function secondaryRateLimitBody(): Record<string, unknown> {
  return {
    message:
      'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
    documentation_url: `${docsRoot}/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits`,
  };
}

export function serverErrorBody(): Record<string, unknown> {
  return { message: 'Server Error' };
}
