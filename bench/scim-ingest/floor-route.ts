/**
 * The minimum work a durable SCIM create can do on ScimFlow's storage, measured to show how close
 * POST /Users can get to the bare route on the machine at hand.
 *
 * `POST /floor/Users` on the bare Fastify app parses the JSON body, adds an id and `meta`, and
 * inserts one `scim_users` row and one `events` row through the server's own group commit
 * (`app.scimWrites`), and answers 201 after the commit. It skips everything else a SCIM create
 * does: authentication, the SCIM parsing and normalising rules, the uniqueness error, the event's
 * attribute changes, the response projection and the request log.
 */
import crypto from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { createApp } from '@scimflow/server';

type App = Awaited<ReturnType<typeof createApp>>;

// The same UUID version 7 layout as the server's ids, so both grow their indexes at one edge.
function orderedId(): string {
  const time = Date.now().toString(16).padStart(12, '0');
  const random = crypto.randomUUID();
  return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${random.slice(15)}`;
}

/** Adds `POST /floor/Users` to `bare`, storing its users under `endpoint`. */
export function addFloorRoute(
  bare: FastifyInstance,
  app: App,
  endpoint: { id: string; slug: string },
): void {
  const sqlite = app.scimWrites.sqlite;
  const insertUser = sqlite.prepare(
    `INSERT INTO scim_users (id, endpoint_id, user_name, user_name_lower, external_id, active,
       resource, version, created, last_modified)
     VALUES (?, ?, ?, ?, NULL, 1, ?, 1, ?, ?)`,
  );
  const insertEvent = sqlite.prepare(
    `INSERT INTO events (id, endpoint, type, resource_type, resource_id, payload, dialect, accepted_at)
     VALUES (?, ?, 'user.created', 'User', ?, ?, 'generic', ?)`,
  );
  const location = `${app.scimflow.publicUrl()}/scim/v2/${endpoint.slug}/Users/`;

  bare.post('/floor/Users', async (request, reply) => {
    const body = request.body as Record<string, unknown>;
    const userName = String(body.userName);
    const id = orderedId();
    const now = new Date().toISOString();
    const meta = {
      resourceType: 'User',
      created: now,
      lastModified: now,
      version: 'W/"1"',
      location: location + id,
    };
    const user = JSON.stringify({ ...body, id, active: true, meta });

    await app.scimWrites.run(() => {
      insertUser.run(id, endpoint.id, userName, userName.toLowerCase(), user, now, now);
      const event = `{"type":"user.created","resourceId":"${id}","before":null,"after":${user}}`;
      insertEvent.run(orderedId(), endpoint.slug, id, event, now);
    });
    return reply.status(201).type('application/scim+json').send(user);
  });
}
