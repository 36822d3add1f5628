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

describe('GitHub invitations', () => {
  it('creates an email invitation with teams', async () => {
    const response = await send(seed.url('/orgs/acme/invitations'), {
      method: 'POST',
      token: seed.token,
      body: { email: 'new.hire@example.com', role: 'direct_member', team_ids: [seed.team.id] },
    });

    expect(response.status).toBe(201);
    expect(response.body.email).toBe('new.hire@example.com');
    expect(response.body.login).toBeNull();
    expect(response.body.role).toBe('direct_member');
    expect(response.body.team_count).toBe(1);
    expect(response.body.inviter.login).toBe('octo-owner');
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(servers.github.invitations('acme')).toHaveLength(1);
  });

  it('creates an invitation by invitee id', async () => {
    const response = await send(seed.url('/orgs/acme/invitations'), {
      method: 'POST',
      token: seed.token,
      body: { invitee_id: seed.mona.id },
    });

    expect(response.status).toBe(201);
    expect(response.body.login).toBe('mona');
    expect(response.body.role).toBe('direct_member');
  });

  it.each([
    ['neither email nor invitee_id', {}, 'Invite requires either user or email'],
    [
      'both email and invitee_id',
      { email: 'a@example.com', invitee_id: 1001 },
      'Invitation can only be delivered to either user or email',
    ],
  ])('rejects %s with 422', async (_case, body, message) => {
    const response = await send(seed.url('/orgs/acme/invitations'), {
      method: 'POST',
      token: seed.token,
      body,
    });

    expect(response.status).toBe(422);
    expect(response.body.message).toBe('Validation Failed');
    expect(response.body.status).toBe('422');
    expect(response.body.errors[0]).toEqual({
      resource: 'OrganizationInvitation',
      code: 'unprocessable',
      field: 'data',
      message,
    });
  });

  it('rejects inviting a member by id', async () => {
    servers.github.addMember('acme', 'mona');

    const response = await send(seed.url('/orgs/acme/invitations'), {
      method: 'POST',
      token: seed.token,
      body: { invitee_id: seed.mona.id },
    });

    expect(response.status).toBe(422);
    expect(response.body.errors[0].message).toBe('Invitee is already a part of this organization');
  });

  it("rejects inviting a member's email", async () => {
    servers.github.addMember('acme', 'mona');

    const response = await send(seed.url('/orgs/acme/invitations'), {
      method: 'POST',
      token: seed.token,
      body: { email: 'MONA@example.com' },
    });

    expect(response.status).toBe(422);
    expect(response.body.errors[0].message).toMatch(/already a part of this organization/i);
  });

  it('rejects a second invitation for the same email', async () => {
    const invite = { method: 'POST', token: seed.token, body: { email: 'x@example.com' } };
    await send(seed.url('/orgs/acme/invitations'), invite);

    const response = await send(seed.url('/orgs/acme/invitations'), invite);

    expect(response.status).toBe(422);
    expect(response.body.errors[0].message).toMatch(/already.*invitation/i);
  });

  it('returns the pending invitation when configured to', async () => {
    servers.github.configure({ duplicateInvitation: 'returnExisting' });
    const invite = { method: 'POST', token: seed.token, body: { email: 'x@example.com' } };
    const first = await send(seed.url('/orgs/acme/invitations'), invite);

    const second = await send(seed.url('/orgs/acme/invitations'), invite);

    expect(second.status).toBe(201);
    expect(second.body.id).toBe(first.body.id);
  });

  it('rejects unknown team ids and roles', async () => {
    const badTeam = await send(seed.url('/orgs/acme/invitations'), {
      method: 'POST',
      token: seed.token,
      body: { email: 'x@example.com', team_ids: [999999] },
    });
    const badRole = await send(seed.url('/orgs/acme/invitations'), {
      method: 'POST',
      token: seed.token,
      body: { email: 'x@example.com', role: 'owner' },
    });

    expect(badTeam.status).toBe(422);
    expect(badTeam.body.errors[0].field).toBe('team_ids');
    expect(badRole.status).toBe(422);
    expect(badRole.body.errors[0].field).toBe('role');
  });

  it('stops at the invitation quota', async () => {
    servers.github.configure({ invitationQuota: 1 });
    await send(seed.url('/orgs/acme/invitations'), {
      method: 'POST',
      token: seed.token,
      body: { email: 'one@example.com' },
    });

    const response = await send(seed.url('/orgs/acme/invitations'), {
      method: 'POST',
      token: seed.token,
      body: { email: 'two@example.com' },
    });

    expect(response.status).toBe(422);
    expect(response.body.errors[0].message).toBe('Over invitation rate limit');
  });

  it('lists pending invitations in pages with a Link header', async () => {
    for (const name of ['a', 'b', 'c']) {
      await send(seed.url('/orgs/acme/invitations'), {
        method: 'POST',
        token: seed.token,
        body: { email: `${name}@example.com` },
      });
    }

    const first = await send(seed.url('/orgs/acme/invitations?per_page=2'), { token: seed.token });
    const second = await send(seed.url('/orgs/acme/invitations?per_page=2&page=2'), {
      token: seed.token,
    });

    expect(first.body.map((item: { email: string }) => item.email)).toEqual([
      'a@example.com',
      'b@example.com',
    ]);
    expect(first.headers.get('link')).toContain('per_page=2&page=2>; rel="next"');
    expect(second.body).toHaveLength(1);
    expect(second.headers.get('link')).toContain('rel="prev"');
  });

  it('cancels an invitation once', async () => {
    const created = await send(seed.url('/orgs/acme/invitations'), {
      method: 'POST',
      token: seed.token,
      body: { email: 'x@example.com' },
    });
    const path = seed.url(`/orgs/acme/invitations/${created.body.id}`);

    const first = await send(path, { method: 'DELETE', token: seed.token });
    const second = await send(path, { method: 'DELETE', token: seed.token });

    expect(first.status).toBe(204);
    expect(second.status).toBe(404);
    expect(second.body.message).toBe('Not Found');
  });

  it('moves an expired invitation to the failed list', async () => {
    const created = await send(seed.url('/orgs/acme/invitations'), {
      method: 'POST',
      token: seed.token,
      body: { email: 'x@example.com' },
    });
    servers.github.expireInvitation('acme', created.body.id);

    const failed = await send(seed.url('/orgs/acme/failed_invitations'), { token: seed.token });
    const pending = await send(seed.url('/orgs/acme/invitations'), { token: seed.token });

    expect(failed.body[0].failed_reason).toBe('expired');
    expect(pending.body).toEqual([]);
  });

  it('lists the teams of an invitation', async () => {
    const created = await send(seed.url('/orgs/acme/invitations'), {
      method: 'POST',
      token: seed.token,
      body: { email: 'x@example.com', team_ids: [seed.team.id] },
    });

    const teams = await send(seed.url(`/orgs/acme/invitations/${created.body.id}/teams`), {
      token: seed.token,
    });

    expect(teams.body.map((team: { slug: string }) => team.slug)).toEqual(['engineering']);
  });

  it('filters pending invitations by role and source', async () => {
    await send(seed.url('/orgs/acme/invitations'), {
      method: 'POST',
      token: seed.token,
      body: { email: 'boss@example.com', role: 'admin' },
    });
    await send(seed.url('/orgs/acme/invitations'), {
      method: 'POST',
      token: seed.token,
      body: { email: 'dev@example.com' },
    });

    const admins = await send(seed.url('/orgs/acme/invitations?role=admin'), { token: seed.token });
    const scim = await send(seed.url('/orgs/acme/invitations?invitation_source=scim'), {
      token: seed.token,
    });
    const invalid = await send(seed.url('/orgs/acme/invitations?role=owner'), {
      token: seed.token,
    });

    expect(admins.body.map((item: { email: string }) => item.email)).toEqual(['boss@example.com']);
    expect(scim.body).toEqual([]);
    expect(invalid.status).toBe(422);
  });
});
