import { useState } from 'react';

import { useExecutions, useFlows } from '../api/queries.js';
import type { ExecutionFilters, ExecutionStatus } from '../api/types.js';
import { href, navigate } from '../app/router.js';
import { EmptyState, ErrorNotice, formatTime, Loading, StatusBadge } from '../ui/feedback.js';
import { duration } from './format.js';

const STATUSES: ExecutionStatus[] = ['queued', 'running', 'succeeded', 'failed'];
const PAGE_SIZE = 50;

/**
 * Executions across flows, newest first, filtered by flow, status, person and time. Test runs
 * from the designer are listed apart, behind the "Test runs only" switch.
 */
export function ExecutionsPage({ initialFlowId }: { initialFlowId?: string }) {
  const flows = useFlows();
  const [filters, setFilters] = useState<ExecutionFilters>({
    flowId: initialFlowId,
    status: '',
    resource: '',
    since: '',
    until: '',
    limit: PAGE_SIZE,
  });
  const [pages, setPages] = useState<(string | undefined)[]>([undefined]);
  const before = pages[pages.length - 1];
  const executions = useExecutions({
    ...filters,
    before,
    since: toIso(filters.since),
    until: toIso(filters.until),
  });

  function update(patch: Partial<ExecutionFilters>) {
    setFilters({ ...filters, ...patch });
    setPages([undefined]);
  }

  return (
    <section aria-labelledby="executions-title">
      <header className="page-header">
        <h1 id="executions-title">Executions</h1>
      </header>
      <form
        className="filters"
        role="search"
        aria-label="Filter executions"
        onSubmit={(event) => event.preventDefault()}
      >
        <label>
          Flow
          <select
            value={filters.flowId ?? ''}
            onChange={(event) => update({ flowId: event.target.value || undefined })}
          >
            <option value="">All flows</option>
            {flows.data?.map((flow) => (
              <option key={flow.id} value={flow.id}>
                {flow.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Status
          <select
            value={filters.status ?? ''}
            onChange={(event) => update({ status: event.target.value as ExecutionStatus | '' })}
          >
            <option value="">Any status</option>
            {STATUSES.map((status) => (
              <option key={status} value={status}>
                {status}
              </option>
            ))}
          </select>
        </label>
        <label className="filter-resource">
          Person or group
          <input
            type="search"
            value={filters.resource ?? ''}
            placeholder="userName, display name or id"
            onChange={(event) => update({ resource: event.target.value })}
          />
        </label>
        <label>
          From
          <input
            type="datetime-local"
            value={filters.since ?? ''}
            onChange={(event) => update({ since: event.target.value })}
          />
        </label>
        <label>
          To
          <input
            type="datetime-local"
            value={filters.until ?? ''}
            onChange={(event) => update({ until: event.target.value })}
          />
        </label>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={filters.test === true}
            onChange={(event) => update({ test: event.target.checked || undefined })}
          />
          Test runs only
        </label>
      </form>

      {executions.isPending && <Loading label="Loading executions…" />}
      {executions.isError && (
        <ErrorNotice
          title="Could not load the executions"
          error={executions.error}
          onRetry={() => void executions.refetch()}
        />
      )}
      {executions.data?.items.length === 0 && (
        <EmptyState icon="list" title="No executions match">
          {filters.test ? (
            <p>Test runs appear when you run a draft from the flow editor&apos;s Test run panel.</p>
          ) : (
            <p>
              Executions appear when a published, enabled flow runs on a provisioning event. Test
              runs of drafts are listed with &ldquo;Test runs only&rdquo;.
            </p>
          )}
        </EmptyState>
      )}
      {executions.data && executions.data.items.length > 0 && (
        <>
          <table className="table" data-testid="executions-table">
            <thead>
              <tr>
                <th scope="col">Status</th>
                <th scope="col">Flow</th>
                <th scope="col">Event</th>
                <th scope="col">Resource</th>
                <th scope="col">Endpoint</th>
                <th scope="col">Started</th>
                <th scope="col">Duration</th>
              </tr>
            </thead>
            <tbody>
              {executions.data.items.map((execution) => (
                <tr
                  key={execution.id}
                  className="clickable-row"
                  // The status link stays the keyboard route; a click anywhere on the row opens it too.
                  onClick={(event) => {
                    if ((event.target as HTMLElement).closest('a')) return;
                    navigate(`/executions/${execution.id}`);
                  }}
                >
                  <td>
                    <a
                      href={href(`/executions/${execution.id}`)}
                      aria-label={`Execution ${execution.id}: ${execution.status}`}
                    >
                      <StatusBadge status={execution.status} />
                    </a>
                    {execution.test && <span className="pill">test run</span>}
                    {execution.dryRun && <span className="pill">dry run</span>}
                  </td>
                  <td>
                    {execution.flowName}{' '}
                    <span className="muted">
                      {execution.version === null ? 'draft' : `v${execution.version}`}
                    </span>
                  </td>
                  <td>
                    <code>{execution.eventType}</code>
                  </td>
                  <td>{execution.resource.display ?? execution.resource.id}</td>
                  <td className="muted">{execution.endpoint ?? ''}</td>
                  <td>{formatTime(execution.startedAt ?? execution.queuedAt)}</td>
                  <td>{duration(execution.startedAt, execution.finishedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="pager">
            <button
              type="button"
              disabled={pages.length <= 1}
              onClick={() => setPages(pages.slice(0, -1))}
            >
              Newer
            </button>
            <button
              type="button"
              disabled={!executions.data.nextBefore}
              onClick={() => setPages([...pages, executions.data.nextBefore])}
            >
              Older
            </button>
          </div>
        </>
      )}
    </section>
  );
}

// datetime-local values carry no zone; the API takes ISO instants.
function toIso(local: string | undefined): string | undefined {
  if (!local) return undefined;
  const date = new Date(local);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}
