import {
  buildScope,
  collectExpressionFields,
  resolveConfig,
  type FlowNode,
  type StepScope,
} from '@scimflow/flow';
import type { NodeDefinition, NodeResult } from '@scimflow/nodes';

import { StepError, toStepFailure } from './errors.js';
import { defaultHttpClientFactory } from './http.js';
import { credentialStrings, type Redactor } from './redact.js';
import type { ExecutionInput, RuntimeLogger, StepRecord } from './types.js';

/** Inputs of one step besides the execution input. */
export interface StepContext {
  input: ExecutionInput;
  node: FlowNode;
  steps: Record<string, StepScope>;
  redactor: Redactor;
  logger: RuntimeLogger;
  now: () => number;
  getNodeDefinition: (type: string) => NodeDefinition | undefined;
}

/** A finished step: the journal record and, on success, the unredacted output for later steps. */
export interface StepRun {
  record: StepRecord;
  result?: NodeResult & { port: string };
}

/**
 * Runs one node: resolves its config, fetches its credential, runs it with an HTTP client that
 * reports each attempt, and journals the start, each attempt and the end. A node's failure is
 * returned in the record, not thrown. A journal failure is thrown, because the execution cannot
 * go on without its journal.
 */
export async function runStep(context: StepContext): Promise<StepRun> {
  const { input, node, redactor, now } = context;
  const startedAt = now();
  const record: StepRecord = {
    executionId: input.executionId,
    nodeId: node.id,
    nodeType: node.type,
    idempotencyKey: `${input.executionId}:${node.id}`,
    status: 'running',
    input: undefined,
    attempts: 0,
    requests: [],
    logs: [],
    dryRun: input.dryRun === true,
    startedAt,
  };
  const log = context.logger.child({ executionId: input.executionId, nodeId: node.id });

  try {
    const definition = context.getNodeDefinition(node.type);
    if (!definition) {
      throw new StepError(
        'node_type_unknown',
        `Node type "${node.type}" is not in this server's catalogue. Replace the node and publish again.`,
        false,
      );
    }

    const credential = await resolveStepCredential(context, definition);
    const config = await resolveNodeConfig(context, definition);
    record.input = redactor.redact(config);
    await input.journal.saveStep(record);

    const controller = new AbortController();
    const abort = () => controller.abort(input.signal?.reason);
    input.signal?.addEventListener('abort', abort, { once: true });

    try {
      const createHttpClient = input.createHttpClient ?? defaultHttpClientFactory;
      const http = createHttpClient({
        dryRun: input.dryRun === true,
        maxAttempts: node.retry?.maxAttempts,
        timeoutMs: node.retry?.timeoutMs,
        signal: controller.signal,
        ...(input.allowedHosts ? { allowedHosts: input.allowedHosts } : {}),
        onAttempt: (attempt) => {
          record.requests.push(redactor.redact(attempt));
          record.attempts = attemptsOf(record.requests);
          // Journaling each attempt is best effort; the step's final save carries them all.
          input.journal.saveStep({ ...record }).catch((error: unknown) => {
            log.warn(
              { err: redactor.redactText(String(error)) },
              'journaling an HTTP attempt failed',
            );
          });
        },
      });

      const result = await definition.run({
        config,
        event: input.event,
        credential,
        http,
        idempotencyKey: record.idempotencyKey,
        dryRun: input.dryRun === true,
        signal: controller.signal,
        log: (level, message, fields) => {
          const entry = {
            level,
            message: redactor.redactText(message),
            fields: redactor.redact(fields),
          };
          record.logs.push(entry);
          log[level]({ ...entry.fields }, entry.message);
        },
      });

      const port = choosePort(node, definition, config, result);
      record.status = 'succeeded';
      record.output = redactor.redact(result.output);
      record.port = port;
      if (result.outcome) record.outcome = result.outcome;
      return finish(context, record, { ...result, port });
    } finally {
      input.signal?.removeEventListener('abort', abort);
    }
  } catch (error) {
    // A step that failed before its config resolved journals the config as published.
    if (record.input === undefined) record.input = redactor.redact(node.config);
    record.status = 'failed';
    record.error = toStepFailure(node.id, error, redactor);
    log.warn(
      { code: record.error.code, retryable: record.error.retryable, err: record.error.message },
      'step failed',
    );
    return finish(context, record, undefined);
  }
}

async function finish(
  context: StepContext,
  record: StepRecord,
  result: StepRun['result'],
): Promise<StepRun> {
  record.finishedAt = context.now();
  record.durationMs = record.finishedAt - record.startedAt;
  record.attempts = Math.max(1, attemptsOf(record.requests));
  await context.input.journal.saveStep(record);
  return { record, result };
}

async function resolveStepCredential(context: StepContext, definition: NodeDefinition) {
  const { node, input, redactor } = context;
  if (!node.credential) return undefined;

  const credential = await input.resolveCredential(node.credential);
  if (!credential) {
    throw new StepError(
      'credential_not_found',
      `Credential "${node.credential}" does not exist. Create it, or choose another credential for node "${node.id}".`,
      false,
    );
  }
  if (definition.credentialTypes && !definition.credentialTypes.includes(credential.type)) {
    throw new StepError(
      'credential_type_mismatch',
      `Credential "${node.credential}" has type ${credential.type}, but node "${node.id}" needs ${definition.credentialTypes.join(' or ')}.`,
      false,
    );
  }

  redactor.addSecrets(
    input.secretsOf ? input.secretsOf(credential) : credentialStrings(credential.data),
  );
  return credential;
}

/**
 * Config parse results by node. A published version's document is parsed once and shared by its
 * executions, so its nodes are the same objects each time, and their configs never change.
 */
const parsedConfigs = new WeakMap<
  FlowNode,
  { definition: NodeDefinition; parsed: ReturnType<NodeDefinition['config']['safeParse']> }
>();

function parseNodeConfig(node: FlowNode, definition: NodeDefinition) {
  const cached = parsedConfigs.get(node);
  if (cached?.definition === definition) return cached.parsed;

  const parsed = definition.config.safeParse(node.config);
  parsedConfigs.set(node, { definition, parsed });
  return parsed;
}

async function resolveNodeConfig(
  context: StepContext,
  definition: NodeDefinition,
): Promise<Record<string, unknown>> {
  const { node, input, steps } = context;
  // resolveConfig copies the config before it resolves expressions, so the cached parse result
  // is never changed.
  const parsed = parseNodeConfig(node, definition);
  if (!parsed.success) {
    const issues = parsed.error.issues.map(
      (issue) => `config.${issue.path.join('.')}: ${issue.message}`,
    );
    throw new StepError(
      'config_invalid',
      `Node "${node.id}" has an invalid config (${issues.join('; ')}). Fix it in the designer and publish again.`,
      false,
    );
  }

  const fields = collectExpressionFields(definition.config);
  return resolveConfig(
    parsed.data as Record<string, unknown>,
    fields,
    buildScope(input.event, steps),
    node.id,
  );
}

function choosePort(
  node: FlowNode,
  definition: NodeDefinition,
  config: Record<string, unknown>,
  result: NodeResult,
): string {
  const outputs =
    typeof definition.outputs === 'function' ? definition.outputs(config) : definition.outputs;
  const port = result.port ?? outputs[0];
  if (port === undefined) return 'out';
  if (!outputs.includes(port)) {
    throw new StepError(
      'port_unknown',
      `Node "${node.id}" returned port "${port}", which is not among its ports (${outputs.join(', ')}).`,
      false,
    );
  }
  return port;
}

/**
 * Returns the maximum number of tries that one HTTP request of the step needed. A step that sends a GET and
 * then a POST, each once, made one attempt, not two.
 */
function attemptsOf(requests: readonly { attempt?: number }[]): number {
  let maxAttempt = 0;
  for (const request of requests) maxAttempt = Math.max(maxAttempt, request.attempt ?? 1);
  return maxAttempt;
}
