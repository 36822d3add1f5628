import type { Generated } from 'kysely';

/**
 * Table types for Kysely. Booleans are stored as integers (0/1) and JSON as text so the same
 * queries run on SQLite and PostgreSQL. Other areas add their tables here with their migrations.
 */
export interface Database {
  endpoints: EndpointTable;
  endpoint_credentials: EndpointCredentialsTable;
  scim_users: ScimUserTable;
  scim_groups: ScimGroupTable;
  scim_group_members: ScimGroupMemberTable;
  events: EventTable;
  request_log: RequestLogTable;
  admin_users: AdminUserTable;
  admin_sessions: AdminSessionTable;
}

export interface EndpointTable {
  id: string;
  slug: string;
  name: string;
  api_key_header: string;
  created_at: string;
}

/** Hashes of one endpoint's credentials; a null hash means that method is not configured. */
export interface EndpointCredentialsTable {
  endpoint_id: string;
  bearer_token_hash: string | null;
  basic_username: string | null;
  basic_password_hash: string | null;
  api_key_hash: string | null;
  oauth_client_id: string | null;
  oauth_client_secret_hash: string | null;
  updated_at: string;
}

export interface ScimUserTable {
  /** Creation sequence; lists are ordered by it. */
  seq: Generated<number>;
  id: string;
  endpoint_id: string;
  user_name: string;
  user_name_lower: string;
  external_id: string | null;
  active: number;
  /** The stored SCIM resource as JSON, without `meta` and without `password`. */
  resource: string;
  version: number;
  created: string;
  last_modified: string;
}

export interface ScimGroupTable {
  seq: Generated<number>;
  id: string;
  endpoint_id: string;
  display_name: string;
  display_name_lower: string;
  external_id: string | null;
  /** The stored SCIM resource as JSON, without `meta` and `members` (see scim_group_members). */
  resource: string;
  version: number;
  created: string;
  last_modified: string;
}

export interface ScimGroupMemberTable {
  seq: Generated<number>;
  group_id: string;
  user_id: string;
  endpoint_id: string;
  display: string | null;
}

export interface EventTable {
  /** Global acceptance order. */
  sequence: Generated<number>;
  id: string;
  endpoint: string;
  type: string;
  resource_type: string;
  resource_id: string;
  /** The ProvisioningEvent as JSON. */
  payload: string;
  dialect: string;
  accepted_at: string;
}

export interface RequestLogTable {
  seq: Generated<number>;
  endpoint_id: string;
  method: string;
  path: string;
  query: string | null;
  status: number;
  duration_ms: number;
  user_agent: string | null;
  dialect: string;
  request_body: string | null;
  response_body: string | null;
  created_at: string;
}

export interface AdminUserTable {
  id: string;
  username: string;
  password_hash: string;
  created_at: string;
}

export interface AdminSessionTable {
  /** SHA-256 of the session cookie value; the cookie value itself is never stored. */
  id_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
}
