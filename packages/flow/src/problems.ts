/** Stable codes of the problems that validateFlow and parseFlowDocument report. */
export const FLOW_PROBLEM_CODES = [
  'document_invalid',
  'format_version_unsupported',
  'trigger_missing',
  'trigger_multiple',
  'node_id_duplicate',
  'node_type_unknown',
  'config_invalid',
  'expression_invalid',
  'step_reference_unknown',
  'step_reference_not_upstream',
  'credential_missing',
  'credential_not_found',
  'credential_type_mismatch',
  'credential_not_accepted',
  'edge_id_duplicate',
  'edge_source_missing',
  'edge_target_missing',
  'edge_port_unknown',
  'edge_target_trigger',
  'cycle',
  'node_unreachable',
  'host_not_allowed',
] as const;

export type FlowProblemCode = (typeof FLOW_PROBLEM_CODES)[number];

/** One problem in a flow document, located at a node, an edge and/or a config field. */
export interface FlowProblem {
  code: FlowProblemCode;
  message: string;
  /** Errors block publishing; warnings are shown but do not. */
  severity: 'error' | 'warning';
  nodeId?: string;
  edgeId?: string;
  /** Field path such as `config.email`, `credential` or, for document problems, `nodes.0.id`. */
  field?: string;
}

/** Returns true when no problem is an error, so the flow may be published. */
export function canPublish(problems: readonly FlowProblem[]): boolean {
  return problems.every((problem) => problem.severity !== 'error');
}
