import { FLOW_FORMAT_VERSION, type FlowDocument } from '@scimflow/flow';

/** Builds a publishable flow: a SCIM trigger on user.created followed by a log node. */
export function loggingFlow(name: string): FlowDocument {
  return {
    formatVersion: FLOW_FORMAT_VERSION,
    name,
    description: 'Logs each new user',
    nodes: [
      {
        id: 'trigger',
        type: 'scim.trigger',
        position: { x: 0, y: 0 },
        config: { endpoint: '*', eventTypes: ['user.created'] },
      },
      {
        id: 'log',
        type: 'logic.log',
        position: { x: 0, y: 120 },
        config: { message: 'New user {{ user.userName }}', level: 'info' },
      },
    ],
    edges: [{ id: 'trigger-log', source: 'trigger', sourceHandle: 'out', target: 'log' }],
    credentials: [],
  };
}

/** Builds a flow that invites new users to GitHub with the credential `credentialName`. */
export function githubInviteFlow(name: string, credentialName: string): FlowDocument {
  return {
    formatVersion: FLOW_FORMAT_VERSION,
    name,
    description: '',
    nodes: [
      {
        id: 'trigger',
        type: 'scim.trigger',
        position: { x: 0, y: 0 },
        config: { endpoint: '*', eventTypes: ['user.created'] },
      },
      {
        id: 'invite',
        type: 'github.inviteToOrganization',
        position: { x: 0, y: 120 },
        config: {
          org: 'acme',
          email: '{{ user.emails[0].value }}',
          role: 'direct_member',
          teams: [],
        },
        credential: credentialName,
      },
    ],
    edges: [{ id: 'trigger-invite', source: 'trigger', sourceHandle: 'out', target: 'invite' }],
    credentials: [{ name: credentialName, type: 'github.token' }],
  };
}

/** Builds a flow without a trigger, which saves as a draft but cannot be published. */
export function triggerlessFlow(name: string): FlowDocument {
  const document = loggingFlow(name);
  return {
    ...document,
    nodes: document.nodes.filter((node) => node.id !== 'trigger'),
    edges: [],
  };
}
