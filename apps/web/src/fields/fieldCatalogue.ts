import type { FlowDocument } from '@scimflow/flow';
import type { SchemaDefinition } from '@scimflow/scim';

/** One value the field picker offers, with the JSONata expression that reads it. */
export interface PickerField {
  expression: string;
  /** Attribute path as SCIM writes it, such as `name.givenName`. */
  label: string;
  type: string;
  description: string;
  group: string;
}

/** The schemas the picker lists and the event field each resource is read from. */
export interface PickerSchemas {
  user: SchemaDefinition;
  enterpriseUser: SchemaDefinition;
  group: SchemaDefinition;
}

// Sub-attributes that pick one item of a multi-valued attribute, such as the primary email.
const PRIMARY_SUB_ATTRIBUTE = 'primary';

/** Event fields that every flow can read, from the provisioning event's shape. */
const EVENT_FIELDS: PickerField[] = [
  {
    expression: 'type',
    label: 'type',
    type: 'string',
    description: 'Event type, such as user.created or group.member_added.',
    group: 'Event',
  },
  {
    expression: 'resourceType',
    label: 'resourceType',
    type: 'string',
    description: 'User or Group.',
    group: 'Event',
  },
  {
    expression: 'resourceId',
    label: 'resourceId',
    type: 'string',
    description: 'SCIM id of the user or group the event is about.',
    group: 'Event',
  },
  {
    expression: 'endpoint',
    label: 'endpoint',
    type: 'string',
    description: 'Slug of the SCIM endpoint that accepted the change.',
    group: 'Event',
  },
  {
    expression: 'dialect',
    label: 'dialect',
    type: 'string',
    description: 'Identity provider dialect, such as asgardeo-scim2 or okta.',
    group: 'Event',
  },
  {
    expression: 'acceptedAt',
    label: 'acceptedAt',
    type: 'dateTime',
    description: 'When the endpoint accepted the change.',
    group: 'Event',
  },
  {
    expression: 'changes',
    label: 'changes',
    type: 'complex',
    description: 'Attribute-level changes: path, before and after.',
    group: 'Event',
  },
  {
    expression: 'changes.path',
    label: 'changes.path',
    type: 'string',
    description: 'SCIM paths of the changed attributes.',
    group: 'Event',
  },
  {
    expression: 'before',
    label: 'before',
    type: 'complex',
    description: 'The resource before the change, or null on create.',
    group: 'Event',
  },
  {
    expression: 'after',
    label: 'after',
    type: 'complex',
    description: 'The resource after the change, or null on delete.',
    group: 'Event',
  },
  {
    expression: 'member.value',
    label: 'member.value',
    type: 'string',
    description: 'For member events: the id of the user added or removed.',
    group: 'Event',
  },
  {
    expression: 'member.display',
    label: 'member.display',
    type: 'string',
    description: 'For member events: the display name of that user.',
    group: 'Event',
  },
];

/**
 * Lists every attribute of the core User, Enterprise User extension and Group schemas as
 * expressions over the event (`user.name.givenName`, `` user.`urn:…:enterprise:2.0:User`.department ``,
 * `group.displayName`), with the event's own fields first.
 */
export function buildAttributeFields(schemas: PickerSchemas): PickerField[] {
  return [
    ...EVENT_FIELDS,
    ...schemaFields(schemas.user, 'user', 'User'),
    ...schemaFields(
      schemas.enterpriseUser,
      `user.${quote(schemas.enterpriseUser.id)}`,
      'Enterprise User',
    ),
    ...schemaFields(schemas.group, 'group', 'Group'),
  ];
}

function schemaFields(schema: SchemaDefinition, root: string, group: string): PickerField[] {
  const fields: PickerField[] = [];
  for (const attribute of schema.attributes) {
    const path = `${root}.${name(attribute.name)}`;
    fields.push({
      expression: path,
      label: attribute.name,
      type: typeLabel(attribute.type, attribute.multiValued),
      description: attribute.description,
      group,
    });

    const hasPrimary =
      attribute.subAttributes?.some((sub) => sub.name === PRIMARY_SUB_ATTRIBUTE) ?? false;
    for (const sub of attribute.subAttributes ?? []) {
      fields.push({
        expression: `${path}.${name(sub.name)}`,
        label: `${attribute.name}.${sub.name}`,
        type: typeLabel(sub.type, attribute.multiValued),
        description: sub.description,
        group,
      });
      // JSONata's predicate picks the primary item, such as the work email an IdP marks primary.
      if (attribute.multiValued && hasPrimary && sub.name === 'value') {
        fields.push({
          expression: `${path}[primary=true].value`,
          label: `${attribute.name}[primary].value`,
          type: sub.type,
          description: `The primary item's value: ${sub.description}`,
          group,
        });
      }
    }
  }
  return fields;
}

/**
 * Lists `steps.<id>.output` for every node that runs before `nodeId`, the outputs an
 * expression in that node can read.
 */
export function stepFields(
  document: FlowDocument,
  nodeId: string,
  labelOf: (type: string) => string,
): PickerField[] {
  const before = upstreamOf(document, nodeId);
  return document.nodes
    .filter((node) => before.has(node.id))
    .map((node) => ({
      expression: `steps.${node.id}.output`,
      label: `${node.label ?? labelOf(node.type)} (${node.id})`,
      type: 'output',
      description: `Output of the ${labelOf(node.type)} step “${node.id}”.`,
      group: 'Steps',
    }));
}

/** Returns the ids of the nodes from which `nodeId` is reachable. */
export function upstreamOf(document: FlowDocument, nodeId: string): Set<string> {
  const found = new Set<string>();
  const queue = [nodeId];
  while (queue.length > 0) {
    const current = queue.pop() as string;
    for (const edge of document.edges) {
      if (edge.target !== current || found.has(edge.source)) continue;
      found.add(edge.source);
      queue.push(edge.source);
    }
  }
  found.delete(nodeId);
  return found;
}

/** Filters picker fields by a search over expression, label and description. */
export function searchFields(fields: readonly PickerField[], search: string): PickerField[] {
  const needle = search.trim().toLowerCase();
  if (!needle) return [...fields];
  return fields.filter((field) =>
    `${field.expression} ${field.label} ${field.description}`.toLowerCase().includes(needle),
  );
}

/** Wraps an expression for a template field, as the runtime reads it. */
export function toTemplate(expression: string): string {
  return `{{ ${expression} }}`;
}

function typeLabel(type: string, multiValued: boolean): string {
  return multiValued ? `${type}[]` : type;
}

// Names that are not plain JSONata names (the enterprise URN) are quoted with backticks.
function name(value: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(value) ? value : quote(value);
}

function quote(value: string): string {
  return `\`${value}\``;
}
