import { describe, expect, test } from 'vitest';
import { parseUser, replaceResource, SCHEMAS } from '@scimflow/scim';
import { asStored, scimErrorOf } from './helpers.js';

const existing = {
  ...asStored(
    parseUser({
      userName: 'ines',
      active: true,
      password: 'Kw7#pTide-2207',
      title: 'Engineer',
      name: { givenName: 'Ines', familyName: 'Ward' },
    }),
  ),
  id: 'u1',
  meta: {
    resourceType: 'User',
    created: '2024-03-04T09:15:00Z',
    lastModified: '2024-03-04T09:15:00Z',
  },
};

describe('replaceResource', () => {
  test('replaces attributes and clears omitted ones', () => {
    const { resource } = replaceResource(
      existing,
      { userName: 'ines', name: { familyName: 'Ward-Lind' } },
      'User',
    );

    expect(resource.name).toEqual({ familyName: 'Ward-Lind' });
    expect(resource).not.toHaveProperty('title');
  });

  test('absent active keeps stored value', () => {
    const inactive = { ...existing, active: false };

    expect(replaceResource(existing, { userName: 'ines' }, 'User').resource.active).toBe(true);
    expect(replaceResource(inactive, { userName: 'ines' }, 'User').resource.active).toBe(false);
  });

  test('sent active wins', () => {
    expect(
      replaceResource(existing, { userName: 'ines', active: 'False' }, 'User').resource.active,
    ).toBe(false);
  });

  test('body id and meta ignored', () => {
    const body = { userName: 'ines', id: 'other', meta: { created: '1999-01-01T00:00:00Z' } };

    const { resource } = replaceResource(existing, body, 'User');

    expect(resource.id).toBe('u1');
    expect(resource.meta).toEqual(existing.meta);
  });

  test('absent or empty password keeps stored one', () => {
    expect(replaceResource(existing, { userName: 'ines' }, 'User').resource.password).toBe(
      'Kw7#pTide-2207',
    );
    expect(
      replaceResource(existing, { userName: 'ines', password: '' }, 'User').resource.password,
    ).toBe('Kw7#pTide-2207');
  });

  test('new password replaces and is redacted in changes', () => {
    const { resource, changes } = replaceResource(
      existing,
      { userName: 'ines', password: 'N3w-secret' },
      'User',
    );

    expect(resource.password).toBe('N3w-secret');
    expect(changes).toContainEqual({ path: 'password' });
    expect(JSON.stringify(changes)).not.toContain('N3w-secret');
  });

  test('SCIM 1.1 body replaces', () => {
    const body = {
      schemas: [SCHEMAS.scim11Core],
      userName: 'ines',
      emails: ['new@example.org'],
      meta: { created: 'x' },
    };

    const { resource } = replaceResource(existing, body, 'User');

    expect(resource.schemas).toEqual([SCHEMAS.coreUser]);
    expect(resource.emails).toEqual([{ value: 'new@example.org', primary: true }]);
  });

  test('lists changes', () => {
    const { changes } = replaceResource(
      existing,
      { userName: 'ines', name: { givenName: 'Ines', familyName: 'Ward-Lind' } },
      'User',
    );

    expect(changes).toEqual([
      { path: 'name.familyName', before: 'Ward', after: 'Ward-Lind' },
      { path: 'title', before: 'Engineer' },
    ]);
  });

  test('rejects a body without userName', () => {
    expect(scimErrorOf(() => replaceResource(existing, { name: {} }, 'User')).scimType).toBe(
      'invalidValue',
    );
  });

  test('group replace keeps id', () => {
    const group = {
      schemas: [SCHEMAS.group],
      id: 'g1',
      displayName: 'Tide Ops',
      members: [{ value: 'u1' }],
    };

    const { resource } = replaceResource(
      group,
      { displayName: 'Tide Operations', members: [] },
      'Group',
    );

    expect(resource).toEqual({
      schemas: [SCHEMAS.group],
      id: 'g1',
      displayName: 'Tide Operations',
    });
  });
});
