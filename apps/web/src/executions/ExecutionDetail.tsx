import { useApi } from '../api/context.js';
import { describeError } from '../api/errors.js';
import { queryKeys, useExecution, useMutation, useQueryClient } from '../api/queries.js';
import type { Execution, Step } from '../api/types.js';
import { href, navigate } from '../app/router.js';
import { JsonBlock } from '../editor/StepResult.js';
import { ErrorNotice, formatTime, Loading, StatusBadge } from '../ui/feedback.js';
import { duration } from './format.js';
import type { NodeLabels } from './nodeLabels.js';
import { StepActivity } from './StepActivity.js';
import { StepName } from './StepName.js';
import { useNodeLabels } from './useNodeLabels.js';

/**
 * Renders one execution: a step timeline with duration bars and each step's input, output,
 * error, HTTP requests and logs. Steps are named by their node's label on the canvas.
 */
export function ExecutionDetail({ executionId }: { executionId: string }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const execution = useExecution(executionId);
  const labels = useNodeLabels(execution.data);
  const retry = useMutation({
    mutationFn: (fromFailedStep: boolean) => api.retryExecution(executionId, fromFailedStep),
    onSuccess: async (result) => {
      await queryClient.invalidateQueries({ queryKey: queryKeys.execution(result.id) });
      if (result.id !== executionId) navigate(`/executions/${result.id}`);
    },
  });

  if (execution.isPending) return <Loading label="Loading the execution…" />;
  if (execution.isError)
    return (
      <ErrorNotice
        title="Could not load the execution"
        error={execution.error}
        onRetry={() => void execution.refetch()}
      />
    );
  const data = execution.data;

  return (
    <section aria-labelledby="execution-title" data-testid="execution-detail">
      <header className="page-header">
        <div>
          <a href={href('/executions')}>← Executions</a>
          <h1 id="execution-title">
            {data.flowName} <StatusBadge status={data.status} />{' '}
            {data.test && <span className="pill">test run</span>}
            {data.dryRun && <span className="pill">dry run</span>}
          </h1>
          <p className="muted">
            <code>{data.eventType}</code> for {data.resource.display ?? data.resource.id} (
            {data.resource.type}){data.endpoint ? ` from endpoint ${data.endpoint}` : ''}
            {data.dialect ? ` (${data.dialect})` : ''} · {versionText(data)} · {data.attempts}{' '}
            {data.attempts === 1 ? 'attempt' : 'attempts'} · queued {formatTime(data.queuedAt)} ·
            took {duration(data.startedAt, data.finishedAt)}
          </p>
        </div>
        {data.status === 'failed' && !data.test && (
          <div className="actions">
            <button type="button" onClick={() => retry.mutate(true)} disabled={retry.isPending}>
              Retry from the failed step
            </button>
            <button
              type="button"
              className="primary"
              onClick={() => retry.mutate(false)}
              disabled={retry.isPending}
            >
              Retry from the start
            </button>
          </div>
        )}
      </header>
      {data.test && (
        <p className="notice" data-testid="test-run-notice">
          This is a test run of the flow&apos;s draft from the designer, so it cannot be retried
          here. To run it again, open the flow and start a new test run.
        </p>
      )}
      {retry.isError && (
        <p className="field-error" role="alert">
          The retry failed to start: {describeError(retry.error)}
        </p>
      )}
      {data.error !== undefined && (
        <pre className="step-error" role="alert">
          {typeof data.error === 'string' ? data.error : data.error.message}
        </pre>
      )}
      <Timeline execution={data} labels={labels} />
    </section>
  );
}

function Timeline({ execution, labels }: { execution: Execution; labels: NodeLabels }) {
  if (execution.steps.length === 0) return <p className="muted">No step has run yet.</p>;

  const start = Math.min(
    ...execution.steps.map((step) => new Date(step.startedAt).getTime()).filter(Number.isFinite),
  );
  const end = Math.max(
    ...execution.steps.map((step) => new Date(step.finishedAt).getTime()).filter(Number.isFinite),
  );
  const total = Math.max(end - start, 1);

  return (
    <ol className="timeline" aria-label="Steps">
      {execution.steps.map((step, index) => (
        <li
          key={`${step.nodeId}-${index}`}
          className={`timeline-step status-border-${step.status}`}
        >
          <details open={step.status === 'failed'}>
            <summary>
              <StatusBadge status={step.status} /> <StepName nodeId={step.nodeId} labels={labels} />{' '}
              <code className="muted">{step.nodeType}</code>{' '}
              {step.outcome && <span className="pill">{step.outcome}</span>}
              <span className="muted small">
                {' '}
                {step.durationMs} ms{step.attempts > 1 ? ` · ${step.attempts} attempts` : ''}
              </span>
              <DurationBar step={step} start={start} total={total} />
            </summary>
            {step.error !== undefined && (
              <pre className="step-error">
                {typeof step.error === 'string' ? step.error : step.error.message}
              </pre>
            )}
            <StepActivity step={step} layout="table" />
            <JsonBlock title="Input" value={step.input} />
            <JsonBlock title="Output" value={step.output} />
          </details>
        </li>
      ))}
    </ol>
  );
}

function DurationBar({ step, start, total }: { step: Step; start: number; total: number }) {
  const offset = ((new Date(step.startedAt).getTime() - start) / total) * 100;
  const width = Math.max((step.durationMs / total) * 100, 0.5);
  return (
    <span className="duration-track" aria-hidden="true">
      <span
        className={`duration-bar status-${step.status}`}
        style={{
          marginLeft: `${Math.max(0, Math.min(offset, 100))}%`,
          width: `${Math.min(width, 100)}%`,
        }}
      />
    </span>
  );
}

function versionText(execution: Execution): string {
  if (execution.version !== null) return `version ${execution.version}`;
  return execution.test ? 'test run of the draft' : 'draft';
}
