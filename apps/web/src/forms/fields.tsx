import { useRef, useState } from 'react';

import { ExpressionPreview } from '../fields/ExpressionPreview.js';
import { FieldPicker } from '../fields/FieldPicker.js';
import { toTemplate } from '../fields/fieldCatalogue.js';
import type { FieldSpec } from './describeSchema.js';
import { useFormEnvironment } from './FormContext.js';

export interface ControlProps<Spec extends FieldSpec = FieldSpec> {
  spec: Spec;
  value: unknown;
  onChange: (value: unknown) => void;
  /** Config path of the value, such as `headers` or `cases.0.expression`. */
  path: string;
  /** Id of the control, which the field's label points at. */
  id: string;
  label: string;
  /** Ids of the help text and problems that describe the control. */
  describedBy?: string;
}

type StringSpec = Extract<FieldSpec, { kind: 'string' }>;

/** Text input; template and expression widgets add the field picker and a live preview. */
export function StringControl({
  spec,
  value,
  onChange,
  path,
  id,
  label,
  describedBy,
}: ControlProps<StringSpec>) {
  const { previewScope, listExtraFields } = useFormEnvironment();
  const [picking, setPicking] = useState(false);
  const input = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  let text = '';
  if (typeof value === 'string') text = value;
  else if (value !== undefined) text = String(value);
  const widget = spec.ui.widget ?? (spec.format === 'url' ? 'template' : 'text');
  const isExpression = widget === 'expression';
  const takesFields = widget === 'template' || isExpression;
  const multiline = widget === 'textarea' || widget === 'json';

  function insert(expression: string) {
    const snippet = isExpression ? expression : toTemplate(expression);
    const element = input.current;
    const start = element?.selectionStart ?? text.length;
    const end = element?.selectionEnd ?? text.length;
    onChange(text.slice(0, start) + snippet + text.slice(end));
    setPicking(false);
    requestAnimationFrame(() => {
      element?.focus();
      element?.setSelectionRange(start + snippet.length, start + snippet.length);
    });
  }

  const common = {
    id,
    ref: input,
    value: text,
    placeholder: spec.ui.placeholder,
    'data-field-path': path,
    'aria-describedby': describedBy,
    'aria-invalid': describedBy?.includes('-problems') ? true : undefined,
    className: isExpression ? 'mono' : undefined,
    onChange: (event: { target: { value: string } }) =>
      onChange(event.target.value === '' && spec.optional ? undefined : event.target.value),
  };

  return (
    <div className="string-control">
      <div className="input-row">
        {multiline ? (
          <textarea rows={widget === 'json' ? 6 : 3} {...common} />
        ) : (
          <input type="text" {...common} />
        )}
        {takesFields && (
          <button
            type="button"
            className="icon-button picker-button"
            aria-label={`Insert a field into ${label}`}
            aria-expanded={picking}
            title="Insert a SCIM attribute or step output"
            onClick={() => setPicking(!picking)}
          >
            {'{ }'}
          </button>
        )}
      </div>
      {picking && (
        <FieldPicker
          extraFields={listExtraFields()}
          onPick={insert}
          onClose={() => setPicking(false)}
        />
      )}
      {takesFields && (
        <ExpressionPreview
          text={text}
          kind={isExpression ? 'expression' : 'template'}
          scope={previewScope}
        />
      )}
    </div>
  );
}

type NumberSpec = Extract<FieldSpec, { kind: 'number' }>;

/** Number input with the schema's bounds. */
export function NumberControl({
  spec,
  value,
  onChange,
  path,
  id,
  describedBy,
}: ControlProps<NumberSpec>) {
  const [draft, setDraft] = useState<string | null>(null);
  const displayed = draft ?? (typeof value === 'number' ? String(value) : '');
  return (
    <input
      id={id}
      type="number"
      inputMode={spec.integer ? 'numeric' : 'decimal'}
      step={spec.integer ? 1 : 'any'}
      min={spec.min}
      max={spec.max}
      value={displayed}
      placeholder={
        spec.defaultValue !== undefined ? String(spec.defaultValue) : spec.ui.placeholder
      }
      data-field-path={path}
      aria-describedby={describedBy}
      onChange={(event) => {
        const text = event.target.value;
        setDraft(text);
        if (text === '') onChange(undefined);
        else if (Number.isFinite(Number(text))) onChange(Number(text));
      }}
      onBlur={() => setDraft(null)}
    />
  );
}

type EnumSpec = Extract<FieldSpec, { kind: 'enum' }>;

/** Renders a select of the enum's options; optional fields can be left unset. */
export function EnumControl({
  spec,
  value,
  onChange,
  path,
  id,
  describedBy,
}: ControlProps<EnumSpec>) {
  const current = value === undefined ? '' : String(value);
  return (
    <select
      id={id}
      value={current}
      data-field-path={path}
      aria-describedby={describedBy}
      onChange={(event) => onChange(event.target.value === '' ? undefined : event.target.value)}
    >
      {(spec.optional || spec.defaultValue !== undefined || current === '') && (
        <option value="">
          {spec.defaultValue !== undefined ? `Default (${String(spec.defaultValue)})` : '—'}
        </option>
      )}
      {spec.options.map((option) => (
        <option key={option.value} value={option.value}>
          {option.label}
        </option>
      ))}
    </select>
  );
}

/** Checkboxes for an array of enum values (`multiselect`). */
export function MultiSelectControl({
  options,
  value,
  onChange,
  path,
  id,
  label,
}: {
  options: EnumSpec['options'];
  value: unknown;
  onChange: (value: unknown) => void;
  path: string;
  id: string;
  label: string;
}) {
  const selected = new Set(Array.isArray(value) ? value.map(String) : []);
  return (
    <fieldset id={id} className="multiselect" data-field-path={path} aria-label={label}>
      {options.map((option) => (
        <label key={option.value} className="checkbox">
          <input
            type="checkbox"
            checked={selected.has(option.value)}
            onChange={(event) => {
              const next = new Set(selected);
              if (event.target.checked) next.add(option.value);
              else next.delete(option.value);
              onChange(
                options
                  .map((candidate) => candidate.value)
                  .filter((candidate) => next.has(candidate)),
              );
            }}
          />
          {option.label}
        </label>
      ))}
    </fieldset>
  );
}

/** Edits a value the form has no widget for, as JSON. */
export function JsonControl({
  value,
  onChange,
  path,
  id,
  describedBy,
}: Omit<ControlProps, 'label' | 'spec'>) {
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const displayed = draft ?? (value === undefined ? '' : JSON.stringify(value, null, 2));
  return (
    <>
      <textarea
        id={id}
        className="mono"
        rows={5}
        value={displayed}
        data-field-path={path}
        aria-describedby={describedBy}
        aria-invalid={error ? true : undefined}
        onChange={(event) => {
          const text = event.target.value;
          setDraft(text);
          if (text.trim() === '') {
            setError(null);
            onChange(undefined);
            return;
          }
          try {
            onChange(JSON.parse(text));
            setError(null);
          } catch (caught) {
            setError(`Not valid JSON yet: ${(caught as Error).message}`);
          }
        }}
        onBlur={() => !error && setDraft(null)}
      />
      {error && <p className="field-error">{error}</p>}
    </>
  );
}
