import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { generateSecret } from '../security/hash.js';

/** A valid admin session. */
export interface AdminSession {
  userId: string;
  username: string;
  csrfToken: string;
}

function hashSessionId(sessionId: string): string {
  return crypto.createHash('sha256').update(sessionId).digest('base64url');
}

/** Admin sessions in the database, keyed by a hash of the cookie value, with idle expiry. */
export class SessionStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly idleMs: number,
  ) {}

  /** Starts a session for a user; returns the cookie value and the CSRF token. */
  async create(userId: string): Promise<{ sessionId: string; csrfToken: string }> {
    const sessionId = generateSecret();
    const csrfToken = generateSecret();
    const now = new Date().toISOString();
    await this.db
      .insertInto('admin_sessions')
      .values({
        id_hash: hashSessionId(sessionId),
        user_id: userId,
        csrf_token: csrfToken,
        created_at: now,
        last_seen_at: now,
      })
      .execute();
    return { sessionId, csrfToken };
  }

  /** Returns the session for a cookie value and refreshes its idle timer; undefined when unknown or expired. */
  async touch(sessionId: string): Promise<AdminSession | undefined> {
    const idHash = hashSessionId(sessionId);
    const row = await this.db
      .selectFrom('admin_sessions')
      .innerJoin('admin_users', 'admin_users.id', 'admin_sessions.user_id')
      .select([
        'admin_sessions.user_id',
        'admin_sessions.csrf_token',
        'admin_sessions.last_seen_at',
        'admin_users.username',
      ])
      .where('admin_sessions.id_hash', '=', idHash)
      .executeTakeFirst();
    if (!row) return undefined;

    const now = Date.now();
    if (now - Date.parse(row.last_seen_at) > this.idleMs) {
      await this.db.deleteFrom('admin_sessions').where('id_hash', '=', idHash).execute();
      return undefined;
    }

    await this.db
      .updateTable('admin_sessions')
      .set({ last_seen_at: new Date(now).toISOString() })
      .where('id_hash', '=', idHash)
      .execute();
    return { userId: row.user_id, username: row.username, csrfToken: row.csrf_token };
  }

  /** Ends a session. */
  async delete(sessionId: string): Promise<void> {
    await this.db
      .deleteFrom('admin_sessions')
      .where('id_hash', '=', hashSessionId(sessionId))
      .execute();
  }

  /** Deletes sessions idle for longer than the expiry. */
  async deleteExpired(): Promise<void> {
    const cutoff = new Date(Date.now() - this.idleMs).toISOString();
    await this.db.deleteFrom('admin_sessions').where('last_seen_at', '<', cutoff).execute();
  }
}
