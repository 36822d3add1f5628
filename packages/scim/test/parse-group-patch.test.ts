import { describe, expect, test } from 'vitest';
import { parseGroup, parsePatchOp, SCHEMAS } from '@scimflow/scim';
import { asStored, scimErrorOf } from './helpers.js';

describe('parseGroup', () => {
  test('empty schemas get the Group schema', () => {
    const group = parseGroup({ schemas: [], displayName: 'Tide Ops' });

    expect(group.schemas).toEqual([SCHEMAS.group]);
    expect(group.displayName).toBe('Tide Ops');
  });

  test('member $ref null dropped', () => {
    const group = parseGroup({
      displayName: 'Tide Ops',
      members: [{ value: 'u1', $ref: null, display: 'ines' }],
    });

    expect(group.members).toEqual([{ value: 'u1', display: 'ines' }]);
  });

  test('members attribute name in any case', () => {
    const group = asStored(parseGroup({ DisplayName: 'Tide Ops', MEMBERS: [{ Value: 'u1' }] }));

    expect(group).toEqual({
      schemas: [SCHEMAS.group],
      displayName: 'Tide Ops',
      members: [{ value: 'u1' }],
    });
  });

  test('bare-string members get no primary', () => {
    const group = asStored(parseGroup({ displayName: 'Tide Ops', members: ['u1', 'u2'] }));

    expect(group.members).toEqual([{ value: 'u1' }, { value: 'u2' }]);
  });

  test('empty members omitted', () => {
    expect(asStored(parseGroup({ displayName: 'Tide Ops', members: [] }))).not.toHaveProperty(
      'members',
    );
  });

  test.each([
    [
      'User schema',
      { schemas: [SCHEMAS.coreUser], userName: 'ines', displayName: 'Tide Ops' },
      /User/,
    ],
    ['missing displayName', { schemas: [SCHEMAS.group] }, /'displayName'/],
    [
      'member without value',
      { displayName: 'Tide Ops', members: [{ display: 'ines' }] },
      /members/,
    ],
  ])('rejects %s', (_name, body, message) => {
    const error = scimErrorOf(() => parseGroup(body));

    expect(error.status).toBe(400);
    expect(error.scimType).toBe('invalidValue');
    expect(error.detail).toMatch(message);
  });
});

describe('parsePatchOp', () => {
  test.each(['add', 'Add', 'ADD', 'replace', 'Replace', 'REPLACE', 'remove', 'Remove'])(
    'op %s in lower case',
    (op) => {
      const patchOp = parsePatchOp({
        schemas: [SCHEMAS.patchOp],
        Operations: [{ op, path: 'active', value: true }],
      });

      expect(patchOp.Operations[0]?.op).toBe(op.toLowerCase());
    },
  );

  test('keys in any case', () => {
    const patchOp = parsePatchOp({
      operations: [{ OP: 'Replace', Path: 'active', Value: 'False' }],
    });

    expect(patchOp).toEqual({
      schemas: [SCHEMAS.patchOp],
      Operations: [{ op: 'replace', path: 'active', value: 'False' }],
    });
  });

  test.each([
    ['unknown op', { Operations: [{ op: 'move', path: 'active' }] }, /"move"/],
    ['missing op', { Operations: [{ path: 'active' }] }, /Operations\[0\]\.op/],
    ['no Operations', { schemas: [SCHEMAS.patchOp] }, /"Operations"/],
    ['empty Operations', { Operations: [] }, /"Operations"/],
    ['numeric path', { Operations: [{ op: 'add', path: 3 }] }, /path 3/],
    ['not an object', 'add', /JSON object/],
  ])('rejects %s with invalidSyntax', (_name, body, message) => {
    const error = scimErrorOf(() => parsePatchOp(body));

    expect(error.status).toBe(400);
    expect(error.scimType).toBe('invalidSyntax');
    expect(error.detail).toMatch(message);
  });
});
