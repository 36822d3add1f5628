import { ATTRIBUTE_CATALOGUE } from '@scimflow/scim';
import { useId, useMemo, useState } from 'react';

import { buildAttributeFields, searchFields, type PickerField } from './fieldCatalogue.js';

/** Attribute fields of the SCIM schemas, built once. */
export const SCIM_FIELDS: PickerField[] = buildAttributeFields(ATTRIBUTE_CATALOGUE);

interface FieldPickerProps {
  /** Fields offered besides the SCIM attributes, such as upstream step outputs. */
  extraFields?: readonly PickerField[];
  /** Called with the chosen field's expression. */
  onPick: (expression: string) => void;
  onClose: () => void;
  fields?: readonly PickerField[];
}

/** Renders a searchable list of SCIM attributes, event fields and step outputs to insert as expressions. */
export function FieldPicker({
  extraFields = [],
  onPick,
  onClose,
  fields = SCIM_FIELDS,
}: FieldPickerProps) {
  const [search, setSearch] = useState('');
  const listId = useId();
  const all = useMemo(() => [...extraFields, ...fields], [extraFields, fields]);
  const found = useMemo(() => searchFields(all, search), [all, search]);
  const groups = useMemo(() => groupFields(found), [found]);

  return (
    <div
      className="field-picker"
      role="dialog"
      aria-label="Insert a field"
      onKeyDown={(event) => {
        if (event.key !== 'Escape') return;
        event.stopPropagation();
        onClose();
      }}
      data-testid="field-picker"
    >
      <input
        type="search"
        autoFocus
        placeholder="Search attributes, e.g. givenName"
        value={search}
        onChange={(event) => setSearch(event.target.value)}
        aria-controls={listId}
        aria-label="Search fields"
      />
      <div id={listId} className="field-picker-list">
        {groups.length === 0 && <p className="muted">No field matches “{search}”.</p>}
        {groups.map(([group, items]) => (
          <section key={group} aria-label={group}>
            <h4>{group}</h4>
            <ul>
              {items.map((field) => (
                <li key={field.expression}>
                  <button
                    type="button"
                    className="field-picker-item"
                    onClick={() => onPick(field.expression)}
                    title={field.expression}
                  >
                    <span className="field-picker-label">{field.label}</span>
                    <span className="field-picker-type">{field.type}</span>
                    <span className="field-picker-description">{field.description}</span>
                  </button>
                </li>
              ))}
            </ul>
          </section>
        ))}
      </div>
    </div>
  );
}

function groupFields(fields: readonly PickerField[]): [string, PickerField[]][] {
  const groups = new Map<string, PickerField[]>();
  for (const field of fields) groups.set(field.group, [...(groups.get(field.group) ?? []), field]);
  return [...groups.entries()];
}
