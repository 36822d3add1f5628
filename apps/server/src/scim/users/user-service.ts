import {
  SCHEMAS,
  applyPatch,
  diffResources,
  parseUser,
  replaceResource,
  scimErrors,
} from '@scimflow/scim';
import type { FastifyInstance } from 'fastify';
import { isUniqueViolation } from '../../db/database.js';
import { orderedId } from '../../db/ordered-id.js';
import { readWithConnection } from '../../db/compiled-statement.js';
import type { EndpointRow } from '../../endpoints/endpoint-store.js';
import {
  eventRows,
  userChangeType,
  type EventSource,
  type PendingEvent,
} from '../../events/event-writer.js';
import { resourceLocation, storable, withMeta } from '../resource-meta.js';
import { userColumns, type UserRow } from './user-rows.js';
import { userStatements, type UserStatements } from './user-statements.js';
import type { ClientDialect } from '@scimflow/flow';

type Resource = Record<string, unknown>;

/** A group the user is a direct member of, as the groups statement reads it. */
export interface UserGroup {
  value: string;
  display: string;
}

/** Creates, changes and deletes the users of one endpoint, writing events in the same transaction. */
export class UserService {
  constructor(
    private readonly app: FastifyInstance,
    private readonly endpoint: EndpointRow,
    private readonly dialect: ClientDialect,
  ) {}

  /**
   * Renders a stored user with `meta`; `resource` saves parsing `row.resource` again. `groups`
   * becomes the read-only `groups` attribute (`addGroups`).
   */
  render(row: UserRow, resource?: Resource, groups: readonly UserGroup[] = []): Resource {
    const rendered = withMeta(
      row,
      'User',
      resourceLocation(this.app.scimflow.publicUrl(), this.endpoint, 'Users', row.id),
      resource,
    );
    this.addGroups(rendered, groups);
    return rendered;
  }

  /**
   * Sets the read-only `groups` attribute of a rendered user (RFC 7643 section 4.1.2), and
   * leaves it out when the user is in no group.
   */
  addGroups(rendered: Resource, groups: readonly UserGroup[]): void {
    if (groups.length === 0) return;

    const publicUrl = this.app.scimflow.publicUrl();
    rendered.groups = groups.map((group) => ({
      value: group.value,
      $ref: resourceLocation(publicUrl, this.endpoint, 'Groups', group.value),
      display: group.display,
      type: 'direct',
    }));
  }

  /** Returns the groups of a user. Call it while holding the connection, as jobs and reads do. */
  groupsOf(id: string): UserGroup[] {
    return this.statements().groupsOfUser.all<UserGroup>({ userId: id });
  }

  /** Returns a user rendered with its groups; throws 404 when it does not exist. */
  async get(id: string): Promise<Resource> {
    const { findUser } = this.statements();
    const params = { endpointId: this.endpoint.id, id };
    const found = await readWithConnection(this.app.scimflow.db, () => {
      const row = findUser.get<UserRow>(params);
      return row ? { row, groups: this.groupsOf(id) } : undefined;
    });
    if (!found) throw scimErrors.notFound(`User ${id} not found`);
    return this.render(found.row, undefined, found.groups);
  }

  /**
   * Creates a user from a request body and returns it rendered; throws 409 uniqueness when the
   * userName is taken.
   */
  async create(body: unknown): Promise<Resource> {
    const parsed = parseUser(body) as Resource;
    const now = new Date().toISOString();
    const id = orderedId();
    // A user created without `active` is active, so lists always carry a boolean.
    const resource: Resource = { ...storable(parsed), active: parsed.active ?? true };
    delete resource.id;
    const stored: Resource = { ...resource, schemas: schemasOf(resource) };

    const row: UserRow = {
      seq: 0,
      id,
      endpoint_id: this.endpoint.id,
      ...userColumns(stored),
      version: 1,
      created: now,
      last_modified: now,
    };
    const after = this.render(row, stored);
    const { seq: _seq, ...values } = row;
    const statements = this.statements();

    await this.write(
      () => {
        const result = statements.insertUser.get<{ seq: number }>(values)!;
        return {
          seq: result.seq,
          events: [
            {
              type: 'user.created',
              resourceType: 'User',
              resourceId: id,
              before: null,
              after,
              changes: diffResources(null, after),
            },
          ] as PendingEvent[],
        };
      },
      () => String(stored.userName),
    );
    return after;
  }

  /** Replaces a user (PUT) and returns it rendered. An absent `active` keeps the current value. */
  async replace(id: string, body: unknown): Promise<Resource> {
    return this.change(id, (current) => {
      const incoming = body && typeof body === 'object' ? (body as Resource) : body;
      const result = replaceResource(current, incoming, 'User');
      const next = { ...result.resource };
      if (incoming && typeof incoming === 'object' && !hasKey(incoming as Resource, 'active')) {
        next.active = current.active;
      }
      return next;
    });
  }

  /** Applies a PatchOp request (PATCH) and returns the user rendered. */
  async patch(id: string, body: unknown): Promise<Resource> {
    return this.change(id, (current) => applyPatch(current, body, 'User').resource);
  }

  /** Deletes a user; its group memberships go with it, each with a member_removed event. */
  async delete(id: string): Promise<void> {
    const statements = this.statements();
    await this.write(() => {
      const row = statements.findUser.get<UserRow>({ endpointId: this.endpoint.id, id });
      if (!row) throw scimErrors.notFound(`User ${id} not found`);
      const before = this.render(row, undefined, this.groupsOf(id));

      const memberships = statements.memberships.all<{
        groupId: string;
        resource: string;
        display: string | null;
      }>({ userId: id });

      statements.deleteUser.run({ id });

      const events: PendingEvent[] = memberships.map((membership) => ({
        type: 'group.member_removed',
        resourceType: 'Group',
        resourceId: membership.groupId,
        before: null,
        after: { ...(JSON.parse(membership.resource) as Resource), id: membership.groupId },
        changes: [],
        member: { value: id, ...(membership.display ? { display: membership.display } : {}) },
      }));
      events.push({
        type: 'user.deleted',
        resourceType: 'User',
        resourceId: id,
        before,
        after: null,
        changes: diffResources(before, null),
      });
      return { seq: row.seq, events };
    });
  }

  /**
   * Loads a user, computes its next state with `next`, and stores it with events unless nothing
   * changed. The read and the write share one transaction.
   */
  private async change(id: string, next: (current: Resource) => Resource): Promise<Resource> {
    let updated: UserRow | undefined;
    let groups: UserGroup[] = [];
    let requestedName: string | undefined;
    const statements = this.statements();
    await this.write(
      () => {
        // NOTE: SQLite runs one write transaction at a time; PostgreSQL would need SELECT ... FOR UPDATE here.
        const row = statements.findUser.get<UserRow>({ endpointId: this.endpoint.id, id });
        if (!row) throw scimErrors.notFound(`User ${id} not found`);
        const current = { ...(JSON.parse(row.resource) as Resource), id };

        const candidate = storable(next(current));
        delete candidate.id;
        const resource: Resource = { ...candidate, schemas: schemasOf(candidate) };
        if (typeof resource.userName !== 'string' || resource.userName === '') {
          throw scimErrors.invalidValue('userName is required and must be a non-empty string');
        }
        requestedName = resource.userName;

        // Group memberships change only through /Groups, so before and after list the same.
        groups = this.groupsOf(id);
        const before = this.render(row, undefined, groups);
        const candidateRow: UserRow = { ...row, ...userColumns(resource) };
        const changes = diffResources(
          stripMeta(before),
          stripMeta(this.render(candidateRow, undefined, groups)),
        );
        if (changes.length === 0 && row.resource === candidateRow.resource) {
          updated = row;
          return { seq: row.seq, events: [] };
        }

        updated = {
          ...candidateRow,
          version: row.version + 1,
          last_modified: new Date().toISOString(),
        };
        statements.updateUser.run({
          id,
          user_name: updated.user_name,
          user_name_lower: updated.user_name_lower,
          external_id: updated.external_id,
          active: updated.active,
          resource: updated.resource,
          version: updated.version,
          last_modified: updated.last_modified,
        });

        const after = this.render(updated, undefined, groups);
        return {
          seq: row.seq,
          events: [
            {
              type: userChangeType(before, after),
              resourceType: 'User',
              resourceId: id,
              before,
              after,
              changes,
            },
          ],
        };
      },
      () => requestedName,
    );
    return this.render(updated as UserRow, undefined, groups);
  }

  private statements(): UserStatements {
    return userStatements(this.app.scimWrites.sqlite);
  }

  /**
   * Runs `work` and writes its events in one group-commit batch (`WriteQueue`), maps a userName
   * conflict to 409, and notifies listeners once the batch has committed.
   */
  private async write(
    work: () => { seq: number; events: PendingEvent[] },
    userName: () => string | undefined = () => undefined,
  ): Promise<number> {
    const source: EventSource = { endpoint: this.endpoint.slug, dialect: this.dialect };
    const { insertEvent } = this.statements();
    try {
      const { seq, count } = await this.app.scimWrites.run(() => {
        const result = work();
        const rows = eventRows(source, result.events);
        for (const row of rows) insertEvent.run(row);
        return { seq: result.seq, count: rows.length };
      });
      this.app.scimflow.eventBus.emitCommitted(this.endpoint.slug, count);
      return seq;
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw scimErrors.uniqueness(
          `A user with userName "${userName() ?? 'of this request'}" already exists in endpoint "${this.endpoint.slug}"; userName is unique per endpoint, ignoring case`,
        );
      }
      throw error;
    }
  }
}

function schemasOf(resource: Resource): string[] {
  const schemas: string[] = [SCHEMAS.coreUser];
  if (resource[SCHEMAS.enterpriseUser] !== undefined) schemas.push(SCHEMAS.enterpriseUser);
  for (const key of Object.keys(resource)) {
    if (key.startsWith('urn:') && !schemas.includes(key)) schemas.push(key);
  }
  return schemas;
}

function hasKey(object: Resource, name: string): boolean {
  return Object.keys(object).some((key) => key.toLowerCase() === name.toLowerCase());
}

function stripMeta(resource: Resource): Resource {
  const { meta: _meta, ...rest } = resource;
  return rest;
}
