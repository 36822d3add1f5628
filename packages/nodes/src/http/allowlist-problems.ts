import type { FlowDocument, FlowProblem } from '@scimflow/flow';
import type { HostAllowlist } from './host-allowlist.js';

/** Node types whose `config.url` is the URL they send to. */
const URL_NODE_TYPES = new Set(['http.request']);

/**
 * Returns a warning for every node whose fixed URL names a host outside the allowlist, because
 * its step will fail with `host_not_allowed`. A URL built from an expression (`{{ … }}`) is
 * known only when the step runs, so it is not checked here.
 */
export function hostAllowlistProblems(
  document: FlowDocument,
  allowlist: HostAllowlist,
): FlowProblem[] {
  const problems: FlowProblem[] = [];
  for (const node of document.nodes) {
    if (!URL_NODE_TYPES.has(node.type)) continue;
    const url = (node.config as { url?: unknown } | undefined)?.url;
    if (typeof url !== 'string' || url.includes('{{') || !URL.canParse(url)) continue;

    const target = new URL(url);
    if (allowlist.allows(target)) continue;
    problems.push({
      code: 'host_not_allowed',
      severity: 'warning',
      nodeId: node.id,
      field: 'config.url',
      message: `${target.host} is not in this server's allowed hosts (${allowlist.entries.join(', ')}), so this step will fail. Use an allowed host, or add ${target.host} to SCIMFLOW_HTTP_ALLOWED_HOSTS.`,
    });
  }
  return problems;
}
