import type { Step, StepLog, StepRequest } from '../api/types.js';
import { formatMilliseconds } from './format.js';

/**
 * Shows the HTTP attempts and the log entries of one step, each only when there are some. The
 * execution page has room for a table of attempts, and the editor's side panel gets a list.
 */
export function StepActivity({ step, layout }: { step: Step; layout: 'table' | 'list' }) {
  return (
    <>
      {step.requests.length > 0 && layout === 'table' && <StepRequests requests={step.requests} />}
      {step.requests.length > 0 && layout === 'list' && (
        <StepRequestList requests={step.requests} />
      )}
      {step.logs.length > 0 && <StepLogs logs={step.logs} />}
    </>
  );
}

/** Lists every HTTP attempt of a step: method, URL, status or transport error, duration and what the client did next. */
function StepRequests({ requests }: { requests: StepRequest[] }) {
  return (
    <details open className="step-activity">
      <summary>HTTP requests ({requests.length})</summary>
      <table className="table compact step-requests" aria-label="HTTP requests">
        <thead>
          <tr>
            <th scope="col">Attempt</th>
            <th scope="col">Method</th>
            <th scope="col" className="request-url">
              URL
            </th>
            <th scope="col">Status</th>
            <th scope="col">Duration</th>
            <th scope="col">Next</th>
          </tr>
        </thead>
        <tbody>
          {requests.map((request, index) => (
            <tr key={index}>
              <td>{request.attempt}</td>
              <td>
                <code>{request.method}</code>
              </td>
              <td className="request-url">
                <code>{request.url}</code>
              </td>
              <td>
                <RequestStatus request={request} />
              </td>
              <td>{formatMilliseconds(request.durationMs)}</td>
              <td>{describeNext(request)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

/** Lists every HTTP attempt of a step in two lines each, for narrow panels. */
function StepRequestList({ requests }: { requests: StepRequest[] }) {
  return (
    <details open className="step-activity">
      <summary>HTTP requests ({requests.length})</summary>
      <ol className="step-request-list" aria-label="HTTP requests">
        {requests.map((request, index) => (
          <li key={index}>
            <code>{request.method}</code> <RequestStatus request={request} />{' '}
            <span className="muted">
              {request.attempt > 1 ? `attempt ${request.attempt} · ` : ''}
              {formatMilliseconds(request.durationMs)} · {describeNext(request)}
            </span>
            <code className="request-url">{request.url}</code>
          </li>
        ))}
      </ol>
    </details>
  );
}

function RequestStatus({ request }: { request: StepRequest }) {
  if (request.status !== undefined) {
    const failed = request.status >= 400;
    return <span className={failed ? 'status-failed' : 'status-succeeded'}>{request.status}</span>;
  }
  return <span className="status-failed">{request.error ?? 'no response'}</span>;
}

/** Describes the HTTP client's next step after an attempt, as the runtime journals it. */
function describeNext(request: StepRequest): string {
  const wait = request.delayMs === undefined ? '' : ` after ${formatMilliseconds(request.delayMs)}`;
  switch (request.next) {
    case 'return':
      return 'done';
    case 'retry':
      return `retried${wait}`;
    case 'verify':
      return `checked whether it applied${wait}`;
    case 'giveUp':
      return 'gave up';
    default:
      return request.next ?? '—';
  }
}

/** Lists a step's log entries with their level and any fields. */
function StepLogs({ logs }: { logs: StepLog[] }) {
  return (
    <details open className="step-activity">
      <summary>Logs ({logs.length})</summary>
      <ul className="step-logs" aria-label="Logs">
        {logs.map((entry, index) => (
          <li key={index}>
            <span className={`log-level log-${entry.level}`}>{entry.level}</span> {entry.message}
            {entry.fields && Object.keys(entry.fields).length > 0 && (
              <code className="muted small"> {JSON.stringify(entry.fields)}</code>
            )}
          </li>
        ))}
      </ul>
    </details>
  );
}
