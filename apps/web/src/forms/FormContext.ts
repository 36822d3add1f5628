import { createContext, useContext } from 'react';

import type { PickerField } from '../fields/fieldCatalogue.js';

/** Editor state that config fields read: previews, picker fields, problems and control ids. */
export interface FormEnvironment {
  /** Scope of the selected sample event, for live previews; null when no sample is chosen. */
  previewScope: Record<string, unknown> | null;
  /**
   * Lists the fields the picker offers besides SCIM attributes, such as upstream step outputs.
   * Called when the picker opens, so a large flow is not walked on every edit.
   */
  listExtraFields: () => readonly PickerField[];
  /** Problem messages by config field path, such as `url` or `headers.Authorization`. */
  problems: Readonly<Record<string, readonly string[]>>;
  /** Prefix of the form controls' ids, unique per node. */
  idPrefix: string;
}

export const FormEnvironmentContext = createContext<FormEnvironment>({
  previewScope: null,
  listExtraFields: () => [],
  problems: {},
  idPrefix: 'field',
});

export function useFormEnvironment(): FormEnvironment {
  return useContext(FormEnvironmentContext);
}
