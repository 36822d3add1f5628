import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { createHttpClient, testCredential } from '@scimflow/nodes';
import { AdminError } from '../admin/admin-errors.js';
import { documented } from '../openapi/route-doc.js';
import {
  CreateCredentialBody,
  CredentialIdParams,
  CredentialSchema,
  CredentialTestResultSchema,
  UpdateCredentialBody,
  type CredentialView,
} from './credential-schemas.js';
import { isCredentialType } from './credential-codec.js';
import { rejectUnknownFields } from './credential-fields.js';
import {
  CredentialInUseError,
  CredentialNameTakenError,
  CredentialStore,
  type CredentialRow,
} from './credential-store.js';

const TAG = 'Credentials';

/** Timeout of the connection test's one request, so the designer's button does not wait long. */
const TEST_TIMEOUT_MS = 10_000;

/**
 * Admin routes for credentials: create, list, update, delete and test. Secrets go in and never
 * come out: responses carry the non-secret fields and the names of the secret fields that are set.
 */
export async function credentialRoutes(app: FastifyInstance): Promise<void> {
  const credentials = new CredentialStore(app.scimflow.db, app.scimflow.secretBox);

  function describe(row: CredentialRow): CredentialView {
    if (!isCredentialType(row.type)) {
      throw new Error(
        `Credential ${row.id} has unknown type "${row.type}". Delete it and create it with a known type.`,
      );
    }
    return {
      id: row.id,
      name: row.name,
      type: row.type,
      fields: JSON.parse(row.fields) as Record<string, unknown>,
      secretFields: secretFieldsOrNone(row),
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
  }

  /** Lists the set secret fields, or none when they do not decrypt, so the designer requests them again. */
  function secretFieldsOrNone(row: CredentialRow): string[] {
    try {
      return credentials.setSecretFields(row);
    } catch (error) {
      app.log.warn({ err: error, credentialId: row.id }, 'credential secrets do not decrypt');
      return [];
    }
  }

  async function load(params: unknown): Promise<CredentialRow> {
    const { id } = CredentialIdParams.parse(params);
    const row = await credentials.find(id);
    if (row) return row;

    throw new AdminError(
      404,
      'credential_not_found',
      `No credential with id "${id}". List credentials with GET /api/credentials.`,
    );
  }

  async function withNameCheck<T>(write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (error) {
      if (error instanceof CredentialNameTakenError)
        throw new AdminError(409, 'credential_name_taken', error.message);
      throw error;
    }
  }

  app.get(
    '/credentials',
    documented({
      tag: TAG,
      summary: 'List credentials without their secrets',
      response: z.array(CredentialSchema),
    }),
    async () => (await credentials.list()).map(describe),
  );

  app.post(
    '/credentials',
    documented({
      tag: TAG,
      summary: 'Create a credential; secret fields are stored encrypted and never returned',
      body: CreateCredentialBody,
      status: 201,
      response: CredentialSchema,
    }),
    async (request, reply) => {
      // Unknown fields are reported before the body schema runs, because a misspelt required
      // field would otherwise be reported as missing.
      const raw = request.body as { type?: unknown; data?: unknown } | null | undefined;
      if (typeof raw?.type === 'string' && isCredentialType(raw.type)) {
        rejectUnknownFields(raw.type, raw.data);
      }

      // The union is built from a list, so its inferred type is wider than the parsed value.
      const body = CreateCredentialBody.parse(request.body) as {
        name: string;
        type: string;
        data: Record<string, unknown>;
      };
      const type = body.type;
      if (!isCredentialType(type))
        throw new Error(
          `Credential type ${type} passed the body schema but is missing from the registry`,
        );

      const row = await withNameCheck(() => credentials.create(body.name, type, body.data));
      request.log.info({ credentialId: row.id, type: row.type }, 'credential created');
      return reply.status(201).send(describe(row));
    },
  );

  app.put(
    '/credentials/:id',
    documented({
      tag: TAG,
      summary:
        'Rename a credential or replace its data; secret fields left out stay as they were. A rename updates every flow draft that uses the old name, and published versions keep resolving the old name to this credential',
      params: CredentialIdParams,
      body: UpdateCredentialBody,
      response: CredentialSchema,
    }),
    async (request) => {
      const row = await load(request.params);
      const body = UpdateCredentialBody.parse(request.body ?? {});
      if (body.data !== undefined && isCredentialType(row.type)) {
        rejectUnknownFields(row.type, body.data);
      }
      const updated = await withNameCheck(() => credentials.update(row, body));
      request.log.info(
        { credentialId: row.id, renamed: updated.name !== row.name },
        'credential updated',
      );
      return describe(updated);
    },
  );

  app.delete(
    '/credentials/:id',
    documented({
      tag: TAG,
      summary:
        'Delete a credential; 409 naming the flows while a flow draft or a published version of an enabled flow uses it',
      params: CredentialIdParams,
      status: 204,
    }),
    async (request, reply) => {
      const row = await load(request.params);
      try {
        await credentials.delete(row);
      } catch (error) {
        if (error instanceof CredentialInUseError)
          throw new AdminError(409, 'credential_in_use', error.message);
        throw error;
      }
      request.log.info({ credentialId: row.id }, 'credential deleted');
      return reply.status(204).send();
    },
  );

  app.post(
    '/credentials/:id/test',
    documented({
      tag: TAG,
      summary: "Send the credential type's cheap authenticated request to its configured base URL",
      params: CredentialIdParams,
      response: CredentialTestResultSchema,
    }),
    async (request) => {
      const row = await load(request.params);
      // One attempt: the admin is waiting, and a retry after a rejection changes nothing.
      const allowedHosts = app.flowRuntime.allowedHosts;
      const http = createHttpClient({
        maxAttempts: 1,
        timeoutMs: TEST_TIMEOUT_MS,
        ...(allowedHosts ? { allowedHosts } : {}),
      });
      let resolved;
      try {
        resolved = credentials.resolve(row);
      } catch (error) {
        request.log.warn({ err: error, credentialId: row.id }, 'credential secrets do not decrypt');
        return { ok: false, message: (error as Error).message };
      }

      const result = await testCredential(resolved, { http });
      request.log.info({ credentialId: row.id, ok: result.ok }, 'credential tested');
      return result;
    },
  );
}
