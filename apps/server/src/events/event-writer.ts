import type { Transaction } from 'kysely';
import type {
  AttributeChange,
  ClientDialect,
  ProvisioningEvent,
  ProvisioningEventType,
} from '@scimflow/flow';
import type { Database, EventTable } from '../db/schema.js';
import { orderedId } from '../db/ordered-id.js';
import { acceptanceClock } from './acceptance-clock.js';

type Resource = Record<string, unknown>;

/** An event to write: everything of a ProvisioningEvent that the writer does not fill in. */
export interface PendingEvent {
  type: ProvisioningEventType;
  resourceType: 'User' | 'Group';
  resourceId: string;
  before: Resource | null;
  after: Resource | null;
  changes: AttributeChange[];
  member?: { value: string; display?: string };
}

/** The endpoint and client an accepted change came from. */
export interface EventSource {
  endpoint: string;
  dialect: ClientDialect;
}

/** A row of the `events` table. */
export type EventRow = Omit<EventTable, 'sequence'>;

/**
 * Inserts provisioning events inside the caller's transaction, so they commit or roll back with
 * the store change. Returns how many were written; call `EventBus.emitCommitted` after commit.
 */
export async function writeEvents(
  trx: Transaction<Database>,
  source: EventSource,
  events: PendingEvent[],
): Promise<number> {
  if (events.length === 0) return 0;

  const rows = eventRows(source, events);
  await trx.insertInto('events').values(rows).execute();
  return rows.length;
}

/**
 * Builds the `events` rows of accepted changes: each payload is a ProvisioningEvent with a new
 * id, the acceptance time, and no password in `before`, `after` or `changes`.
 */
export function eventRows(source: EventSource, events: PendingEvent[]): EventRow[] {
  const acceptedAt = acceptanceClock.eventAcceptedAt();
  return events.map((event) => {
    const payload: ProvisioningEvent = {
      id: orderedId(),
      type: event.type,
      endpoint: source.endpoint,
      dialect: source.dialect,
      acceptedAt,
      resourceType: event.resourceType,
      resourceId: event.resourceId,
      before: withoutPassword(event.before),
      after: withoutPassword(event.after),
      changes: event.changes.filter((change) => !/^password$/i.test(change.path)),
    };
    const current = payload.after ?? payload.before ?? undefined;
    if (current) {
      if (event.resourceType === 'User') payload.user = current;
      else payload.group = current;
    }
    if (event.member) payload.member = event.member;

    return {
      id: payload.id,
      endpoint: source.endpoint,
      type: payload.type,
      resource_type: payload.resourceType,
      resource_id: payload.resourceId,
      payload: JSON.stringify(payload),
      dialect: source.dialect,
      accepted_at: acceptedAt,
    };
  });
}

function withoutPassword(resource: Resource | null): Resource | null {
  if (!resource || !('password' in resource)) return resource;
  const { password: _password, ...rest } = resource;
  return rest;
}

/** Names the user event for a change: deactivated (active true to false), reactivated, or updated. */
export function userChangeType(before: Resource, after: Resource): ProvisioningEventType {
  const wasActive = before.active !== false;
  const isActive = after.active !== false;
  if (wasActive && !isActive) return 'user.deactivated';
  if (!wasActive && isActive) return 'user.reactivated';
  return 'user.updated';
}
