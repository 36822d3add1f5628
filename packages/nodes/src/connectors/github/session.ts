import type { NodeRunContext } from '../../define.js';
import { openSession, path, type ApiSession } from '../shared/session.js';

/** Credential types that the GitHub nodes accept. */
export const GITHUB_CREDENTIAL_TYPES = ['github.token', 'github.app'] as const;

/** Opens a session against the credential's GitHub base URL. */
export function openGithub(context: NodeRunContext<unknown>): ApiSession {
  return openSession(context, {
    api: 'GitHub',
    credentialTypes: GITHUB_CREDENTIAL_TYPES,
    baseUrl: (data) => String(data.baseUrl),
  });
}

/** A pending organization invitation, as GitHub lists it. */
export interface GithubInvitation {
  id: number;
  login: string | null;
  email: string | null;
  role: string;
}

/** Invitation pages read at most, at 100 per page, before the search stops. */
const MAX_INVITATION_PAGES = 50;

/** Finds the pending invitation for an email, comparing case-insensitively; paginates the list. */
export async function findInvitationByEmail(
  github: ApiSession,
  org: string,
  email: string,
): Promise<GithubInvitation | undefined> {
  const wanted = email.toLowerCase();

  for (let page = 1; page <= MAX_INVITATION_PAGES; page++) {
    const call = { method: 'GET', path: path`orgs/${org}/invitations` } as const;
    const response = await github.send({ ...call, query: { per_page: 100, page } });
    if (response.status !== 200 || !Array.isArray(response.body)) throw github.fail(call, response);

    const invitations = response.body as GithubInvitation[];
    const match = invitations.find((invitation) => invitation.email?.toLowerCase() === wanted);
    if (match) return match;
    if (invitations.length < 100) return undefined;
  }

  // NOTE: an organization with more than 5,000 pending invitations is searched only in part.
  return undefined;
}

/** Resolves team slugs to the numeric ids that the invitation API takes. */
export async function teamIdsOf(
  github: ApiSession,
  org: string,
  slugs: readonly string[],
): Promise<number[]> {
  const ids: number[] = [];

  for (const slug of slugs) {
    const call = { method: 'GET', path: path`orgs/${org}/teams/${slug}` } as const;
    const response = await github.send(call);
    if (response.status === 404) {
      throw github.configError(
        call.method + ' ' + call.path,
        `team "${slug}" was not found in organization "${org}"`,
        'Use the team slug from the team URL, such as "platform-team".',
      );
    }
    if (response.status !== 200) throw github.fail(call, response);

    ids.push((response.body as { id: number }).id);
  }

  return ids;
}
