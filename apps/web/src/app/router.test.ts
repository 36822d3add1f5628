import { describe, expect, it } from 'vitest';

import { parseRoute } from './router.js';

describe('parseRoute', () => {
  it.each([
    ['', { name: 'flows' }],
    ['/flows', { name: 'flows' }],
    ['/flows/abc', { name: 'flow', flowId: 'abc' }],
    ['/flows/a%20b', { name: 'flow', flowId: 'a b' }],
    ['/executions', { name: 'executions', flowId: undefined }],
    ['/executions?flow=f1', { name: 'executions', flowId: 'f1' }],
    ['/executions/e1', { name: 'execution', executionId: 'e1' }],
    ['/endpoints', { name: 'endpoints' }],
    ['/credentials', { name: 'credentials' }],
    ['/nowhere', { name: 'notFound', path: '/nowhere' }],
    ['/flows/a/b', { name: 'notFound', path: '/flows/a/b' }],
  ])('maps %s', (path, route) => {
    expect(parseRoute(path)).toEqual(route);
  });
});
