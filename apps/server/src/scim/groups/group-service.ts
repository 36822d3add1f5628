import crypto from 'node:crypto';
import type { Transaction } from 'kysely';
import type { ClientDialect } from '@scimflow/flow';
import {
  SCHEMAS,
  applyPatch,
  diffResources,
  parseGroup,
  replaceResource,
  scimErrors,
} from '@scimflow/scim';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../../db/schema.js';
import { isUniqueViolation } from '../../db/database.js';
import type { EndpointRow } from '../../endpoints/endpoint-store.js';
import { writeEvents, type PendingEvent } from '../../events/event-writer.js';
import { resourceLocation, storable, withMeta } from '../resource-meta.js';
import { findUsersByIds } from '../users/user-rows.js';
import {
  findGroup,
  groupColumns,
  loadMembers,
  type GroupRow,
  type StoredMember,
} from './group-rows.js';

type Resource = Record<string, unknown>;

/** Creates, changes and deletes the groups of one endpoint, writing events in the same transaction. */
export class GroupService {
  constructor(
    private readonly app: FastifyInstance,
    private readonly endpoint: EndpointRow,
    private readonly dialect: ClientDialect,
  ) {}

  /** Renders a stored group with its members and `meta`. */
  render(row: GroupRow, members: StoredMember[]): Resource {
    const publicUrl = this.app.scimflow.publicUrl();
    const resource = withMeta(
      row,
      'Group',
      resourceLocation(publicUrl, this.endpoint, 'Groups', row.id),
    );
    resource.members = members.map((member) => ({
      value: member.value,
      ...(member.display ? { display: member.display } : {}),
      type: 'User',
      $ref: resourceLocation(publicUrl, this.endpoint, 'Users', member.value),
    }));
    return resource;
  }

  /** Returns a rendered group by id; throws 404 when it does not exist. */
  async get(id: string): Promise<Resource> {
    const db = this.app.scimflow.db;
    const row = await findGroup(db, this.endpoint.id, id);
    if (!row) throw scimErrors.notFound(`Group ${id} not found`);
    return this.render(row, (await loadMembers(db, [id])).get(id) ?? []);
  }

  /** Creates a group; member values must be users of the endpoint. */
  async create(body: unknown): Promise<Resource> {
    const parsed = parseGroup(body) as Resource;
    const id = crypto.randomUUID();
    const now = new Date().toISOString();
    const { members: requested, ...rest } = storable(parsed);
    delete rest.id;
    const resource: Resource = { ...rest, schemas: [SCHEMAS.group] };

    let rendered: Resource = {};
    await this.transact(
      () => String(resource.displayName),
      async (trx) => {
        const row: GroupRow = {
          seq: 0,
          id,
          endpoint_id: this.endpoint.id,
          ...groupColumns(resource),
          version: 1,
          created: now,
          last_modified: now,
        };
        const { seq: _seq, ...values } = row;
        await trx.insertInto('scim_groups').values(values).execute();

        const members = await this.resolveMembers(trx, requested);
        await this.insertMembers(trx, id, members);

        rendered = this.render(row, members);
        return [
          {
            type: 'group.created',
            resourceType: 'Group',
            resourceId: id,
            before: null,
            after: rendered,
            changes: diffResources(null, rendered),
          },
          ...members.map((member) => this.memberEvent('group.member_added', rendered, member)),
        ];
      },
    );
    return rendered;
  }

  /** Replaces a group (PUT). */
  async replace(id: string, body: unknown): Promise<Resource> {
    return this.change(id, (current) => replaceResource(current, body, 'Group').resource);
  }

  /** Applies a PatchOp request (PATCH). */
  async patch(id: string, body: unknown): Promise<Resource> {
    return this.change(id, (current) => applyPatch(current, body, 'Group').resource);
  }

  /** Deletes a group and its memberships. */
  async delete(id: string): Promise<void> {
    await this.transact(
      () => undefined,
      async (trx) => {
        const row = await findGroup(trx, this.endpoint.id, id);
        if (!row) throw scimErrors.notFound(`Group ${id} not found`);
        const before = this.render(row, (await loadMembers(trx, [id])).get(id) ?? []);

        await trx.deleteFrom('scim_groups').where('id', '=', id).execute();
        return [
          {
            type: 'group.deleted',
            resourceType: 'Group',
            resourceId: id,
            before,
            after: null,
            changes: diffResources(before, null),
          },
        ];
      },
    );
  }

  /**
   * Loads a group with its members, computes the next state with `next`, and stores the
   * attribute and membership changes with their events. A change to nothing writes no event.
   */
  private async change(id: string, next: (current: Resource) => Resource): Promise<Resource> {
    let rendered: Resource = {};
    let requestedName: string | undefined;
    await this.transact(
      () => requestedName,
      async (trx) => {
        const row = await findGroup(trx, this.endpoint.id, id);
        if (!row) throw scimErrors.notFound(`Group ${id} not found`);
        const currentMembers = (await loadMembers(trx, [id])).get(id) ?? [];
        const current = { ...(JSON.parse(row.resource) as Resource), id, members: currentMembers };

        const { members: requested, ...rest } = storable(next(current));
        delete rest.id;
        const resource: Resource = { ...rest, schemas: [SCHEMAS.group] };
        if (typeof resource.displayName !== 'string' || resource.displayName === '') {
          throw scimErrors.invalidValue('displayName is required and must be a non-empty string');
        }
        requestedName = resource.displayName;

        const members = await this.resolveMembers(trx, requested);
        const currentIds = new Set(currentMembers.map((m) => m.value));
        const nextIds = new Set(members.map((m) => m.value));
        const added = members.filter((m) => !currentIds.has(m.value));
        const removed = currentMembers.filter((m) => !nextIds.has(m.value));

        const before = this.render(row, currentMembers);
        const columns = groupColumns(resource);
        const attributesChanged = columns.resource !== row.resource;
        if (!attributesChanged && added.length === 0 && removed.length === 0) {
          rendered = before;
          return [];
        }

        const updated: GroupRow = {
          ...row,
          ...columns,
          version: row.version + 1,
          last_modified: new Date().toISOString(),
        };
        await trx
          .updateTable('scim_groups')
          .set({ ...columns, version: updated.version, last_modified: updated.last_modified })
          .where('id', '=', id)
          .execute();
        if (removed.length > 0) {
          await trx
            .deleteFrom('scim_group_members')
            .where('group_id', '=', id)
            .where(
              'user_id',
              'in',
              removed.map((m) => m.value),
            )
            .execute();
        }
        await this.insertMembers(trx, id, added);

        const remaining = currentMembers.filter((m) => nextIds.has(m.value));
        rendered = this.render(updated, [...remaining, ...added]);
        const events: PendingEvent[] = [];
        if (attributesChanged) {
          const changes = diffResources(withoutMembers(before), withoutMembers(rendered));
          events.push({
            type: 'group.updated',
            resourceType: 'Group',
            resourceId: id,
            before,
            after: rendered,
            changes,
          });
        }
        for (const member of added)
          events.push(this.memberEvent('group.member_added', rendered, member));
        for (const member of removed)
          events.push(this.memberEvent('group.member_removed', rendered, member));
        return events;
      },
    );
    return rendered;
  }

  /** Checks that every requested member is a user of this endpoint; drops repeated values. */
  private async resolveMembers(
    trx: Transaction<Database>,
    requested: unknown,
  ): Promise<StoredMember[]> {
    if (requested === undefined || requested === null) return [];
    if (!Array.isArray(requested))
      throw scimErrors.invalidValue('members must be an array of {"value": "<user id>"}');

    const membersById = new Map<string, StoredMember>();
    for (const entry of requested) {
      const value = (entry as { value?: unknown } | null)?.value;
      if (typeof value !== 'string' || value === '') {
        throw scimErrors.invalidValue(
          `Each member needs a "value" with a user id, got ${JSON.stringify(entry)}`,
        );
      }
      const display = (entry as { display?: unknown }).display;
      if (!membersById.has(value))
        membersById.set(value, { value, ...(typeof display === 'string' ? { display } : {}) });
    }

    const users = await findUsersByIds(trx, this.endpoint.id, [...membersById.keys()]);
    const known = new Map(users.map((user) => [user.id, user.user_name]));
    const unknown = [...membersById.keys()].filter((value) => !known.has(value));
    if (unknown.length > 0) {
      throw scimErrors.invalidValue(
        `Group members must be existing users of endpoint "${this.endpoint.slug}"; unknown: ${unknown.join(', ')}`,
      );
    }
    return [...membersById.values()].map((member) => ({
      value: member.value,
      display: member.display ?? known.get(member.value),
    }));
  }

  private async insertMembers(
    trx: Transaction<Database>,
    groupId: string,
    members: StoredMember[],
  ): Promise<void> {
    if (members.length === 0) return;
    await trx
      .insertInto('scim_group_members')
      .values(
        members.map((m) => ({
          group_id: groupId,
          user_id: m.value,
          endpoint_id: this.endpoint.id,
          display: m.display ?? null,
        })),
      )
      .execute();
  }

  private memberEvent(
    type: 'group.member_added' | 'group.member_removed',
    group: Resource,
    member: StoredMember,
  ): PendingEvent {
    return {
      type,
      resourceType: 'Group',
      resourceId: String(group.id),
      before: null,
      after: group,
      changes: [],
      member: { value: member.value, ...(member.display ? { display: member.display } : {}) },
    };
  }

  private async transact(
    displayName: () => string | undefined,
    work: (trx: Transaction<Database>) => Promise<PendingEvent[]>,
  ): Promise<void> {
    try {
      const count = await this.app.scimflow.db.transaction().execute(async (trx) => {
        const events = await work(trx);
        return writeEvents(trx, { endpoint: this.endpoint.slug, dialect: this.dialect }, events);
      });
      this.app.scimflow.eventBus.emitCommitted(this.endpoint.slug, count);
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw scimErrors.uniqueness(
          `A group with displayName "${displayName() ?? 'of this request'}" already exists in endpoint "${this.endpoint.slug}"; displayName is unique per endpoint, ignoring case`,
        );
      }
      throw error;
    }
  }
}

function withoutMembers(resource: Resource): Resource {
  const { members: _members, meta: _meta, ...rest } = resource;
  return rest;
}
