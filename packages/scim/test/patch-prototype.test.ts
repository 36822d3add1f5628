import { afterEach, describe, expect, test } from 'vitest';
import { applyPatch, parseGroup, parseUser } from '@scimflow/scim';
import { asStored, scimErrorOf } from './helpers.js';

const user = {
  ...asStored(parseUser({ userName: 'ines', name: { givenName: 'Ines' } })),
  id: 'u1',
};

/** Operations as JSON text, because an object literal with `__proto__` would set the prototype. */
const attacks: Array<[string, string]> = [
  ['__proto__ path', '{"op":"add","path":"__proto__.polluted","value":1}'],
  ['bare __proto__ path', '{"op":"replace","path":"__proto__","value":{"polluted":1}}'],
  ['constructor.prototype path', '{"op":"add","path":"constructor.prototype.polluted","value":1}'],
  ['prototype path', '{"op":"add","path":"prototype","value":1}'],
  ['sub-attribute __proto__', '{"op":"add","path":"name.__proto__","value":{"polluted":1}}'],
  ['URN __proto__ attribute', '{"op":"add","path":"urn:x:y:__proto__","value":{"polluted":1}}'],
  ['URN constructor attribute', '{"op":"add","path":"urn:x:y:constructor.prototype","value":1}'],
  [
    'value filter __proto__',
    '{"op":"add","path":"emails[__proto__ eq \\"x\\"].value","value":"y"}',
  ],
  ['path-less __proto__ key', '{"op":"add","value":{"__proto__":{"polluted":1}}}'],
  [
    'path-less constructor key',
    '{"op":"replace","value":{"constructor":{"prototype":{"polluted":1}}}}',
  ],
  ['path-less prototype key', '{"op":"replace","value":{"prototype":{"polluted":1}}}'],
  [
    'unknown extension __proto__ key',
    '{"op":"add","value":{"urn:x:ext":{"__proto__":{"polluted":1}}}}',
  ],
];

afterEach(() => {
  delete (Object.prototype as Record<string, unknown>).polluted;
});

describe('applyPatch prototype guards', () => {
  test.each(attacks)('%s is invalidPath', (_name, operation) => {
    const error = scimErrorOf(() =>
      applyPatch(user, JSON.parse(`{"Operations":[${operation}]}`), 'User'),
    );

    expect(error.status).toBe(400);
    expect(error.scimType).toBe('invalidPath');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  test('group path-less __proto__ rejected', () => {
    const group = { ...asStored(parseGroup({ displayName: 'Tide Ops' })), id: 'g1' };
    const body = JSON.parse(
      '{"Operations":[{"op":"replace","value":{"__proto__":{"polluted":1}}}]}',
    );

    expect(scimErrorOf(() => applyPatch(group, body, 'Group')).scimType).toBe('invalidPath');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  test('nested __proto__ in an extension value dropped', () => {
    const body = JSON.parse(
      '{"Operations":[{"op":"add","path":"urn:x:ext:settings","value":{"__proto__":{"polluted":1},"a":1}}]}',
    );

    const { resource } = applyPatch(user, body, 'User');

    expect(resource['urn:x:ext']).toEqual({ settings: { a: 1 } });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  test('stored resource with __proto__ key stays inert', () => {
    const stored = JSON.parse('{"schemas":[],"userName":"ines","__proto__":{"polluted":1}}');

    const { resource } = applyPatch(
      stored,
      { Operations: [{ op: 'replace', path: 'title', value: 'x' }] },
      'User',
    );

    expect(Object.getPrototypeOf(resource)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
