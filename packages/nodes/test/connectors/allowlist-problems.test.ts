import { FLOW_FORMAT_VERSION, type FlowDocument } from '@scimflow/flow';
import { describe, expect, it } from 'vitest';
import { hostAllowlistProblems } from '../../src/http/allowlist-problems.js';
import { HostAllowlist } from '../../src/http/host-allowlist.js';

function flowWith(nodes: { id: string; type: string; url: unknown }[]): FlowDocument {
  return {
    formatVersion: FLOW_FORMAT_VERSION,
    name: 'Calls',
    description: '',
    nodes: nodes.map((node, index) => ({
      id: node.id,
      type: node.type,
      position: { x: 0, y: index * 100 },
      config: { method: 'POST', url: node.url },
    })),
    edges: [],
    credentials: [],
  };
}

describe('hostAllowlistProblems', () => {
  const allowlist = HostAllowlist.parse('api.example.org, 127.0.0.1:4010');

  it('warns about fixed URLs outside the list', () => {
    const problems = hostAllowlistProblems(
      flowWith([
        { id: 'listed', type: 'http.request', url: 'https://api.example.org/users' },
        { id: 'port', type: 'http.request', url: 'http://127.0.0.1:4011/users' },
        { id: 'other', type: 'http.request', url: 'https://intranet.example.org/' },
      ]),
      allowlist,
    );

    expect(problems.map((problem) => problem.nodeId)).toEqual(['port', 'other']);
    expect(problems[0]).toMatchObject({
      code: 'host_not_allowed',
      severity: 'warning',
      field: 'config.url',
    });
    expect(problems[0]?.message).toContain('127.0.0.1:4011');
    expect(problems[0]?.message).toContain('SCIMFLOW_HTTP_ALLOWED_HOSTS');
  });

  it('skips expressions, invalid URLs and other node types', () => {
    const problems = hostAllowlistProblems(
      flowWith([
        { id: 'expression', type: 'http.request', url: 'https://{{ user.domain }}/users' },
        { id: 'invalid', type: 'http.request', url: 'not a url' },
        { id: 'missing', type: 'http.request', url: undefined },
        { id: 'github', type: 'github.invite', url: 'https://intranet.example.org/' },
      ]),
      allowlist,
    );

    expect(problems).toEqual([]);
  });
});
