import type { ProvisioningEvent } from '@scimflow/flow';

/** An execution that a worker claimed from the queue. */
export interface ClaimedExecution {
  id: string;
  /** `endpoint:resourceType:resourceId`; executions with one key run strictly in acceptance order. */
  resourceKey: string;
  /** 1 on the first run, 2 on the first retry, and so on. */
  attempt: number;
}

/** Outcome of one run of an execution, as the scheduler reads it. */
export interface ExecutionOutcome {
  status: 'succeeded' | 'failed';
  /** For a failure: whether running the execution again may succeed. */
  retryable?: boolean;
  /** For a failure: a wait that the remote API asked for, in milliseconds. */
  retryAfterMs?: number;
  /** For a failure: the message to store. */
  error?: string;
}

/**
 * The queue of executions, behind an interface so the server can keep it in SQLite or
 * PostgreSQL. Every time is in epoch milliseconds.
 *
 * `claimNext` must be atomic and must keep per-resource order. It claims the queued execution with
 * the lowest acceptance sequence whose `notBefore` has passed, among those with no earlier
 * execution of the same resource key still queued or running. An execution whose lease expired
 * (its worker crashed) counts as queued. In SQL, one statement does it:
 *
 * ```sql
 * UPDATE executions SET status = 'running', lease_owner = :worker, lease_until = :leaseUntil,
 *        attempt = attempt + 1
 *  WHERE id = (SELECT e.id FROM executions e
 *               WHERE ((e.status = 'queued' AND e.not_before <= :now)
 *                      OR (e.status = 'running' AND e.lease_until < :now))
 *                 AND NOT EXISTS (SELECT 1 FROM executions p
 *                                  WHERE p.resource_key = e.resource_key AND p.seq < e.seq
 *                                    AND p.status IN ('queued', 'running'))
 *               ORDER BY e.seq LIMIT 1)
 * RETURNING id, resource_key, attempt
 * ```
 */
export interface ExecutionStore {
  claimNext(claim: {
    workerId: string;
    now: number;
    leaseUntil: number;
  }): Promise<ClaimedExecution | undefined>;
  /** Extends a lease; returns false when the worker lost it (another worker took the execution over). */
  renewLease(id: string, workerId: string, leaseUntil: number): Promise<boolean>;
  /** Marks the execution finished: succeeded, or failed for good. */
  complete(id: string, workerId: string, outcome: ExecutionOutcome): Promise<void>;
  /** Puts a failed execution back in the queue at its old place, to run again at `notBefore`. */
  requeue(
    id: string,
    workerId: string,
    retry: { notBefore: number; error?: string },
  ): Promise<void>;
  /**
   * Marks the execution finished as `complete` does, then claims the next one as `claimNext`
   * does, in one write. Optional: the scheduler makes the two calls when a store leaves it out.
   */
  completeAndClaimNext?(
    id: string,
    workerId: string,
    outcome: ExecutionOutcome,
    claim: { workerId: string; now: number; leaseUntil: number },
  ): Promise<ClaimedExecution | undefined>;
}

/** Time source of the scheduler; tests and the server may pass their own. */
export interface Clock {
  now(): number;
  /** Resolves after `ms` milliseconds, or early when the signal aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** Returns the key that orders executions per SCIM resource: `endpoint:resourceType:resourceId`. */
export function resourceKeyOf(
  event: Pick<ProvisioningEvent, 'endpoint' | 'resourceType' | 'resourceId'>,
): string {
  return `${event.endpoint}:${event.resourceType}:${event.resourceId}`;
}
