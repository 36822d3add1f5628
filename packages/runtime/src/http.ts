import { createHttpClient } from '@scimflow/nodes';

import { sendWithAgent } from './agent-transport.js';
import type { HttpClientFactory } from './types.js';

/**
 * The default HttpClientFactory: the connectors' retrying client with the step's options, sending
 * over keep-alive node:http connections instead of `fetch`.
 */
export const defaultHttpClientFactory: HttpClientFactory = (options) =>
  createHttpClient({ ...options, send: sendWithAgent });
