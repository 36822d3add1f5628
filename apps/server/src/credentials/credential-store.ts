import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import { ZodError } from 'zod';
import { credentialTypes, type CredentialType, type ResolvedCredential } from '@scimflow/nodes';
import { isUniqueViolation } from '../db/database.js';
import type { Database } from '../db/schema.js';
import type { SecretBox } from '../security/secret-box.js';
import {
  openCredential,
  openSecrets,
  sealSecrets,
  splitCredentialData,
} from './credential-codec.js';
import {
  describeFlowUse,
  flowsUsing,
  renameInDrafts,
  type FlowUse,
} from './credential-references.js';
import { forgetRenames, formerNames, reclaimName, recordRename } from './credential-renames.js';
import type { CredentialTable } from './credential-tables.js';

export type CredentialRow = CredentialTable;

/** Thrown when another credential has the name, ignoring case. */
export class CredentialNameTakenError extends Error {
  constructor(readonly credentialName: string) {
    super(
      `A credential named "${credentialName}" already exists (names ignore case). Choose another name.`,
    );
  }
}

/** Thrown when flows use the credential that a request deletes. */
export class CredentialInUseError extends Error {
  constructor(
    readonly credentialName: string,
    readonly uses: FlowUse[],
  ) {
    const flows = uses.map(describeFlowUse).join(', ');
    const singleFlow = uses.length === 1;
    // A draft counts whether or not its flow is enabled, so disabling helps only published uses.
    const inDrafts = uses.some((use) => use.draft);
    const inVersions = uses.some((use) => use.versions.length > 0);
    const steps = [
      ...(inDrafts ? ['choose another credential in the draft (or delete the flow)'] : []),
      ...(inVersions ? ['disable the flow or publish a version without it'] : []),
    ];
    super(
      `Credential "${credentialName}" is used by ${singleFlow ? 'flow' : 'flows'} ${flows}, so it was not deleted. ` +
        `To delete it, ${steps.join(', and ')}.`,
    );
  }
}

/** Reads and writes credentials; secret fields are encrypted before they reach the database. */
export class CredentialStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly secretBox: SecretBox,
  ) {}

  /** Lists credentials by name, ignoring case. */
  async list(): Promise<CredentialRow[]> {
    return this.db.selectFrom('credentials').selectAll().orderBy('name_lower').execute();
  }

  /** Returns the credential with `id`, or undefined. */
  async find(id: string): Promise<CredentialRow | undefined> {
    return this.db.selectFrom('credentials').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /**
   * Stores a credential whose data already fits its type's schema. The name is taken back from
   * the rename history, so flows that reference it mean this credential from now on. Throws
   * CredentialNameTakenError.
   */
  async create(
    name: string,
    type: CredentialType,
    data: Record<string, unknown>,
  ): Promise<CredentialRow> {
    const id = crypto.randomUUID();
    const now = new Date().toISOString();
    const { fields, secrets } = splitCredentialData(type, data);
    const row: CredentialRow = {
      id,
      name,
      name_lower: name.toLowerCase(),
      type,
      fields: JSON.stringify(fields),
      secrets: sealSecrets(this.secretBox, id, secrets),
      created_at: now,
      updated_at: now,
    };

    await this.write(name, () =>
      this.db.transaction().execute(async (trx) => {
        await trx.insertInto('credentials').values(row).execute();
        await reclaimName(trx, name);
      }),
    );
    return row;
  }

  /**
   * Renames the credential and/or replaces its data. `data` replaces the non-secret fields, while a
   * secret field that `data` leaves out keeps its stored value. The merged data is checked with
   * the type's schema; a failure throws a ZodError whose paths start with `data`.
   *
   * A rename, in the same transaction, rewrites the references in every flow draft to the new
   * name and records the old name, so published versions that reference it still resolve.
   */
  async update(
    row: CredentialRow,
    changes: { name?: string; data?: Record<string, unknown> },
  ): Promise<CredentialRow> {
    const updated: CredentialRow = { ...row, updated_at: new Date().toISOString() };
    if (changes.name !== undefined) {
      updated.name = changes.name;
      updated.name_lower = changes.name.toLowerCase();
    }

    if (changes.data !== undefined) {
      const stored = openCredential(row, this.secretBox);
      const data = mergeData(stored, changes.data);
      const { fields, secrets } = splitCredentialData(stored.type, data);
      updated.fields = JSON.stringify(fields);
      updated.secrets = sealSecrets(this.secretBox, row.id, secrets);
    }

    await this.write(updated.name, () =>
      this.db.transaction().execute(async (trx) => {
        await trx
          .updateTable('credentials')
          .set({
            name: updated.name,
            name_lower: updated.name_lower,
            fields: updated.fields,
            secrets: updated.secrets,
            updated_at: updated.updated_at,
          })
          .where('id', '=', row.id)
          .execute();
        if (updated.name !== row.name) await renameReferences(trx, row, updated);
      }),
    );
    return updated;
  }

  /**
   * Deletes the credential and its rename history. Throws CredentialInUseError, and deletes
   * nothing, while a flow draft or a published version of an enabled flow uses the credential
   * under its name or a former name.
   */
  async delete(row: CredentialRow): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const names = [row.name, ...(await formerNames(trx, row.id))];
      const uses = await flowsUsing(trx, names);
      if (uses.length > 0) throw new CredentialInUseError(row.name, uses);

      await forgetRenames(trx, row.id);
      await trx.deleteFrom('credentials').where('id', '=', row.id).execute();
    });
  }

  /** Returns the credential with its secrets decrypted, for a connection test or a node run. */
  resolve(row: CredentialRow): ResolvedCredential {
    return openCredential(row, this.secretBox);
  }

  /** Returns the names of the secret fields that hold a value. */
  setSecretFields(row: CredentialRow): string[] {
    const secrets = openSecrets(row, this.secretBox);
    return Object.entries(secrets)
      .filter(([, value]) => value !== undefined && value !== null && value !== '')
      .map(([name]) => name)
      .sort();
  }

  private async write(name: string, statement: () => Promise<unknown>): Promise<void> {
    try {
      await statement();
    } catch (error) {
      if (isUniqueViolation(error)) throw new CredentialNameTakenError(name);
      throw error;
    }
  }
}

/**
 * Moves flow drafts from the credential's old names to its new one and records the old name.
 * Its former names count too, so a draft saved with one of them after an earlier rename follows.
 */
async function renameReferences(
  trx: Kysely<Database>,
  before: CredentialRow,
  after: CredentialRow,
): Promise<void> {
  const former = await formerNames(trx, before.id);
  await reclaimName(trx, after.name);
  await recordRename(trx, before.id, before.name, after.updated_at);
  await renameInDrafts(trx, [before.name, ...former], after.name, after.updated_at);
}

/** Merges new data over a stored credential and checks the result with the type's schema. */
function mergeData(
  stored: ResolvedCredential,
  data: Record<string, unknown>,
): Record<string, unknown> {
  const { secrets: storedSecrets } = splitCredentialData(stored.type, stored.data);
  const merged = { ...data };
  for (const [name, value] of Object.entries(storedSecrets)) {
    if (merged[name] === undefined) merged[name] = value;
  }

  const result = credentialTypes[stored.type].schema.safeParse(merged);
  if (result.success) return result.data as Record<string, unknown>;

  throw new ZodError(
    result.error.issues.map((issue) => ({ ...issue, path: ['data', ...issue.path] })),
  );
}
