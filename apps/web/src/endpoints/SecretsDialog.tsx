import type { EndpointSecrets } from '../api/types.js';
import { Dialog } from '../ui/Dialog.js';
import { CopyButton } from '../ui/feedback.js';

/** Shows endpoint credentials once, right after they are created or rotated. */
export function SecretsDialog({
  title,
  secrets,
  onClose,
}: {
  title: string;
  secrets: EndpointSecrets;
  onClose: () => void;
}) {
  const entries = flatten(secrets);
  return (
    <Dialog
      title={title}
      onClose={onClose}
      testId="secrets-dialog"
      actions={
        <button type="button" className="primary" onClick={onClose}>
          I have stored them
        </button>
      }
    >
      <p className="notice notice-warning">
        Copy these now: ScimFlow does not show them again. Rotate to get new ones.
      </p>
      <dl className="secrets">
        {entries.map(([key, value]) => (
          <div key={key}>
            <dt>{key}</dt>
            <dd>
              <code data-testid={`secret-${key}`}>{value}</code>
              <CopyButton value={value} label={key} />
            </dd>
          </div>
        ))}
      </dl>
    </Dialog>
  );
}

/** Flattens nested secrets (`{basic: {username, password}}`) into labelled strings. */
function flatten(value: unknown, prefix = ''): [string, string][] {
  if (value === null || value === undefined) return [];
  if (typeof value !== 'object') return [[prefix || 'value', String(value)]];
  return Object.entries(value as Record<string, unknown>).flatMap(([key, entry]) =>
    flatten(entry, prefix ? `${prefix}.${key}` : key),
  );
}
