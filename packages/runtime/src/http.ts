import { createHttpClient } from '@scimflow/nodes';

import type { HttpClientFactory } from './types.js';

/** The default HttpClientFactory: the connectors' retrying client with the step's options. */
export const defaultHttpClientFactory: HttpClientFactory = (options) => createHttpClient(options);
