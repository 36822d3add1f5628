import { buildScope, RetryOverrideSchema, type FlowNode } from '@scimflow/flow';
import type { NodeDefinition } from '@scimflow/nodes';
import { useEffect, useMemo, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';

import { useSamples } from '../api/queries.js';
import type { Problem } from '../api/types.js';
import { useCatalogue } from '../catalogue/context.js';
import { stepFields } from '../fields/fieldCatalogue.js';
import { FormEnvironmentContext, type FormEnvironment } from '../forms/FormContext.js';
import { SchemaForm } from '../forms/SchemaForm.js';
import { Icon } from '../ui/icons.js';
import { setConfigField, setNodeLabel } from './actions.js';
import { CredentialPicker } from './CredentialPicker.js';
import { StepResult } from './StepResult.js';
import { useEditorStore, useEditorStoreApi } from './store/context.js';

/** The fields of a node that its config panel edits; moving the node changes none of them. */
type EditedNode = Pick<FlowNode, 'id' | 'type' | 'label' | 'config' | 'credential' | 'retry'>;

/** Renders the config panel of the selected node: label, credential, config form, retry and test result. */
export function ConfigPanel({ nodeId }: { nodeId: string }) {
  // A shallow pick of the edited fields, so dragging the node does not re-render the panel.
  const node = useEditorStore(
    useShallow((state): EditedNode | null => {
      const found = state.document.nodes.find((candidate) => candidate.id === nodeId);
      if (!found) return null;
      const { id, type, label, config, credential, retry } = found;
      return { id, type, label, config, credential, retry };
    }),
  );
  const catalogue = useCatalogue();
  const definition = node ? catalogue.get(node.type) : undefined;
  if (!node) return null;

  return (
    <section
      className="config-panel"
      aria-label={`Configure ${node.label ?? definition?.label ?? node.id}`}
      data-testid="config-panel"
    >
      <header className="panel-header">
        <span className={`flow-node-icon category-${definition?.category ?? 'unknown'}`}>
          <Icon name={definition?.icon ?? 'warning'} />
        </span>
        <div>
          <h2>{definition?.label ?? node.type}</h2>
          <code className="muted small">{node.id}</code>
        </div>
      </header>
      {definition ? (
        <NodeForm node={node} definition={definition} />
      ) : (
        <p className="field-error">
          Node type “{node.type}” is unknown to this designer, so its config cannot be edited.
          Replace the node with one from the palette.
        </p>
      )}
    </section>
  );
}

function NodeForm({ node, definition }: { node: EditedNode; definition: NodeDefinition }) {
  const store = useEditorStoreApi();
  const catalogue = useCatalogue();
  const panel = useRef<HTMLDivElement>(null);
  const problems = useEditorStore((state) => state.problems);
  const sampleId = useEditorStore((state) => state.sampleId);
  const runSteps = useEditorStore((state) => state.runSteps);
  const focus = useEditorStore((state) => state.focus);
  const samples = useSamples();

  const fieldProblems = useMemo(() => problemsByField(problems, node.id), [problems, node.id]);
  const previewScope = useMemo(() => {
    const sample =
      samples.data?.find((candidate) => candidate.id === sampleId) ?? samples.data?.[0];
    if (!sample) return null;
    const steps = Object.fromEntries(
      Object.values(runSteps).map((step) => [step.nodeId, { output: step.output }]),
    );
    return buildScope(sample.event, steps);
  }, [samples.data, sampleId, runSteps]);

  const environment = useMemo<FormEnvironment>(
    () => ({
      previewScope,
      listExtraFields: () =>
        stepFields(
          store.getState().document,
          node.id,
          (type) => catalogue.get(type)?.label ?? type,
        ),
      problems: fieldProblems.config,
      idPrefix: `node-${node.id}`,
    }),
    [previewScope, fieldProblems, node.id, store, catalogue],
  );

  // A click on a problem requests focus for its field, and the panel finds the control by its path.
  useEffect(() => {
    if (!focus || focus.nodeId !== node.id || !focus.field) return;
    const path = focus.field.replace(/^config\./, '');
    const control = panel.current?.querySelector<HTMLElement>(
      `[data-field-path="${CSS.escape(path)}"]`,
    );
    // Groups such as a multiselect's fieldset take no focus, so their first input gets it.
    const focusable = control?.matches('input, select, textarea, button')
      ? control
      : control?.querySelector<HTMLElement>('input, select, textarea, button');
    focusable?.focus();
    control?.scrollIntoView?.({ block: 'center' });
  }, [focus, node.id]);

  return (
    <div ref={panel} className="stack">
      <p className="help">{definition.description}</p>
      <div className="field">
        <label className="field-label" htmlFor={`label-${node.id}`}>
          Label
        </label>
        <input
          id={`label-${node.id}`}
          value={node.label ?? ''}
          placeholder={definition.label}
          maxLength={200}
          onChange={(event) => setNodeLabel(store, node.id, event.target.value)}
        />
      </div>
      {definition.credentialTypes && definition.credentialTypes.length > 0 && (
        <CredentialPicker
          nodeId={node.id}
          value={node.credential}
          types={definition.credentialTypes}
          problems={fieldProblems.credential}
        />
      )}
      <FormEnvironmentContext.Provider value={environment}>
        <SchemaForm
          schema={definition.config}
          value={node.config}
          onFieldChange={(key, value) => setConfigField(store, node.id, key, value)}
        />
        {fieldProblems.other.length > 0 && (
          <ul className="field-problems">
            {fieldProblems.other.map((message) => (
              <li key={message}>{message}</li>
            ))}
          </ul>
        )}
        {!definition.isTrigger && (
          <details className="retry">
            <summary>Retry policy</summary>
            <SchemaForm
              schema={RetryOverrideSchema}
              value={node.retry ?? {}}
              onFieldChange={(key, value) => {
                const retry = { ...node.retry, [key]: value };
                if (value === undefined) delete retry[key as keyof typeof retry];
                store.getState().commit(
                  {
                    type: 'setRetry',
                    nodeId: node.id,
                    retry: Object.keys(retry).length ? retry : undefined,
                  },
                  { mergeKey: `${node.id}:retry.${key}` },
                );
              }}
            />
          </details>
        )}
      </FormEnvironmentContext.Provider>
      <StepResult nodeId={node.id} />
    </div>
  );
}

/** Splits a node's problem messages into config fields (by path), the credential and the rest. */
export function problemsByField(
  problems: readonly Problem[],
  nodeId: string,
): { config: Record<string, string[]>; credential: string[]; other: string[] } {
  const result = {
    config: {} as Record<string, string[]>,
    credential: [] as string[],
    other: [] as string[],
  };
  for (const problem of problems) {
    if (problem.nodeId !== nodeId) continue;
    if (problem.field === 'credential') result.credential.push(problem.message);
    else if (problem.field?.startsWith('config.'))
      (result.config[problem.field.slice('config.'.length)] ??= []).push(problem.message);
    else if (problem.field === 'config') result.other.push(problem.message);
    else if (!problem.edgeId) result.other.push(problem.message);
  }
  return result;
}
