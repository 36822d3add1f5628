import { useState } from 'react';
import type { z } from 'zod';

import { describeSchema, humanize, type FieldSpec } from './describeSchema.js';
import {
  EnumControl,
  JsonControl,
  MultiSelectControl,
  NumberControl,
  StringControl,
} from './fields.js';
import { useFormEnvironment } from './FormContext.js';

interface SchemaFormProps {
  schema: z.ZodType;
  value: Record<string, unknown>;
  /** Called with a top-level config key and its new value; undefined removes the key. */
  onFieldChange: (key: string, value: unknown) => void;
}

/**
 * Renders a form for a node config from its zod schema: one field per key of the root object.
 * Advanced fields sit behind a disclosure.
 */
export function SchemaForm({ schema, value, onFieldChange }: SchemaFormProps) {
  const spec = describeSchema(schema);
  const [showAdvanced, setShowAdvanced] = useState(false);

  if (spec.kind !== 'object') {
    return (
      <Field
        spec={spec}
        value={value}
        onChange={(next) => onFieldChange('', next)}
        path=""
        label="Config"
      />
    );
  }

  const basic = spec.fields.filter((field) => !field.spec.ui.advanced);
  const advanced = spec.fields.filter((field) => field.spec.ui.advanced);
  return (
    <div className="schema-form">
      {basic.map((field) => (
        <Field
          key={field.key}
          spec={field.spec}
          value={value[field.key]}
          onChange={(next) => onFieldChange(field.key, next)}
          path={field.key}
          label={field.spec.ui.label ?? humanize(field.key)}
        />
      ))}
      {advanced.length > 0 && (
        <div className="advanced">
          <button
            type="button"
            className="link-button"
            aria-expanded={showAdvanced}
            onClick={() => setShowAdvanced(!showAdvanced)}
          >
            {showAdvanced ? 'Hide' : 'Show'} advanced settings ({advanced.length})
          </button>
          {showAdvanced &&
            advanced.map((field) => (
              <Field
                key={field.key}
                spec={field.spec}
                value={value[field.key]}
                onChange={(next) => onFieldChange(field.key, next)}
                path={field.key}
                label={field.spec.ui.label ?? humanize(field.key)}
              />
            ))}
        </div>
      )}
    </div>
  );
}

interface FieldProps {
  spec: FieldSpec;
  value: unknown;
  onChange: (value: unknown) => void;
  path: string;
  label: string;
}

/** Renders one labelled field with its help text and problems, and the control its kind calls for. */
export function Field({ spec, value, onChange, path, label }: FieldProps) {
  const { problems, idPrefix } = useFormEnvironment();
  const id = `${idPrefix}-${path || 'root'}`.replace(/[^A-Za-z0-9_-]/g, '-');
  const messages = problems[path] ?? [];
  const helpId = `${id}-help`;
  const describedBy =
    [spec.ui.help ? helpId : '', messages.length ? `${id}-problems` : '']
      .filter(Boolean)
      .join(' ') || undefined;

  // Booleans put the label after the checkbox; groups use a legend.
  if (spec.kind === 'boolean') {
    return (
      <div className="field field-inline" data-testid={`field-${path}`}>
        <label className="checkbox">
          <input
            id={id}
            type="checkbox"
            role={spec.ui.widget === 'switch' ? 'switch' : undefined}
            checked={value === undefined ? spec.defaultValue === true : value === true}
            data-field-path={path}
            aria-describedby={describedBy}
            onChange={(event) => onChange(event.target.checked)}
          />
          {label}
        </label>
        <FieldNotes id={id} help={spec.ui.help} messages={messages} />
      </div>
    );
  }

  const grouped = spec.kind === 'object' || spec.kind === 'array' || spec.kind === 'record';
  return (
    <div
      className={`field${messages.length ? ' field-invalid' : ''}`}
      data-testid={`field-${path}`}
      aria-describedby={grouped ? describedBy : undefined}
    >
      {grouped ? (
        <span className="field-label" id={`${id}-label`}>
          {label}
          {!spec.optional && spec.defaultValue === undefined && (
            <span className="required" aria-hidden="true">
              {' '}
              *
            </span>
          )}
        </span>
      ) : (
        <label className="field-label" htmlFor={id}>
          {label}
          {!spec.optional && spec.defaultValue === undefined && (
            <span className="required" aria-hidden="true">
              {' '}
              *
            </span>
          )}
        </label>
      )}
      <Control
        spec={spec}
        value={value}
        onChange={onChange}
        path={path}
        id={id}
        label={label}
        describedBy={grouped ? undefined : describedBy}
      />
      <FieldNotes id={id} help={spec.ui.help} messages={messages} />
    </div>
  );
}

function FieldNotes({
  id,
  help,
  messages,
}: {
  id: string;
  help?: string;
  messages: readonly string[];
}) {
  return (
    <>
      {help && (
        <p className="help" id={`${id}-help`}>
          {help}
        </p>
      )}
      {messages.length > 0 && (
        <ul className="field-problems" id={`${id}-problems`}>
          {messages.map((message) => (
            <li key={message}>{message}</li>
          ))}
        </ul>
      )}
    </>
  );
}

function Control({
  spec,
  value,
  onChange,
  path,
  id,
  label,
  describedBy,
}: FieldProps & { id: string; describedBy?: string }) {
  switch (spec.kind) {
    case 'string':
      if (spec.ui.widget === 'select' && spec.ui.options) {
        return (
          <EnumControl
            spec={{
              kind: 'enum',
              ui: spec.ui,
              optional: spec.optional,
              defaultValue: spec.defaultValue,
              options: spec.ui.options,
            }}
            value={value}
            onChange={onChange}
            path={path}
            id={id}
            label={label}
            describedBy={describedBy}
          />
        );
      }
      return (
        <StringControl
          spec={spec}
          value={value}
          onChange={onChange}
          path={path}
          id={id}
          label={label}
          describedBy={describedBy}
        />
      );
    case 'number':
      return (
        <NumberControl
          spec={spec}
          value={value}
          onChange={onChange}
          path={path}
          id={id}
          label={label}
          describedBy={describedBy}
        />
      );
    case 'boolean':
      return (
        <input
          id={id}
          type="checkbox"
          checked={value === true}
          data-field-path={path}
          onChange={(event) => onChange(event.target.checked)}
        />
      );
    case 'enum':
      return (
        <EnumControl
          spec={spec}
          value={value}
          onChange={onChange}
          path={path}
          id={id}
          label={label}
          describedBy={describedBy}
        />
      );
    case 'array':
      // A multiselect draws its `ui.options`, or the item enum's values, as checkboxes.
      if (spec.item.kind === 'enum' || (spec.ui.widget === 'multiselect' && spec.ui.options))
        return (
          <MultiSelectControl
            options={spec.ui.options ?? (spec.item.kind === 'enum' ? spec.item.options : [])}
            value={value}
            onChange={onChange}
            path={path}
            id={id}
            label={label}
          />
        );
      return (
        <ArrayControl spec={spec} value={value} onChange={onChange} path={path} label={label} />
      );
    case 'object':
      return <ObjectControl spec={spec} value={value} onChange={onChange} path={path} />;
    case 'record':
      return (
        <RecordControl spec={spec} value={value} onChange={onChange} path={path} label={label} />
      );
    case 'json':
      return (
        <JsonControl
          value={value}
          onChange={onChange}
          path={path}
          id={id}
          describedBy={describedBy}
        />
      );
    default:
      return spec satisfies never;
  }
}

function ArrayControl({
  spec,
  value,
  onChange,
  path,
  label,
}: {
  spec: Extract<FieldSpec, { kind: 'array' }>;
  value: unknown;
  onChange: (value: unknown) => void;
  path: string;
  label: string;
}) {
  const items = Array.isArray(value) ? value : [];
  const update = (index: number, next: unknown) =>
    onChange(items.map((item, position) => (position === index ? next : item)));

  return (
    <div className="array-control">
      {items.map((item, index) => (
        <div key={index} className="array-item">
          <Field
            spec={spec.item}
            value={item}
            onChange={(next) => update(index, next)}
            path={`${path}.${index}`}
            label={`${label} ${index + 1}`}
          />
          <button
            type="button"
            className="icon-button danger"
            aria-label={`Remove ${label} ${index + 1}`}
            onClick={() => onChange(items.filter((_item, position) => position !== index))}
          >
            ×
          </button>
        </div>
      ))}
      <button type="button" onClick={() => onChange([...items, emptyValue(spec.item)])}>
        Add {label.toLowerCase()}
      </button>
    </div>
  );
}

function ObjectControl({
  spec,
  value,
  onChange,
  path,
}: {
  spec: Extract<FieldSpec, { kind: 'object' }>;
  value: unknown;
  onChange: (value: unknown) => void;
  path: string;
}) {
  const record = isRecord(value) ? value : {};
  return (
    <div className="object-control">
      {spec.fields.map((field) => (
        <Field
          key={field.key}
          spec={field.spec}
          value={record[field.key]}
          onChange={(next) => {
            const updated = { ...record };
            if (next === undefined) delete updated[field.key];
            else updated[field.key] = next;
            onChange(Object.keys(updated).length === 0 && spec.optional ? undefined : updated);
          }}
          path={path ? `${path}.${field.key}` : field.key}
          label={field.spec.ui.label ?? humanize(field.key)}
        />
      ))}
    </div>
  );
}

function RecordControl({
  spec,
  value,
  onChange,
  path,
  label,
}: {
  spec: Extract<FieldSpec, { kind: 'record' }>;
  value: unknown;
  onChange: (value: unknown) => void;
  path: string;
  label: string;
}) {
  const entries = Object.entries(isRecord(value) ? value : {});
  const replace = (next: [string, unknown][]) => onChange(Object.fromEntries(next));

  return (
    <div className="record-control">
      {entries.map(([key, entry], index) => (
        <div key={index} className="record-entry">
          <input
            aria-label={`${label} name ${index + 1}`}
            value={key}
            placeholder="Name"
            onChange={(event) =>
              replace(
                entries.map((pair, position) =>
                  position === index ? [event.target.value, pair[1]] : pair,
                ),
              )
            }
          />
          <Field
            spec={spec.value}
            value={entry}
            onChange={(next) =>
              replace(
                entries.map((pair, position) => (position === index ? [pair[0], next] : pair)),
              )
            }
            path={`${path}.${key}`}
            label={`${key || 'Value'}`}
          />
          <button
            type="button"
            className="icon-button danger"
            aria-label={`Remove ${label} ${key || index + 1}`}
            onClick={() => replace(entries.filter((_pair, position) => position !== index))}
          >
            ×
          </button>
        </div>
      ))}
      <button
        type="button"
        onClick={() => replace([...entries, [uniqueKey(entries), emptyValue(spec.value)]])}
      >
        Add {label.toLowerCase()} entry
      </button>
    </div>
  );
}

/** Returns the value a new array item or record entry starts with. */
function emptyValue(spec: FieldSpec): unknown {
  if (spec.defaultValue !== undefined) return spec.defaultValue;
  switch (spec.kind) {
    case 'string':
      return '';
    case 'number':
      return spec.min ?? 0;
    case 'boolean':
      return false;
    case 'enum':
      return spec.options[0]?.value ?? '';
    case 'array':
      return [];
    case 'object':
    case 'record':
      return {};
    case 'json':
      return null;
    default:
      return spec satisfies never;
  }
}

function uniqueKey(entries: [string, unknown][]): string {
  const usedKeys = new Set(entries.map(([key]) => key));
  for (let index = 1; ; index += 1) if (!usedKeys.has(`key${index}`)) return `key${index}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
