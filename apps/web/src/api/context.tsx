import { createContext, useContext } from 'react';

import type { ApiClient } from './client.js';

export const ApiContext = createContext<ApiClient | null>(null);

/** Returns the admin API client of the app. */
export function useApi(): ApiClient {
  const client = useContext(ApiContext);
  if (!client)
    throw new Error(
      'useApi was called outside <ApiContext.Provider>. Render the component inside <App>, which provides the client.',
    );
  return client;
}
