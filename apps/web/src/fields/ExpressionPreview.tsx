import {
  evaluateExpression,
  evaluateTemplate,
  hasExpressionParts,
  stringify,
} from '@scimflow/flow';
import { useEffect, useState } from 'react';

type Preview =
  { state: 'idle' } | { state: 'value'; text: string } | { state: 'error'; message: string };

// Waits this long after the last keystroke before evaluating, so typing stays smooth.
const PREVIEW_DELAY_MS = 250;

/**
 * Shows what a template or expression evaluates to against the selected sample event, with
 * the flow package's JSONata evaluation that the runtime uses.
 */
export function ExpressionPreview({
  text,
  kind,
  scope,
}: {
  text: string;
  kind: 'template' | 'expression';
  scope: Record<string, unknown> | null;
}) {
  const [preview, setPreview] = useState<Preview>({ state: 'idle' });

  useEffect(() => {
    if (!scope || !text.trim() || (kind === 'template' && !hasExpressionParts(text))) {
      setPreview({ state: 'idle' });
      return;
    }

    let current = true;
    const timer = setTimeout(() => {
      const evaluation =
        kind === 'template' ? evaluateTemplate(text, scope) : evaluateExpression(text, scope);
      evaluation.then(
        (value) =>
          current &&
          setPreview({
            state: 'value',
            text:
              value === undefined
                ? '(no value)'
                : typeof value === 'string'
                  ? value
                  : stringify(value),
          }),
        (error: unknown) =>
          current &&
          setPreview({
            state: 'error',
            message: error instanceof Error ? error.message : String(error),
          }),
      );
    }, PREVIEW_DELAY_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [text, kind, scope]);

  if (preview.state === 'idle') return null;
  return (
    <output
      className={`preview preview-${preview.state}`}
      aria-live="polite"
      data-testid="expression-preview"
    >
      {preview.state === 'value' ? (
        <>
          <span className="muted">Preview: </span>
          <code>{preview.text}</code>
        </>
      ) : (
        preview.message
      )}
    </output>
  );
}
