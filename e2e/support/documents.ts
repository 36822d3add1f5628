import { DEMO } from './testservers.js';

/** Names of the credentials that `onboardingDocument` refers to. */
export interface CredentialNames {
  github: string;
  google: string;
}

/**
 * Builds a flow document: on a SCIM user created at any endpoint, when the user has an email,
 * invite it to the demo GitHub org and append a roster row; other events go to a log step.
 */
export function onboardingDocument(name: string, credentials: CredentialNames) {
  return {
    formatVersion: 1,
    name,
    description: 'Invites each new user to GitHub and adds a roster row.',
    nodes: [
      {
        id: 'trigger',
        type: 'scim.trigger',
        position: { x: 0, y: 0 },
        config: { endpoint: '*', eventTypes: ['user.created', 'user.updated'] },
      },
      {
        id: 'is_new_with_email',
        type: 'logic.condition',
        position: { x: 0, y: 150 },
        label: 'New user with an email?',
        config: { expression: 'type = "user.created" and $exists(user.emails[0].value)' },
      },
      {
        id: 'invite',
        type: 'github.inviteToOrganization',
        position: { x: -220, y: 300 },
        label: 'Invite to GitHub',
        credential: credentials.github,
        config: {
          org: DEMO.org,
          email: '{{ user.emails[0].value }}',
          role: 'direct_member',
          teams: [],
        },
      },
      {
        id: 'roster_row',
        type: 'sheets.appendRow',
        position: { x: 220, y: 300 },
        label: 'Add to roster',
        credential: credentials.google,
        config: {
          spreadsheetId: DEMO.spreadsheetId,
          sheet: DEMO.tab,
          values: {
            email: '{{ user.emails[0].value }}',
            givenName: '{{ user.name.givenName }}',
            familyName: '{{ user.name.familyName }}',
            status: 'invited',
          },
          valueInputOption: 'RAW',
        },
      },
      {
        id: 'not_new',
        type: 'logic.log',
        position: { x: 400, y: 150 },
        label: 'Nothing to provision',
        config: { level: 'info', message: '{{ type }} for {{ user.userName }}' },
      },
    ],
    edges: [
      { id: 'e1', source: 'trigger', sourceHandle: 'out', target: 'is_new_with_email' },
      { id: 'e2', source: 'is_new_with_email', sourceHandle: 'true', target: 'invite' },
      { id: 'e3', source: 'is_new_with_email', sourceHandle: 'true', target: 'roster_row' },
      { id: 'e4', source: 'is_new_with_email', sourceHandle: 'false', target: 'not_new' },
    ],
    credentials: [
      { name: credentials.github, type: 'github.token' },
      { name: credentials.google, type: 'google.serviceAccount' },
    ],
  };
}
