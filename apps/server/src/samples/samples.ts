import type { Kysely } from 'kysely';
import { ProvisioningEventSchema, type ProvisioningEvent } from '@scimflow/flow';
import type { Database } from '../db/schema.js';
import { builtinSamples, type Sample } from './builtin-samples.js';

/** Recorded events listed after the built-in samples, newest first. */
const RECORDED_LIMIT = 20;

/** Lists the built-in samples, then the newest events recorded at the SCIM endpoints. */
export async function listSamples(db: Kysely<Database>): Promise<Sample[]> {
  const rows = await db
    .selectFrom('events')
    .select('payload')
    .orderBy('sequence', 'desc')
    .limit(RECORDED_LIMIT)
    .execute();

  const recorded = rows.flatMap((row) => {
    const event = parseEvent(row.payload);
    return event ? [recordedSample(event)] : [];
  });
  return [...builtinSamples, ...recorded];
}

/**
 * Returns the event of a sample by its id, or undefined. A recorded sample's id is its event id
 * (a UUID), so it never collides with a built-in id such as `asgardeo-user-created`. Test runs
 * call it for `sampleId`.
 */
export async function findSampleEvent(
  db: Kysely<Database>,
  sampleId: string,
): Promise<ProvisioningEvent | undefined> {
  const builtin = builtinSamples.find((sample) => sample.id === sampleId);
  if (builtin) return builtin.event;

  const row = await db
    .selectFrom('events')
    .select('payload')
    .where('id', '=', sampleId)
    .executeTakeFirst();
  return row ? parseEvent(row.payload) : undefined;
}

function recordedSample(event: ProvisioningEvent): Sample {
  const resource = event.user ?? event.group ?? {};
  const display = resource.userName ?? resource.displayName ?? event.resourceId;
  return {
    id: event.id,
    label: `${event.type} ${String(display)} at ${event.endpoint} (${event.acceptedAt})`,
    source: 'recorded',
    event,
  };
}

/** Parses a stored event; events written by an older build that no longer fit are skipped. */
function parseEvent(payload: string): ProvisioningEvent | undefined {
  const result = ProvisioningEventSchema.safeParse(JSON.parse(payload));
  return result.success ? result.data : undefined;
}
