import type { Kysely } from 'kysely';
import type { ProvisioningEvent } from '@scimflow/flow';
import type { HostAllowlist, ResolvedCredential } from '@scimflow/nodes';
import {
  runExecution,
  type ClaimedExecution,
  type ExecutionInput,
  type ExecutionOutcome,
  type ExecutionResult,
  type HttpClientFactory,
  type Journal,
  type RuntimeLogger,
} from '@scimflow/runtime';
import { credentialSecrets } from '../credentials/credential-secrets.js';
import type { Database } from '../db/schema.js';
import type { PublishedFlow } from './flow-source.js';
import { recordExecutionRun } from './runtime-metrics.js';
import type { ExecutionToRun, RuntimeStatements } from './runtime-statements.js';
import { HoldingJournal } from './holding-journal.js';
import { positionedRow, SqlJournal, stepFromRow } from './sql-journal.js';
import { VersionCache } from './version-cache.js';

/** Returns the decrypted credential with this name, or undefined when none exists. */
export type CredentialResolver = (name: string) => Promise<ResolvedCredential | undefined>;

/** Dependencies and settings of the executor. */
export interface ExecutorOptions {
  db: Kysely<Database>;
  resolveCredential: CredentialResolver;
  logger: RuntimeLogger;
  /** The HTTP client of each step; the connectors' retrying client when absent. */
  createHttpClient?: HttpClientFactory;
  /** Called after each run of an execution, with its result. */
  onResult?: (result: ExecutionResult, durationMs: number) => void;
  /** Runs of one execution in total; a failed run at this count is the last one. */
  maxAttempts: number;
  /** Prepared statements and group commit for the load and the journal. Kysely runs them when absent. */
  statements?: RuntimeStatements;
  /** Parsed published versions, shared with the dispatcher; a new cache when absent. */
  versions?: VersionCache;
  /** The hosts that steps may send HTTP requests to; any host when absent. */
  allowedHosts?: HostAllowlist;
}

/**
 * Runs claimed executions: loads the execution's event and pinned flow version, walks the flow
 * with a journal in `execution_steps`, and records which step failed. Steps that the journal
 * records as succeeded are reused, so a resumed or retried execution does not run them again.
 * A step cut off by a crash runs again, and its connector reaches the desired state instead of
 * repeating a create.
 */
export class Executor {
  private readonly journal: SqlJournal;
  private readonly versions: VersionCache;

  constructor(private readonly options: ExecutorOptions) {
    this.journal = new SqlJournal(options.db, options.statements);
    this.versions = options.versions ?? new VersionCache(options.db);
  }

  /** Runs one claimed execution; the scheduler completes or requeues it from the outcome. */
  async execute(claimed: ClaimedExecution, signal: AbortSignal): Promise<ExecutionOutcome> {
    const { db } = this.options;
    const { execution, journal } = await this.loadExecution(claimed.id);
    if (!execution) {
      return {
        status: 'failed',
        retryable: false,
        error: `Execution ${claimed.id} no longer exists.`,
      };
    }

    const log = this.options.logger.child({ executionId: execution.id, flowId: execution.flow_id });
    // Test runs carry their event; live executions read the accepted event.
    const payload = execution.event_payload ?? execution.payload;
    if (payload === null) {
      const error = `Event ${execution.event_id} of execution ${execution.id} is no longer stored, so it cannot run. Retention pruned it; raise SCIMFLOW_EVENT_RETENTION.`;
      log.error({ eventId: execution.event_id }, 'execution event missing');
      return { status: 'failed', retryable: false, error };
    }
    const event = JSON.parse(payload) as ProvisioningEvent;

    const version = await this.pinnedVersion(execution.flow_id, execution.flow_version);
    if (!version) {
      const error = `Flow ${execution.flow_id} version ${execution.flow_version} no longer exists, so execution ${execution.id} cannot run.`;
      log.error({ version: execution.flow_version }, 'execution flow version missing');
      return { status: 'failed', retryable: false, error };
    }

    log.info(
      { attempt: claimed.attempt, version: version.version, eventId: event.id },
      'execution started',
    );
    const startedAt = Date.now();
    const result = await this.run(journal, {
      executionId: execution.id,
      document: version.document,
      event,
      journal,
      resolveCredential: this.options.resolveCredential,
      secretsOf: credentialSecrets,
      logger: log,
      signal,
      ...(this.options.allowedHosts ? { allowedHosts: this.options.allowedHosts } : {}),
      ...(this.options.createHttpClient ? { createHttpClient: this.options.createHttpClient } : {}),
    });
    const durationMs = Date.now() - startedAt;
    this.options.onResult?.(result, durationMs);

    const retryable = result.error?.retryable ?? true;
    const last =
      result.status === 'succeeded' || !retryable || claimed.attempt >= this.options.maxAttempts;
    recordExecutionRun(execution.flow_id, result, last);

    if (result.status === 'succeeded') {
      log.info(
        { attempt: claimed.attempt, durationMs, reused: result.reused.length },
        'execution finished',
      );
      return { status: 'succeeded' };
    }

    await db
      .updateTable('executions')
      .set({ failed_node_id: result.error?.nodeId || null })
      .where('id', '=', execution.id)
      .execute();
    const outcome: ExecutionOutcome = {
      status: 'failed',
      retryable,
      error: result.error?.message ?? 'The execution failed without an error message.',
    };
    if (result.error?.retryAfterMs !== undefined) outcome.retryAfterMs = result.error.retryAfterMs;
    log.warn(
      {
        attempt: claimed.attempt,
        durationMs,
        nodeId: result.error?.nodeId,
        code: result.error?.code,
        retryable: outcome.retryable,
      },
      'execution run failed',
    );
    return outcome;
  }

  /**
   * Runs the execution. With a `HoldingJournal`, the last step's final save of a succeeded
   * execution is handed to the completion, which writes it with the execution's status. A failed
   * execution's held save is written here, because a retry requeues it on Kysely.
   */
  private async run(journal: Journal, input: ExecutionInput): Promise<ExecutionResult> {
    if (!(journal instanceof HoldingJournal) || !this.options.statements)
      return runExecution(input);

    let result: ExecutionResult;
    try {
      result = await runExecution(input);
    } catch (error) {
      await journal.flush().catch(() => undefined);
      throw error;
    }

    const held = result.status === 'succeeded' ? journal.takeHeld() : undefined;
    if (held) {
      this.options.statements.holdFinalStep(input.executionId, held.nodeId, () =>
        positionedRow(held),
      );
    } else {
      await journal.flush();
    }
    return result;
  }

  /**
   * Loads an execution with its event, and the journal to run it with. With prepared statements
   * the journaled steps load in the same read, and the returned journal hands them out.
   */
  private async loadExecution(
    id: string,
  ): Promise<{ execution: ExecutionToRun | undefined; journal: Journal }> {
    const { statements } = this.options;
    if (statements) {
      const loaded = await statements.loadExecutionWithSteps(id);
      if (!loaded) return { execution: undefined, journal: this.journal };
      const journal = new HoldingJournal(this.journal, loaded.steps.map(stepFromRow));
      return { execution: loaded.execution, journal };
    }

    const execution = await this.options.db
      .selectFrom('executions as e')
      .leftJoin('events as ev', 'ev.id', 'e.event_id')
      .select([
        'e.id',
        'e.flow_id',
        'e.flow_version',
        'e.event_id',
        'e.event_payload',
        'ev.payload',
      ])
      .where('e.id', '=', id)
      .executeTakeFirst();
    return { execution, journal: this.journal };
  }

  private async pinnedVersion(
    flowId: string,
    version: number | null,
  ): Promise<PublishedFlow | undefined> {
    if (version === null) return undefined;
    return this.versions.get(flowId, version);
  }
}
