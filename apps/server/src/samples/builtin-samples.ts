import type { ProvisioningEvent } from '@scimflow/flow';

/** A sample event that the designer offers for test runs. */
export interface Sample {
  id: string;
  label: string;
  source: 'builtin' | 'recorded';
  event: ProvisioningEvent;
}

const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
const ENTERPRISE_SCHEMA = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const GROUP_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const ACCEPTED_AT = '2026-01-05T09:30:00.000Z';

/** A new hire as Asgardeo sends one, with the enterprise extension. */
const asgardeoUser = {
  schemas: [USER_SCHEMA, ENTERPRISE_SCHEMA],
  id: '7d2b1c3e-4f5a-4b6c-8d9e-0a1b2c3d4e5f',
  externalId: 'a1b2c3d4-0000-4000-8000-000000000001',
  userName: 'DEFAULT/kim.lee@example.com',
  name: { givenName: 'Kim', familyName: 'Lee', formatted: 'Kim Lee' },
  displayName: 'Kim Lee',
  emails: [{ value: 'kim.lee@example.com', primary: true, type: 'work' }],
  phoneNumbers: [{ value: '+94771234567', type: 'mobile' }],
  title: 'Software Engineer',
  active: true,
  [ENTERPRISE_SCHEMA]: {
    employeeNumber: 'E-1042',
    costCenter: 'R&D',
    organization: 'Example Corp',
    department: 'Engineering',
    manager: { value: '3f1e0b9a-1111-4222-8333-444455556666', displayName: 'Ana Silva' },
  },
};

const asgardeoGroup = {
  schemas: [GROUP_SCHEMA],
  id: '5c4b3a29-8d7e-4f60-9a1b-2c3d4e5f6a7b',
  displayName: 'DEFAULT/engineering',
  members: [{ value: asgardeoUser.id, display: asgardeoUser.userName }],
};

const oktaUser = {
  schemas: [USER_SCHEMA],
  id: '00u1a2b3c4d5e6f7g8h9',
  externalId: '00u1a2b3c4d5e6f7g8h9',
  userName: 'sam.rivera@example.com',
  name: { givenName: 'Sam', familyName: 'Rivera' },
  displayName: 'Sam Rivera',
  emails: [{ value: 'sam.rivera@example.com', primary: true, type: 'work' }],
  locale: 'en-US',
  active: true,
};

const entraUser = {
  schemas: [USER_SCHEMA, ENTERPRISE_SCHEMA],
  id: '9e8d7c6b-5a49-4382-9170-6f5e4d3c2b1a',
  externalId: 'alex.chen',
  userName: 'alex.chen@example.onmicrosoft.com',
  name: { givenName: 'Alex', familyName: 'Chen', formatted: 'Alex Chen' },
  displayName: 'Alex Chen',
  emails: [{ value: 'alex.chen@example.com', primary: true, type: 'work' }],
  title: 'Product Manager',
  active: true,
  [ENTERPRISE_SCHEMA]: { department: 'Product', employeeNumber: '2048' },
};

function event(
  id: string,
  fields: Omit<ProvisioningEvent, 'id' | 'acceptedAt' | 'changes'> & {
    changes?: ProvisioningEvent['changes'];
  },
): ProvisioningEvent {
  return { id: `sample-${id}`, acceptedAt: ACCEPTED_AT, changes: [], ...fields };
}

const deactivatedAsgardeoUser = { ...asgardeoUser, active: false };
const deactivatedOktaUser = { ...oktaUser, active: false };
const retitledEntraUser = { ...entraUser, title: 'Senior Product Manager' };

/** Built-in sample events from Asgardeo, Okta and Entra ID, as the SCIM endpoint would record them. */
export const builtinSamples: readonly Sample[] = [
  {
    id: 'asgardeo-user-created',
    label: 'Asgardeo: user created (enterprise extension)',
    source: 'builtin',
    event: event('asgardeo-user-created', {
      type: 'user.created',
      endpoint: 'default',
      dialect: 'asgardeo-scim2',
      resourceType: 'User',
      resourceId: asgardeoUser.id,
      user: asgardeoUser,
      before: null,
      after: asgardeoUser,
    }),
  },
  {
    id: 'asgardeo-user-deactivated',
    label: 'Asgardeo: user deactivated',
    source: 'builtin',
    event: event('asgardeo-user-deactivated', {
      type: 'user.deactivated',
      endpoint: 'default',
      dialect: 'asgardeo-scim2',
      resourceType: 'User',
      resourceId: asgardeoUser.id,
      user: deactivatedAsgardeoUser,
      before: asgardeoUser,
      after: deactivatedAsgardeoUser,
      changes: [{ path: 'active', before: true, after: false }],
    }),
  },
  {
    id: 'asgardeo-user-deleted',
    label: 'Asgardeo: user deleted',
    source: 'builtin',
    event: event('asgardeo-user-deleted', {
      type: 'user.deleted',
      endpoint: 'default',
      dialect: 'asgardeo-scim2',
      resourceType: 'User',
      resourceId: asgardeoUser.id,
      user: asgardeoUser,
      before: asgardeoUser,
      after: null,
    }),
  },
  {
    id: 'asgardeo-group-member-added',
    label: 'Asgardeo: member added to group',
    source: 'builtin',
    event: event('asgardeo-group-member-added', {
      type: 'group.member_added',
      endpoint: 'default',
      dialect: 'asgardeo-scim2',
      resourceType: 'Group',
      resourceId: asgardeoGroup.id,
      group: asgardeoGroup,
      before: { ...asgardeoGroup, members: [] },
      after: asgardeoGroup,
      changes: [{ path: 'members', after: asgardeoGroup.members }],
      member: { value: asgardeoUser.id, display: asgardeoUser.userName },
    }),
  },
  {
    id: 'okta-user-created',
    label: 'Okta: user created',
    source: 'builtin',
    event: event('okta-user-created', {
      type: 'user.created',
      endpoint: 'default',
      dialect: 'okta',
      resourceType: 'User',
      resourceId: oktaUser.id,
      user: oktaUser,
      before: null,
      after: oktaUser,
    }),
  },
  {
    id: 'okta-user-deactivated',
    label: 'Okta: user deactivated',
    source: 'builtin',
    event: event('okta-user-deactivated', {
      type: 'user.deactivated',
      endpoint: 'default',
      dialect: 'okta',
      resourceType: 'User',
      resourceId: oktaUser.id,
      user: deactivatedOktaUser,
      before: oktaUser,
      after: deactivatedOktaUser,
      changes: [{ path: 'active', before: true, after: false }],
    }),
  },
  {
    id: 'entra-user-created',
    label: 'Entra ID: user created',
    source: 'builtin',
    event: event('entra-user-created', {
      type: 'user.created',
      endpoint: 'default',
      dialect: 'entra',
      resourceType: 'User',
      resourceId: entraUser.id,
      user: entraUser,
      before: null,
      after: entraUser,
    }),
  },
  {
    id: 'entra-user-updated',
    label: 'Entra ID: user title changed',
    source: 'builtin',
    event: event('entra-user-updated', {
      type: 'user.updated',
      endpoint: 'default',
      dialect: 'entra',
      resourceType: 'User',
      resourceId: entraUser.id,
      user: retitledEntraUser,
      before: entraUser,
      after: retitledEntraUser,
      changes: [{ path: 'title', before: entraUser.title, after: retitledEntraUser.title }],
    }),
  },
];
