import { startTestServers, type TestServers } from '@scimflow/testservers';
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { RuntimeServer } from './runtime-server.js';

/** The local test servers of a test file and the ScimFlow server its current test started. */
export interface RuntimeSuite {
  readonly servers: TestServers;
  /** Set by a test; closed and removed after it. */
  running: RuntimeServer | undefined;
}

/**
 * Registers the hooks that runtime test files share: the local test servers start before the
 * file and stop after it, and the ScimFlow server a test started is closed and its data
 * removed after that test.
 */
export function useRuntimeSuite(): RuntimeSuite {
  let servers: TestServers | undefined;
  const suite: RuntimeSuite = {
    get servers() {
      if (!servers) throw new Error('The test servers start in beforeAll; use them in tests.');
      return servers;
    },
    running: undefined,
  };

  beforeAll(async () => {
    servers = await startTestServers();
  });

  afterAll(async () => {
    await servers?.close();
  });

  afterEach(async () => {
    await suite.running?.server.close();
    suite.running?.server.removeData();
    suite.running = undefined;
  });

  return suite;
}
