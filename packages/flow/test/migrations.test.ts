import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

import { FLOW_FORMAT_VERSION, flowMigrations, parseFlowDocument } from '../src/index.js';

function fixture(name: string): string {
  return readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
}

describe('migration from format 0', () => {
  it('lifts node data, names credentials and renames ports', () => {
    const result = parseFlowDocument(fixture('v0-prototype-onboarding.json'));
    if (!result.ok) throw new Error(JSON.stringify(result.problems));

    expect(result.migrations).toEqual(['move React Flow node data onto the node']);
    expect(result.document.formatVersion).toBe(FLOW_FORMAT_VERSION);
    expect(result.document.nodes[0]).toEqual({
      id: 'trigger',
      type: 'scim.trigger',
      position: { x: 0, y: 0 },
      label: 'New user',
      config: { eventTypes: ['user.created'] },
    });
    expect(result.document.nodes[2]).toMatchObject({
      credential: 'GitHub org token',
      retry: { maxAttempts: 3 },
      config: { org: 'acme', email: '{{ user.userName }}' },
    });
    expect(result.document.credentials).toEqual([
      { name: 'GitHub org token', type: 'github.token' },
    ]);
    expect(result.document.edges.map((edge) => edge.sourceHandle)).toEqual([
      'out',
      'true',
      'false',
    ]);
  });

  it('treats a document without a version as format 0', () => {
    const result = parseFlowDocument(fixture('v0-unversioned.json'));
    if (!result.ok) throw new Error(JSON.stringify(result.problems));

    expect(result.document.nodes[0]!.config).toEqual({});
    expect(result.document.credentials).toEqual([]);
    expect(result.document.description).toBe('');
  });

  it('leaves its input unchanged', () => {
    const input = JSON.parse(fixture('v0-prototype-onboarding.json')) as Record<string, unknown>;
    const copy = structuredClone(input);

    flowMigrations[0]!.migrate(input);

    expect(input).toEqual(copy);
  });

  it('chains from each version to the current one', () => {
    let version = 0;
    for (const migration of flowMigrations) {
      expect(migration.from).toBe(version);
      version = migration.to;
    }
    expect(version).toBe(FLOW_FORMAT_VERSION);
  });
});

describe('parseFlowDocument', () => {
  it('accepts a current document without migrations', () => {
    const result = parseFlowDocument({ formatVersion: 1, name: 'x', nodes: [], edges: [] });

    expect(result).toMatchObject({ ok: true, migrations: [] });
  });

  it.each([
    ['not JSON', '{nope', 'document_invalid', undefined],
    ['an array', [], 'document_invalid', undefined],
    [
      'a newer version',
      { formatVersion: 9, name: 'x', nodes: [], edges: [] },
      'format_version_unsupported',
      'formatVersion',
    ],
    [
      'a text version',
      { formatVersion: '1', name: 'x', nodes: [], edges: [] },
      'format_version_unsupported',
      'formatVersion',
    ],
    [
      'a bad node id',
      {
        formatVersion: 1,
        name: 'x',
        nodes: [{ id: '1-a', type: 't', position: { x: 0, y: 0 } }],
        edges: [],
      },
      'document_invalid',
      'nodes.0.id',
    ],
    [
      'a blank name',
      { formatVersion: 1, name: ' ', nodes: [], edges: [] },
      'document_invalid',
      'name',
    ],
  ])('rejects %s', (_name, input, code, field) => {
    const result = parseFlowDocument(input);

    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems[0]).toMatchObject({ code, severity: 'error' });
    expect(result.problems[0]!.field).toBe(field);
  });
});
