import { createContext, useContext } from 'react';

import { packageCatalogue, type Catalogue } from './catalogue.js';

/** The node catalogue the designer offers; tests provide their own definitions. */
export const CatalogueContext = createContext<Catalogue>(packageCatalogue);

export function useCatalogue(): Catalogue {
  return useContext(CatalogueContext);
}
