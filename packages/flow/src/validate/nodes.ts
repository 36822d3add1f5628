import type { FlowNode } from '../document.js';
import { compileExpression } from '../expressions/compile.js';
import { ExpressionError } from '../expressions/errors.js';
import { collectExpressionFields, findExpressionValues } from '../expressions/fields.js';
import { parseTemplate, TemplateSyntaxError } from '../expressions/template.js';
import type { FlowProblem } from '../problems.js';
import type { KnownCredential, NodeTypeInfo } from './context.js';
import { fieldLabel } from './field-label.js';

/** Checks a node's config against its type's schema, mapping each zod issue to a field path. */
export function checkConfig(node: FlowNode, nodeType: NodeTypeInfo): FlowProblem[] {
  const result = nodeType.config.safeParse(node.config);
  if (result.success) return [];

  return result.error.issues.map((issue) => {
    const field = ['config', ...issue.path.map(String)].join('.');
    // The form's label comes first, because that is what the designer shows; the path locates
    // the field in an exported document.
    const label = fieldLabel(nodeType.config, issue.path);
    const named = label ? `${label} ("${field}")` : `"${field}"`;
    // An empty or absent value is the usual case in a new node, so it gets a plain message
    // instead of zod's type description.
    const message = isBlank(valueAt(node.config, issue.path))
      ? `${nodeName(node)} needs a value in ${named}.`
      : `${nodeName(node)} field ${named} is invalid: ${issue.message}.`;
    return { code: 'config_invalid', severity: 'error', nodeId: node.id, field, message };
  });
}

/** Names a node by its id, and by the label it shows on the canvas when it has one. */
function nodeName(node: FlowNode): string {
  return node.label ? `Node "${node.id}" (${node.label})` : `Node "${node.id}"`;
}

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let current = value;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

function isBlank(value: unknown): boolean {
  return (
    value === undefined || value === null || (typeof value === 'string' && value.trim() === '')
  );
}

/** Parses every template and expression in a node's config and reports those that do not parse. */
export function checkExpressions(node: FlowNode, nodeType: NodeTypeInfo): FlowProblem[] {
  const fields = collectExpressionFields(nodeType.config);
  const problems: FlowProblem[] = [];

  for (const value of findExpressionValues(node.config, fields)) {
    const field = `config.${value.path}`;
    const error = parseError(value.kind, value.source);
    if (!error) continue;

    problems.push({
      code: 'expression_invalid',
      severity: 'error',
      nodeId: node.id,
      field,
      message: `Node "${node.id}" field "${field}" has an invalid ${value.kind}: ${error}`,
    });
  }
  return problems;
}

/** Returns why a template or expression does not parse, or undefined when it does. */
function parseError(kind: 'template' | 'expression', source: string): string | undefined {
  try {
    if (kind === 'expression') {
      if (source.trim() !== '') compileExpression(source);
      return undefined;
    }
    for (const part of parseTemplate(source).parts) {
      if (part.kind === 'expression' && part.source !== '') compileExpression(part.source);
    }
    return undefined;
  } catch (error) {
    if (error instanceof ExpressionError) return `${error.reason} Expression: ${error.expression}`;
    if (error instanceof TemplateSyntaxError) return error.message;
    throw error;
  }
}

/**
 * Checks a node's credential: present when the type requires one, known by name, and of a type
 * the node accepts.
 */
export function checkCredential(
  node: FlowNode,
  nodeType: NodeTypeInfo,
  credentials: readonly KnownCredential[],
): FlowProblem[] {
  const accepted = nodeType.credentialTypes ?? [];
  const located = { nodeId: node.id, field: 'credential', severity: 'error' as const };

  if (node.credential === undefined) {
    const required = accepted.length > 0 && nodeType.credentialRequired !== false;
    if (!required) return [];
    return [
      {
        ...located,
        code: 'credential_missing',
        message: `Node "${node.id}" needs a credential of type ${accepted.join(' or ')}. Choose one in the node's settings.`,
      },
    ];
  }

  if (accepted.length === 0) {
    return [
      {
        ...located,
        code: 'credential_not_accepted',
        message: `Node "${node.id}" uses credential "${node.credential}", but its type takes no credential. Remove the credential.`,
      },
    ];
  }

  const credential = credentials.find((candidate) => candidate.name === node.credential);
  if (!credential) {
    return [
      {
        ...located,
        code: 'credential_not_found',
        message: `Node "${node.id}" uses credential "${node.credential}", which does not exist. Create it or choose another.`,
      },
    ];
  }
  if (!accepted.includes(credential.type)) {
    return [
      {
        ...located,
        code: 'credential_type_mismatch',
        message: `Node "${node.id}" uses credential "${node.credential}" of type ${credential.type}, but needs ${accepted.join(' or ')}. Choose a credential of a fitting type.`,
      },
    ];
  }
  return [];
}

/** Returns a node's output ports, or undefined when they cannot be known from its config. */
export function outputsOf(node: FlowNode, nodeType: NodeTypeInfo): readonly string[] | undefined {
  if (Array.isArray(nodeType.outputs)) return nodeType.outputs;

  const parsed = nodeType.config.safeParse(node.config);
  if (!parsed.success) return undefined;
  try {
    return (nodeType.outputs as (config: unknown) => string[])(parsed.data);
  } catch {
    return undefined;
  }
}
