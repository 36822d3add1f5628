import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { startTestServers, type TestServers } from '../src/index.js';
import { seedGithub, send } from './helpers.js';

let servers: TestServers;
let seed: ReturnType<typeof seedGithub>;

beforeAll(async () => {
  servers = await startTestServers();
});

afterAll(async () => {
  await servers.close();
});

beforeEach(async () => {
  await servers.reset();
  seed = seedGithub(servers);
});

describe('GitHub users and memberships', () => {
  it('looks up a user by login', async () => {
    const response = await send(seed.url('/users/MONA'), { token: seed.token });

    expect(response.status).toBe(200);
    expect(response.body.login).toBe('mona');
    expect(response.body.id).toBe(seed.mona.id);
    expect(response.body.type).toBe('User');
  });

  it('returns Not Found for an unknown user', async () => {
    const response = await send(seed.url('/users/nobody'), { token: seed.token });

    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ message: 'Not Found' });
    expect(response.body.documentation_url).toMatch(/^https:\/\/docs\.github\.com/);
  });

  it('returns Not Found for unknown routes and trailing slashes', async () => {
    const unknown = await send(seed.url('/orgs/acme/unknown'), { token: seed.token });
    const trailing = await send(seed.url('/users/mona/'), { token: seed.token });

    expect(unknown.status).toBe(404);
    expect(trailing.status).toBe(404);
    expect(trailing.body.message).toBe('Not Found');
  });

  it('sets a membership pending for a non-member and active on acceptance', async () => {
    const put = await send(seed.url('/orgs/acme/memberships/mona'), {
      method: 'PUT',
      token: seed.token,
      body: { role: 'member' },
    });
    const pending = await send(seed.url('/orgs/acme/memberships/mona'), { token: seed.token });
    servers.github.acceptInvitation('acme', servers.github.invitations('acme')[0]!.id);
    const active = await send(seed.url('/orgs/acme/memberships/mona'), { token: seed.token });

    expect(put.status).toBe(200);
    expect(put.body.state).toBe('pending');
    expect(pending.body.state).toBe('pending');
    expect(active.body.state).toBe('active');
    expect(active.body.role).toBe('member');
    expect(active.body.user.login).toBe('mona');
  });

  it('accepts an invitation over the control route', async () => {
    const created = await send(seed.url('/orgs/acme/invitations'), {
      method: 'POST',
      token: seed.token,
      body: { email: 'new@example.com', team_ids: [seed.team.id] },
    });
    const path = `${servers.origin}/__control/github/orgs/acme/invitations/${created.body.id}`;

    const accepted = await send(`${path}/accept`, { method: 'POST', body: { login: 'newbie' } });
    const again = await send(`${path}/accept`, { method: 'POST', body: { login: 'newbie' } });

    expect(accepted.body).toEqual({ accepted: true, login: 'newbie' });
    expect(servers.github.members('acme').newbie).toBe('member');
    expect(servers.github.teamMembers('acme', 'engineering')).toEqual({ newbie: 'member' });
    expect(again.status).toBe(404);
  });

  it("updates an active member's role", async () => {
    servers.github.addMember('acme', 'mona');

    const response = await send(seed.url('/orgs/acme/memberships/mona'), {
      method: 'PUT',
      token: seed.token,
      body: { role: 'admin' },
    });

    expect(response.body).toMatchObject({ state: 'active', role: 'admin' });
    expect(servers.github.members('acme').mona).toBe('admin');
  });

  it('removes a member or cancels a pending invitation', async () => {
    servers.github.addTeamMember('acme', 'engineering', 'mona');
    servers.github.createUser({ login: 'hubot' });
    await send(seed.url('/orgs/acme/memberships/hubot'), { method: 'PUT', token: seed.token });

    const removed = await send(seed.url('/orgs/acme/memberships/mona'), {
      method: 'DELETE',
      token: seed.token,
    });
    const cancelled = await send(seed.url('/orgs/acme/memberships/hubot'), {
      method: 'DELETE',
      token: seed.token,
    });
    const again = await send(seed.url('/orgs/acme/memberships/mona'), { token: seed.token });

    expect(removed.status).toBe(204);
    expect(cancelled.status).toBe(204);
    expect(servers.github.invitations('acme')).toEqual([]);
    expect(servers.github.teamMembers('acme', 'engineering')).toEqual({});
    expect(again.status).toBe(404);
  });

  it('checks and lists members', async () => {
    servers.github.addMember('acme', 'mona');

    const check = await send(seed.url('/orgs/acme/members/mona'), { token: seed.token });
    const missing = await send(seed.url('/orgs/acme/members/ghost'), { token: seed.token });
    const list = await send(seed.url('/orgs/acme/members'), { token: seed.token });
    const removed = await send(seed.url('/orgs/acme/members/mona'), {
      method: 'DELETE',
      token: seed.token,
    });

    expect(check.status).toBe(204);
    expect(missing.status).toBe(404);
    expect(list.body.map((user: { login: string }) => user.login).sort()).toEqual([
      'mona',
      'octo-owner',
    ]);
    expect(removed.status).toBe(204);
    expect(servers.github.members('acme').mona).toBeUndefined();
  });
});

describe('GitHub team memberships', () => {
  it('adds a member to a team', async () => {
    servers.github.addMember('acme', 'mona');

    const put = await send(seed.url('/orgs/acme/teams/engineering/memberships/mona'), {
      method: 'PUT',
      token: seed.token,
      body: { role: 'maintainer' },
    });
    const get = await send(seed.url('/orgs/acme/teams/engineering/memberships/mona'), {
      token: seed.token,
    });

    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ role: 'maintainer', state: 'active' });
    expect(get.body.state).toBe('active');
  });

  it('invites a non-member through a team', async () => {
    const put = await send(seed.url('/orgs/acme/teams/engineering/memberships/mona'), {
      method: 'PUT',
      token: seed.token,
    });
    const invitation = servers.github.invitations('acme')[0]!;
    servers.github.acceptInvitation('acme', invitation.id);

    expect(put.body.state).toBe('pending');
    expect(invitation.teamSlugs).toEqual(['engineering']);
    expect(servers.github.teamMembers('acme', 'engineering')).toEqual({ mona: 'member' });
  });

  it('removes a team member and then returns 404', async () => {
    servers.github.addTeamMember('acme', 'engineering', 'mona');
    const path = seed.url('/orgs/acme/teams/engineering/memberships/mona');

    const removed = await send(path, { method: 'DELETE', token: seed.token });
    const get = await send(path, { token: seed.token });

    expect(removed.status).toBe(204);
    expect(get.status).toBe(404);
  });

  it('rejects changes to an identity-provider synced team', async () => {
    servers.github.createTeam('acme', { name: 'Synced', idpSynced: true });
    servers.github.addMember('acme', 'mona');

    const response = await send(seed.url('/orgs/acme/teams/synced/memberships/mona'), {
      method: 'PUT',
      token: seed.token,
    });

    expect(response.status).toBe(403);
  });

  it('returns 404 for an unknown team', async () => {
    const response = await send(seed.url('/orgs/acme/teams/nope/memberships/mona'), {
      method: 'PUT',
      token: seed.token,
    });

    expect(response.status).toBe(404);
  });

  it('rejects a user who blocked the organization', async () => {
    servers.github.blockOrg('mona', 'acme');

    const response = await send(seed.url('/orgs/acme/teams/engineering/memberships/mona'), {
      method: 'PUT',
      token: seed.token,
    });

    expect(response.status).toBe(422);
  });
});
