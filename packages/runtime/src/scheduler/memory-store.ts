import type { ClaimedExecution, ExecutionOutcome, ExecutionStore } from './types.js';

interface Row {
  id: string;
  resourceKey: string;
  seq: number;
  status: 'queued' | 'running' | 'succeeded' | 'failed';
  attempt: number;
  notBefore: number;
  leaseOwner?: string;
  leaseUntil?: number;
  error?: string;
}

/**
 * An ExecutionStore in memory with the same claim rule as the SQL statement documented on
 * ExecutionStore. For the runtime's tests and single-process tools; it survives no restart.
 */
export class MemoryExecutionStore implements ExecutionStore {
  private readonly rows: Row[] = [];
  private sequence = 0;

  /** Adds an execution at the end of the queue. */
  enqueue(execution: { id: string; resourceKey: string; notBefore?: number }): void {
    this.rows.push({
      id: execution.id,
      resourceKey: execution.resourceKey,
      seq: ++this.sequence,
      status: 'queued',
      attempt: 0,
      notBefore: execution.notBefore ?? 0,
    });
  }

  async claimNext(claim: {
    workerId: string;
    now: number;
    leaseUntil: number;
  }): Promise<ClaimedExecution | undefined> {
    const blocked = new Set<string>();

    for (const row of this.rows) {
      const unfinished = row.status === 'queued' || row.status === 'running';
      if (!unfinished) continue;
      if (blocked.has(row.resourceKey)) continue;
      // This row is the earliest unfinished one of its resource, so later rows of it must wait.
      blocked.add(row.resourceKey);

      const due = row.status === 'queued' && row.notBefore <= claim.now;
      const leaseExpired = row.status === 'running' && (row.leaseUntil ?? 0) < claim.now;
      if (!due && !leaseExpired) continue;

      row.status = 'running';
      row.leaseOwner = claim.workerId;
      row.leaseUntil = claim.leaseUntil;
      row.attempt++;
      return { id: row.id, resourceKey: row.resourceKey, attempt: row.attempt };
    }
    return undefined;
  }

  async renewLease(id: string, workerId: string, leaseUntil: number): Promise<boolean> {
    const row = this.owned(id, workerId);
    if (!row) return false;
    row.leaseUntil = leaseUntil;
    return true;
  }

  async complete(id: string, workerId: string, outcome: ExecutionOutcome): Promise<void> {
    const row = this.owned(id, workerId);
    if (!row) return;
    row.status = outcome.status;
    row.error = outcome.error;
    row.leaseOwner = undefined;
  }

  async requeue(
    id: string,
    workerId: string,
    retry: { notBefore: number; error?: string },
  ): Promise<void> {
    const row = this.owned(id, workerId);
    if (!row) return;
    row.status = 'queued';
    row.notBefore = retry.notBefore;
    row.error = retry.error;
    row.leaseOwner = undefined;
  }

  /** Returns a copy of an execution's row, for tests and tools. */
  get(id: string): Readonly<Row> | undefined {
    const row = this.rows.find((candidate) => candidate.id === id);
    return row ? { ...row } : undefined;
  }

  /** Counts executions still queued or running. */
  unfinishedCount(): number {
    return this.rows.filter((row) => row.status === 'queued' || row.status === 'running').length;
  }

  private owned(id: string, workerId: string): Row | undefined {
    return this.rows.find(
      (row) => row.id === id && row.status === 'running' && row.leaseOwner === workerId,
    );
  }
}
