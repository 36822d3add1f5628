import type { Kysely } from 'kysely';
import { autoIncrementKey } from './columns.js';

/** SCIM endpoints, their credentials, users, groups, memberships, events and the request log. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('endpoints')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('api_key_header', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('endpoint_credentials')
    .addColumn('endpoint_id', 'text', (c) =>
      c.primaryKey().references('endpoints.id').onDelete('cascade'),
    )
    .addColumn('bearer_token_hash', 'text')
    .addColumn('basic_username', 'text')
    .addColumn('basic_password_hash', 'text')
    .addColumn('api_key_hash', 'text')
    .addColumn('oauth_client_id', 'text', (c) => c.unique())
    .addColumn('oauth_client_secret_hash', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await autoIncrementKey(db.schema.createTable('scim_users'), 'seq')
    .addColumn('id', 'text', (c) => c.notNull().unique())
    .addColumn('endpoint_id', 'text', (c) =>
      c.notNull().references('endpoints.id').onDelete('cascade'),
    )
    .addColumn('user_name', 'text', (c) => c.notNull())
    .addColumn('user_name_lower', 'text', (c) => c.notNull())
    .addColumn('external_id', 'text')
    .addColumn('active', 'integer', (c) => c.notNull())
    .addColumn('resource', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created', 'text', (c) => c.notNull())
    .addColumn('last_modified', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('scim_users_user_name_unique')
    .on('scim_users')
    .columns(['endpoint_id', 'user_name_lower'])
    .unique()
    .execute();
  await db.schema
    .createIndex('scim_users_external_id')
    .on('scim_users')
    .columns(['endpoint_id', 'external_id'])
    .execute();
  await db.schema
    .createIndex('scim_users_endpoint_seq')
    .on('scim_users')
    .columns(['endpoint_id', 'seq'])
    .execute();

  await autoIncrementKey(db.schema.createTable('scim_groups'), 'seq')
    .addColumn('id', 'text', (c) => c.notNull().unique())
    .addColumn('endpoint_id', 'text', (c) =>
      c.notNull().references('endpoints.id').onDelete('cascade'),
    )
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('display_name_lower', 'text', (c) => c.notNull())
    .addColumn('external_id', 'text')
    .addColumn('resource', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created', 'text', (c) => c.notNull())
    .addColumn('last_modified', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('scim_groups_display_name_unique')
    .on('scim_groups')
    .columns(['endpoint_id', 'display_name_lower'])
    .unique()
    .execute();
  await db.schema
    .createIndex('scim_groups_external_id')
    .on('scim_groups')
    .columns(['endpoint_id', 'external_id'])
    .execute();
  await db.schema
    .createIndex('scim_groups_endpoint_seq')
    .on('scim_groups')
    .columns(['endpoint_id', 'seq'])
    .execute();

  await autoIncrementKey(db.schema.createTable('scim_group_members'), 'seq')
    .addColumn('group_id', 'text', (c) =>
      c.notNull().references('scim_groups.id').onDelete('cascade'),
    )
    .addColumn('user_id', 'text', (c) =>
      c.notNull().references('scim_users.id').onDelete('cascade'),
    )
    .addColumn('endpoint_id', 'text', (c) => c.notNull())
    .addColumn('display', 'text')
    .execute();
  await db.schema
    .createIndex('scim_group_members_unique')
    .on('scim_group_members')
    .columns(['group_id', 'user_id'])
    .unique()
    .execute();
  await db.schema
    .createIndex('scim_group_members_user')
    .on('scim_group_members')
    .column('user_id')
    .execute();

  await autoIncrementKey(db.schema.createTable('events'), 'sequence')
    .addColumn('id', 'text', (c) => c.notNull().unique())
    .addColumn('endpoint', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('resource_type', 'text', (c) => c.notNull())
    .addColumn('resource_id', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('dialect', 'text', (c) => c.notNull())
    .addColumn('accepted_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('events_endpoint_sequence')
    .on('events')
    .columns(['endpoint', 'sequence'])
    .execute();

  await autoIncrementKey(db.schema.createTable('request_log'), 'seq')
    .addColumn('endpoint_id', 'text', (c) =>
      c.notNull().references('endpoints.id').onDelete('cascade'),
    )
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('query', 'text')
    .addColumn('status', 'integer', (c) => c.notNull())
    .addColumn('duration_ms', 'real', (c) => c.notNull())
    .addColumn('user_agent', 'text')
    .addColumn('dialect', 'text', (c) => c.notNull())
    .addColumn('request_body', 'text')
    .addColumn('response_body', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('request_log_endpoint_seq')
    .on('request_log')
    .columns(['endpoint_id', 'seq'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'request_log',
    'events',
    'scim_group_members',
    'scim_groups',
    'scim_users',
    'endpoint_credentials',
    'endpoints',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
