import { useMemo, useState } from 'react';

import { useApi } from '../api/context.js';
import { describeError } from '../api/errors.js';
import { useMutation, useSamples } from '../api/queries.js';
import { href } from '../app/router.js';
import { useCatalogue } from '../catalogue/context.js';
import { nodeLabels } from '../executions/nodeLabels.js';
import { StepName } from '../executions/StepName.js';
import { ErrorNotice, Loading, StatusBadge } from '../ui/feedback.js';
import { Icon } from '../ui/icons.js';
import { useEditorStore, useEditorStoreApi } from './store/context.js';

/** Picks a sample event and runs the draft on it, dry or live; results show on each node. */
export function TestRunPanel({
  saveNow,
  onShowNode,
}: {
  saveNow: () => Promise<boolean>;
  onShowNode: () => void;
}) {
  const api = useApi();
  const store = useEditorStoreApi();
  const samples = useSamples();
  const sampleId = useEditorStore((state) => state.sampleId);
  const execution = useEditorStore((state) => state.execution);
  // The run's steps are named by the draft on the canvas, so a renamed node shows its new label.
  const document = useEditorStore((state) => state.document);
  const catalogue = useCatalogue();
  const labels = useMemo(() => nodeLabels(document, catalogue), [document, catalogue]);
  const [dryRun, setDryRun] = useState(true);
  const chosen = sampleId ?? samples.data?.[0]?.id ?? null;

  const run = useMutation({
    mutationFn: async () => {
      // The server runs the saved draft, so unsaved edits are saved first.
      if (!(await saveNow()))
        throw new Error(
          'The draft could not be saved, so the test run did not start. Fix the save error and try again.',
        );
      // The run gets the sample's event itself, the same event the config previews evaluate.
      const sample = samples.data?.find((candidate) => candidate.id === chosen);
      return api.testRun(
        store.getState().flowId,
        sample ? { event: sample.event, dryRun } : { sampleId: chosen ?? undefined, dryRun },
      );
    },
    onSuccess: (result) => store.getState().setExecution(result),
  });

  let runLabel = dryRun ? 'Run dry' : 'Run live';
  if (run.isPending) runLabel = 'Running…';

  return (
    <section className="stack" aria-label="Test run" data-testid="test-run-panel">
      {samples.isPending && <Loading label="Loading sample events…" />}
      {samples.isError && (
        <ErrorNotice
          title="Could not load the sample events"
          error={samples.error}
          onRetry={() => void samples.refetch()}
        />
      )}
      {samples.data && (
        <>
          <label>
            Sample event
            <select
              value={chosen ?? ''}
              onChange={(event) => store.getState().setSample(event.target.value || null)}
              data-testid="sample-select"
            >
              {samples.data.length === 0 && <option value="">No samples</option>}
              {samples.data.map((sample) => (
                <option key={sample.id} value={sample.id}>
                  {sample.label} {sample.source === 'recorded' ? '(recorded)' : ''}
                </option>
              ))}
            </select>
          </label>
          <label className="checkbox">
            <input
              type="checkbox"
              checked={dryRun}
              onChange={(event) => setDryRun(event.target.checked)}
            />
            Dry run: connectors report the calls they would make and change nothing
          </label>
          {!dryRun && (
            <p className="notice notice-warning">
              A live run sends real requests: invites, accounts and rows are created.
            </p>
          )}
          <button
            type="button"
            className="primary"
            disabled={run.isPending || !chosen}
            onClick={() => run.mutate()}
            data-testid="run-test"
          >
            <Icon name="play" /> {runLabel}
          </button>
        </>
      )}
      {run.isError && (
        <p className="field-error" role="alert">
          The test run failed to start: {describeError(run.error)}
        </p>
      )}
      {execution && (
        <div className="run-summary">
          <h3>
            Last run <StatusBadge status={execution.status} />{' '}
            {execution.dryRun && <span className="pill">dry run</span>}
          </h3>
          {execution.error !== undefined && (
            <p className="field-error">
              {typeof execution.error === 'string' ? execution.error : execution.error.message}
            </p>
          )}
          <ol className="step-list">
            {execution.steps.map((step) => (
              <li key={step.nodeId}>
                <button
                  type="button"
                  className="link-button"
                  onClick={() => {
                    store.getState().selectNodes([step.nodeId]);
                    onShowNode();
                  }}
                >
                  <StatusBadge status={step.status} />{' '}
                  <StepName nodeId={step.nodeId} labels={labels} />{' '}
                  <span className="muted small">
                    {step.durationMs} ms{requestCount(step.requests)}
                  </span>
                </button>
              </li>
            ))}
          </ol>
          <a href={href(`/executions/${execution.id}`)}>Open the execution</a>
        </div>
      )}
    </section>
  );
}

function requestCount(requests: readonly unknown[]): string {
  const count = requests.length;
  if (count === 0) return '';
  return ` · ${count} HTTP ${count === 1 ? 'request' : 'requests'}`;
}
