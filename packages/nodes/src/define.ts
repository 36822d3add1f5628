import type { ProvisioningEvent } from '@scimflow/flow';
import type { z } from 'zod';

/** Categories group the designer's palette. */
export type NodeCategory = 'trigger' | 'github' | 'google' | 'sheets' | 'http' | 'logic';

/** Credential types that nodes declare and the credential store holds. */
export type CredentialType =
  | 'github.token'
  | 'github.app'
  | 'google.serviceAccount'
  | 'http.bearer'
  | 'http.basic'
  | 'http.header';

/**
 * Form metadata that the designer renders a config field from, attached to a zod schema with
 * `.meta({ ui: { ... } })`. `template` fields mix text with `{{ expression }}` parts; a field that
 * is exactly one `{{ expression }}` yields the expression's value unconverted.
 */
export interface FieldUi {
  widget?:
    | 'text'
    | 'template'
    | 'expression'
    | 'textarea'
    | 'json'
    | 'select'
    | 'multiselect'
    | 'switch'
    | 'number'
    | 'keyValue'
    | 'list';
  label?: string;
  help?: string;
  placeholder?: string;
  /** Options for `select` and `multiselect`: value and label. */
  options?: { value: string; label: string }[];
  advanced?: boolean;
}

/** A credential as a node receives it: decrypted fields, for the one call the node makes. */
export interface ResolvedCredential {
  name: string;
  type: CredentialType;
  /** Non-secret and secret fields together, decrypted; never journaled or logged. */
  data: Record<string, unknown>;
}

/** An outbound HTTP request that the runtime's client sends, retries and journals. */
export interface HttpRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  headers?: Record<string, string>;
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  timeoutMs?: number;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

/** Sends requests for nodes; retry, timeout, dry-run and journaling live behind it. */
export interface HttpClient {
  request(request: HttpRequest): Promise<HttpResponse>;
}

/** Context passed to a node's `run`. The runtime resolves expressions before calling it. */
export interface NodeRunContext<Config> {
  config: Config;
  event: ProvisioningEvent;
  credential?: ResolvedCredential;
  http: HttpClient;
  /** Stable for one execution and node, so a retried step can find what it already did. */
  idempotencyKey: string;
  /** In a dry run, connectors report the calls they would make and send nothing that writes. */
  dryRun: boolean;
  signal: AbortSignal;
  log(level: 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>): void;
}

/** Result of a node's `run`: its output, and which output port the flow follows. */
export interface NodeResult {
  output: unknown;
  /** Output port to follow; defaults to the node's first port. */
  port?: string;
  /** For connectors: what reaching the desired state took. */
  outcome?: 'created' | 'adopted' | 'updated' | 'deleted' | 'absent' | 'unchanged' | 'skipped';
}

/** A node type, declared in one object: the designer, validation and runtime all read it. */
export interface NodeDefinition<Schema extends z.ZodType = z.ZodType> {
  type: string;
  label: string;
  category: NodeCategory;
  /** Icon name from the designer's icon set. */
  icon: string;
  description: string;
  config: Schema;
  credentialTypes?: readonly CredentialType[];
  /** Trigger nodes have no input; every other node has one. */
  isTrigger?: boolean;
  /** Output ports; a function when ports depend on the config (switch cases). */
  outputs: readonly string[] | ((config: z.infer<Schema>) => string[]);
  /** One line describing a configured node, shown on the canvas. */
  summarize?(config: z.infer<Schema>): string;
  run(context: NodeRunContext<z.infer<Schema>>): Promise<NodeResult>;
}

/** Declares a node type with its config type inferred from the schema. */
export function defineNode<Schema extends z.ZodType>(
  definition: NodeDefinition<Schema>,
): NodeDefinition<Schema> {
  return definition;
}
