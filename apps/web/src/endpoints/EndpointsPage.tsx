import { useState } from 'react';

import { useApi } from '../api/context.js';
import { describeError } from '../api/errors.js';
import {
  queryKeys,
  useEndpoints,
  useInboundRequests,
  useMutation,
  useQueryClient,
} from '../api/queries.js';
import type { Endpoint, EndpointCredentialKind, EndpointSecrets } from '../api/types.js';
import { Dialog } from '../ui/Dialog.js';
import { CopyButton, EmptyState, ErrorNotice, formatTime, Loading } from '../ui/feedback.js';
import { Icon } from '../ui/icons.js';
import { EndpointSettings } from './EndpointSettings.js';
import { SecretsDialog } from './SecretsDialog.js';

const AUTH_KINDS: { kind: EndpointCredentialKind; label: string; help: string }[] = [
  {
    kind: 'oauth2',
    label: 'OAuth2 client credentials',
    help: 'For clients that get a token with the client-credentials grant: paste the client id, secret and token URL. Asgardeo sends static credentials instead.',
  },
  {
    kind: 'bearer',
    label: 'Static bearer token',
    help: 'Asgardeo and WSO2 in Bearer mode, Okta (HTTP Header) and Entra ID (Secret Token).',
  },
  {
    kind: 'basic',
    label: 'Basic auth',
    help: 'Asgardeo and WSO2 in their default Basic mode, and Okta Basic Auth.',
  },
  {
    kind: 'apiKey',
    label: 'API key header',
    help: 'Asgardeo and WSO2 in API Key mode: the key in this header, or as a bare Authorization value.',
  },
];

/** SCIM endpoints: URLs to paste into the identity provider, auth, rotation and the request log. */
export function EndpointsPage() {
  const endpoints = useEndpoints();
  const [creating, setCreating] = useState(false);
  const [secrets, setSecrets] = useState<{ title: string; secrets: EndpointSecrets } | null>(null);

  return (
    <section aria-labelledby="endpoints-title">
      <header className="page-header">
        <h1 id="endpoints-title">SCIM endpoints</h1>
        <button type="button" className="primary" onClick={() => setCreating(true)}>
          <Icon name="plus" /> New endpoint
        </button>
      </header>
      {endpoints.isPending && <Loading label="Loading endpoints…" />}
      {endpoints.isError && (
        <ErrorNotice
          title="Could not load the endpoints"
          error={endpoints.error}
          onRetry={() => void endpoints.refetch()}
        />
      )}
      {endpoints.data?.length === 0 && (
        <EmptyState icon="link" title="No endpoints yet">
          <p>
            An endpoint is the SCIM base URL an identity provider provisions users and groups into.
          </p>
        </EmptyState>
      )}
      {endpoints.data?.map((endpoint) => (
        <EndpointCard
          key={endpoint.slug}
          endpoint={endpoint}
          onSecrets={(title, shown) => setSecrets({ title, secrets: shown })}
        />
      ))}
      {creating && (
        <CreateEndpointDialog
          onClose={() => setCreating(false)}
          onCreated={(shown) => setSecrets({ title: 'Endpoint created', secrets: shown })}
        />
      )}
      {secrets && (
        <SecretsDialog
          title={secrets.title}
          secrets={secrets.secrets}
          onClose={() => setSecrets(null)}
        />
      )}
    </section>
  );
}

function UrlRow({ label, url, testId }: { label: string; url: string; testId: string }) {
  return (
    <div className="url-row">
      <dt>{label}</dt>
      <dd>
        <code data-testid={testId}>{url}</code>
        <CopyButton value={url} label={label} />
      </dd>
    </div>
  );
}

function EndpointCard({
  endpoint,
  onSecrets,
}: {
  endpoint: Endpoint;
  onSecrets: (title: string, secrets: EndpointSecrets) => void;
}) {
  const api = useApi();
  const queryClient = useQueryClient();
  const [showLog, setShowLog] = useState(false);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const rotate = useMutation({
    mutationFn: (kind: EndpointCredentialKind) => api.rotateEndpointCredential(endpoint.slug, kind),
    onSuccess: async (result, kind) => {
      await queryClient.invalidateQueries({ queryKey: queryKeys.endpoints });
      onSecrets(
        `New ${AUTH_KINDS.find((item) => item.kind === kind)?.label ?? kind} for ${endpoint.name}`,
        result.secrets,
      );
    },
  });

  return (
    <article
      className="card endpoint"
      aria-labelledby={`endpoint-${endpoint.slug}`}
      data-testid={`endpoint-${endpoint.slug}`}
    >
      <header>
        <h2 id={`endpoint-${endpoint.slug}`}>{endpoint.name}</h2>
        <button type="button" className="endpoint-settings" onClick={() => setSettingsOpen(true)}>
          Settings
        </button>
        <span className="muted">
          {endpoint.counts.users} users · {endpoint.counts.groups} groups · created{' '}
          {formatTime(endpoint.createdAt)}
        </span>
      </header>
      <dl className="urls">
        <UrlRow label="Users URL" url={endpoint.usersUrl} testId="users-url" />
        <UrlRow label="Groups URL" url={endpoint.groupsUrl} testId="groups-url" />
        <UrlRow label="SCIM base URL" url={endpoint.baseUrl} testId="base-url" />
        <UrlRow label="OAuth2 token URL" url={endpoint.tokenUrl} testId="token-url" />
        <UrlRow
          label="Legacy URL (old WSO2 SCIM connector)"
          url={endpoint.legacyUrl}
          testId="legacy-url"
        />
      </dl>

      <h3>Authentication</h3>
      <ul className="auth-list">
        {AUTH_KINDS.map(({ kind, label, help }) => (
          <li key={kind}>
            <div>
              <strong>{label}</strong>{' '}
              {endpoint.auth[kind].configured ? (
                <span className="pill pill-ok">configured</span>
              ) : (
                <span className="pill">not set</span>
              )}
              {kind === 'oauth2' && endpoint.auth.oauth2.clientId && (
                <span className="inline-value">
                  Client id <code>{endpoint.auth.oauth2.clientId}</code>
                  <CopyButton value={endpoint.auth.oauth2.clientId} label="client id" />
                </span>
              )}
              {kind === 'basic' && endpoint.auth.basic.username && (
                <span className="inline-value">
                  Username <code>{endpoint.auth.basic.username}</code>
                </span>
              )}
              {kind === 'apiKey' && endpoint.auth.apiKey.header && (
                <span className="inline-value">
                  Header <code>{endpoint.auth.apiKey.header}</code>
                </span>
              )}
              <p className="help">{help}</p>
            </div>
            <button type="button" onClick={() => rotate.mutate(kind)} disabled={rotate.isPending}>
              {endpoint.auth[kind].configured ? 'Rotate' : 'Generate'}
            </button>
          </li>
        ))}
      </ul>
      {rotate.isError && (
        <p className="field-error" role="alert">
          Rotation failed: {describeError(rotate.error)}
        </p>
      )}

      <button
        type="button"
        className="link-button"
        aria-expanded={showLog}
        onClick={() => setShowLog(!showLog)}
      >
        {showLog ? 'Hide' : 'Show'} recent requests
      </button>
      {showLog && <RequestLog slug={endpoint.slug} />}
      {settingsOpen && (
        <EndpointSettings endpoint={endpoint} onClose={() => setSettingsOpen(false)} />
      )}
    </article>
  );
}

function RequestLog({ slug }: { slug: string }) {
  const requests = useInboundRequests(slug);
  if (requests.isPending) return <Loading label="Loading requests…" />;
  if (requests.isError)
    return (
      <ErrorNotice
        title="Could not load the request log"
        error={requests.error}
        onRetry={() => void requests.refetch()}
      />
    );
  if (requests.data.length === 0)
    return (
      <p className="muted">
        No requests yet. Point your identity provider at the Users URL and run a provisioning test.
      </p>
    );

  return (
    <table className="table compact" aria-label="Recent requests">
      <thead>
        <tr>
          <th scope="col">Time</th>
          <th scope="col">Request</th>
          <th scope="col">Status</th>
          <th scope="col">Duration</th>
          <th scope="col">Client</th>
        </tr>
      </thead>
      <tbody>
        {requests.data.map((request, index) => (
          <tr key={request.id ?? index}>
            <td>{formatTime(request.at)}</td>
            <td>
              <details>
                <summary>
                  <code>
                    {request.method} {request.path}
                    {request.query ? `?${safeDecode(request.query)}` : ''}
                  </code>
                </summary>
                <p className="muted small">Request body</p>
                <pre>{prettyBody(request.requestBody)}</pre>
                <p className="muted small">Response body</p>
                <pre>{prettyBody(request.responseBody)}</pre>
              </details>
            </td>
            <td className={request.status && request.status >= 400 ? 'field-error' : undefined}>
              {request.status ?? '—'}
            </td>
            <td>{request.durationMs !== undefined ? `${request.durationMs} ms` : '—'}</td>
            <td className="muted small">
              {request.dialect ?? ''} {request.userAgent ? `(${request.userAgent})` : ''}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Shows a logged body as indented JSON when it parses, as sent otherwise. */
function prettyBody(body: string | null | undefined): string {
  if (!body) return '(empty)';
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}

function safeDecode(query: string): string {
  try {
    return decodeURIComponent(query);
  } catch {
    return query;
  }
}

function CreateEndpointDialog({
  onClose,
  onCreated,
}: {
  onClose: () => void;
  onCreated: (secrets: EndpointSecrets) => void;
}) {
  const api = useApi();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [slug, setSlug] = useState('');
  const create = useMutation({
    mutationFn: () => api.createEndpoint({ slug: slug.trim(), name: name.trim() }),
    onSuccess: async (result) => {
      await queryClient.invalidateQueries({ queryKey: queryKeys.endpoints });
      onClose();
      onCreated(result.secrets);
    },
  });

  return (
    <Dialog title="New SCIM endpoint" onClose={onClose}>
      <form
        className="stack"
        onSubmit={(event) => {
          event.preventDefault();
          create.mutate();
        }}
      >
        <label>
          Name
          <input
            value={name}
            onChange={(event) => setName(event.target.value)}
            required
            placeholder="Asgardeo production"
          />
        </label>
        <label>
          Slug
          <input
            value={slug}
            onChange={(event) => setSlug(event.target.value.toLowerCase())}
            required
            pattern="[a-z0-9][a-z0-9-]*"
            placeholder="asgardeo"
          />
          <span className="help">
            Lowercase letters, digits and hyphens; it becomes part of the SCIM URL.
          </span>
        </label>
        {create.isError && (
          <p className="field-error" role="alert">
            Could not create the endpoint: {describeError(create.error)}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={create.isPending}>
            Create endpoint
          </button>
        </div>
      </form>
    </Dialog>
  );
}
