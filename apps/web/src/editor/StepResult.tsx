import { StepActivity } from '../executions/StepActivity.js';
import { StatusBadge } from '../ui/feedback.js';
import { useEditorStore } from './store/context.js';

/** Shows the last test run's error, HTTP requests, logs, input and output for one node. */
export function StepResult({ nodeId }: { nodeId: string }) {
  const step = useEditorStore((state) => state.runSteps[nodeId]);
  const hasRun = useEditorStore((state) => state.execution !== null);
  if (!hasRun) return null;

  if (!step) {
    return (
      <section className="step-result" aria-label="Test run result">
        <h3>Test run</h3>
        <p className="muted">This node did not run in the last test run.</p>
      </section>
    );
  }

  return (
    <section className="step-result" aria-label="Test run result" data-testid="step-result">
      <h3>
        Test run <StatusBadge status={step.status} />{' '}
        <span className="muted small">{step.durationMs} ms</span>
        {step.outcome && <span className="pill">{step.outcome}</span>}
      </h3>
      {step.error !== undefined && (
        <pre className="step-error" role="alert">
          {typeof step.error === 'string' ? step.error : step.error.message}
        </pre>
      )}
      <StepActivity step={step} layout="list" />
      <JsonBlock title="Input" value={step.input} />
      <JsonBlock title="Output" value={step.output} />
    </section>
  );
}

/** Renders a collapsible JSON value. */
export function JsonBlock({ title, value }: { title: string; value: unknown }) {
  return (
    <details open>
      <summary>{title}</summary>
      <pre className="json">{value === undefined ? '—' : JSON.stringify(value, null, 2)}</pre>
    </details>
  );
}
