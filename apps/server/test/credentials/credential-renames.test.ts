import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CredentialNotFoundError, resolveCredential } from '../../src/credentials/resolve.js';
import { signIn, type AdminClient } from '../support/admin-client.js';
import { ADMIN_PASSWORD, startServer, type TestServer } from '../support/test-server.js';
import { githubInviteFlow } from '../flows/documents.js';

let server: TestServer;
let admin: AdminClient;

beforeAll(async () => {
  server = await startServer({ runtime: { enabled: false } });
  admin = await signIn(server.baseUrl, ADMIN_PASSWORD);
});

afterAll(async () => {
  await server.close();
  server.removeData();
});

/** Creates a GitHub token credential whose token names it, so a resolve shows which one it found. */
async function createCredential(name: string): Promise<string> {
  const response = await admin.request('POST', '/api/credentials', {
    name,
    type: 'github.token',
    data: { token: `token of ${name}`, baseUrl: 'http://127.0.0.1:9/api' },
  });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body.id;
}

async function rename(id: string, name: string): Promise<void> {
  const response = await admin.request('PUT', `/api/credentials/${id}`, { name });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
}

/** Returns the token of the credential that `name` resolves to, as a node run would get it. */
async function tokenFor(name: string): Promise<unknown> {
  const { db, secretBox } = server.app.scimflow;
  const credential = await resolveCredential(db, secretBox, name);
  return credential.data.token;
}

async function createFlow(name: string, credentialName: string): Promise<string> {
  const response = await admin.request('POST', '/api/flows', {
    document: githubInviteFlow(name, credentialName),
  });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body.id;
}

async function publish(flowId: string): Promise<void> {
  const response = await admin.request('POST', `/api/flows/${flowId}/publish`, {});
  expect(response.status, JSON.stringify(response.body)).toBe(201);
}

async function setEnabled(flowId: string, enabled: boolean): Promise<void> {
  const response = await admin.request('PATCH', `/api/flows/${flowId}`, { enabled });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
}

async function draftOf(flowId: string) {
  return (await admin.request('GET', `/api/flows/${flowId}`)).body.draft;
}

describe('credential rename', () => {
  it('rewrites drafts and keeps published versions', async () => {
    const id = await createCredential('Draft source');
    const published = await createFlow('Rename published', 'Draft source');
    await publish(published);
    const draftOnly = await createFlow('Rename draft only', 'Draft source');
    const unrelated = await createFlow('Rename unrelated', 'Someone else');

    await rename(id, 'Draft target');

    for (const flowId of [published, draftOnly]) {
      const draft = await draftOf(flowId);
      expect(draft.nodes[1].credential).toBe('Draft target');
      expect(draft.credentials).toEqual([{ name: 'Draft target', type: 'github.token' }]);
    }
    expect((await draftOf(unrelated)).nodes[1].credential).toBe('Someone else');

    const version = await admin.request('GET', `/api/flows/${published}/versions/1`);
    expect(version.body.document.nodes[1].credential).toBe('Draft source');
    // The draft differs from version 1 only by the name of the same credential.
    const flow = await admin.request('GET', `/api/flows/${published}`);
    expect(flow.body.hasDraftChanges).toBe(false);

    // The rewritten draft validates against the stored credentials.
    const validated = await admin.request('POST', '/api/flows/validate', {
      document: await draftOf(draftOnly),
    });
    expect(validated.body.problems).toEqual([]);
  });

  it('old name resolves to the renamed credential', async () => {
    const id = await createCredential('Before rename');
    await rename(id, 'After rename');

    expect(await tokenFor('Before rename')).toBe('token of Before rename');
    expect(await tokenFor('After rename')).toBe('token of Before rename');
    const credential = await resolveCredential(
      server.app.scimflow.db,
      server.app.scimflow.secretBox,
      'Before rename',
    );
    expect(credential.name).toBe('After rename');
  });

  it('follows a chain of renames', async () => {
    const id = await createCredential('Chain A');
    const flowId = await createFlow('Chain flow', 'Chain A');
    await rename(id, 'Chain B');
    await rename(id, 'Chain C');

    expect(await tokenFor('Chain A')).toBe('token of Chain A');
    expect(await tokenFor('Chain B')).toBe('token of Chain A');
    expect(await tokenFor('Chain C')).toBe('token of Chain A');
    expect((await draftOf(flowId)).nodes[1].credential).toBe('Chain C');
  });

  it('renaming back keeps every name resolving', async () => {
    const id = await createCredential('Round trip');
    await rename(id, 'Round trip away');
    await rename(id, 'Round trip');

    expect(await tokenFor('Round trip')).toBe('token of Round trip');
    expect(await tokenFor('Round trip away')).toBe('token of Round trip');
  });

  it('create reclaims a former name', async () => {
    const first = await createCredential('Reclaimed by create');
    const flowId = await createFlow('Reclaim create flow', 'Reclaimed by create');
    await rename(first, 'Moved away');
    await createCredential('Reclaimed by create');

    expect(await tokenFor('Reclaimed by create')).toBe('token of Reclaimed by create');
    expect(await tokenFor('Moved away')).toBe('token of Reclaimed by create');
    expect((await draftOf(flowId)).nodes[1].credential).toBe('Moved away');
  });

  it('create reclaims a former name ignoring case', async () => {
    const first = await createCredential('Case reclaim');
    await rename(first, 'Case reclaim moved');
    await createCredential('CASE RECLAIM');

    await expect(tokenFor('Case reclaim')).rejects.toBeInstanceOf(CredentialNotFoundError);
    expect(await tokenFor('CASE RECLAIM')).toBe('token of CASE RECLAIM');
  });

  it('rename reclaims a former name', async () => {
    const first = await createCredential('Taken over');
    await rename(first, 'Taken over before');
    const second = await createCredential('Taker');
    await rename(second, 'Taken over');

    expect(await tokenFor('Taken over')).toBe('token of Taker');
    expect(await tokenFor('Taker')).toBe('token of Taker');
    expect(await tokenFor('Taken over before')).toBe('token of Taken over');
  });

  it('newest rename of a name wins', async () => {
    const first = await createCredential('Shared name');
    await rename(first, 'First owner');
    const second = await createCredential('Shared name');
    await rename(second, 'Second owner');

    expect(await tokenFor('Shared name')).toBe('token of Shared name');
    const credential = await resolveCredential(
      server.app.scimflow.db,
      server.app.scimflow.secretBox,
      'Shared name',
    );
    expect(credential.name).toBe('Second owner');
  });

  it('case-only rename keeps the old spelling resolving', async () => {
    const id = await createCredential('Mixed Case');
    await rename(id, 'mixed case');

    expect(await tokenFor('Mixed Case')).toBe('token of Mixed Case');
    expect(await tokenFor('mixed case')).toBe('token of Mixed Case');
  });

  it('rename to a taken name is rejected', async () => {
    await createCredential('Occupied');
    const id = await createCredential('Wants occupied');
    const flowId = await createFlow('Rejected rename flow', 'Wants occupied');

    const response = await admin.request('PUT', `/api/credentials/${id}`, { name: 'OCCUPIED' });
    expect(response.status).toBe(409);
    expect(response.body.error.code).toBe('credential_name_taken');
    expect((await draftOf(flowId)).nodes[1].credential).toBe('Wants occupied');
    await expect(tokenFor('OCCUPIED')).rejects.toBeInstanceOf(CredentialNotFoundError);
  });

  it('restoring an older version uses the new name', async () => {
    const id = await createCredential('Restore source');
    const flowId = await createFlow('Rename restore', 'Restore source');
    await publish(flowId);
    await rename(id, 'Restore target');

    const restored = await admin.request('POST', `/api/flows/${flowId}/versions/1/restore`);

    expect(restored.status, JSON.stringify(restored.body)).toBe(200);
    expect(restored.body.draft.nodes[1].credential).toBe('Restore target');
    expect(restored.body.draft.credentials).toEqual([
      { name: 'Restore target', type: 'github.token' },
    ]);
  });

  it('data-only update rewrites no draft', async () => {
    const id = await createCredential('Data only');
    const flowId = await createFlow('Data only flow', 'Data only');
    const before = (await admin.request('GET', `/api/flows/${flowId}`)).body.updatedAt;

    const response = await admin.request('PUT', `/api/credentials/${id}`, {
      data: { baseUrl: 'http://127.0.0.1:9/v2' },
    });
    expect(response.status).toBe(200);
    expect((await admin.request('GET', `/api/flows/${flowId}`)).body.updatedAt).toBe(before);
  });
});

/** Saves `document` as the draft, as a designer tab that loaded it earlier does. */
async function saveDraft(flowId: string, document: unknown) {
  const response = await admin.request('PUT', `/api/flows/${flowId}/draft`, { document });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body;
}

async function hasDraftChanges(flowId: string): Promise<{ detail: boolean; list: boolean }> {
  const detail = await admin.request('GET', `/api/flows/${flowId}`);
  const list = await admin.request('GET', '/api/flows');
  const entry = list.body.find((flow: { id: string }) => flow.id === flowId);
  return { detail: detail.body.hasDraftChanges, list: entry.hasDraftChanges };
}

describe('draft saved after a rename', () => {
  it('maps the old name to the current one', async () => {
    const id = await createCredential('Stale tab source');
    const flowId = await createFlow('Stale tab flow', 'Stale tab source');
    const staleDocument = githubInviteFlow('Stale tab flow', 'Stale tab source');
    await rename(id, 'Stale tab target');

    const saved = await saveDraft(flowId, staleDocument);

    expect(saved.draft.nodes[1].credential).toBe('Stale tab target');
    expect(saved.draft.credentials).toEqual([{ name: 'Stale tab target', type: 'github.token' }]);
    const validated = await admin.request('POST', '/api/flows/validate', {
      document: await draftOf(flowId),
    });
    expect(validated.body.problems).toEqual([]);
    await publish(flowId);
  });

  it('follows a chain of renames', async () => {
    const id = await createCredential('Stale chain A');
    const flowId = await createFlow('Stale chain flow', 'Stale chain A');
    await rename(id, 'Stale chain B');
    await rename(id, 'Stale chain C');

    for (const staleName of ['Stale chain A', 'Stale chain B']) {
      const saved = await saveDraft(flowId, githubInviteFlow('Stale chain flow', staleName));
      expect(saved.draft.nodes[1].credential, staleName).toBe('Stale chain C');
    }
  });

  it('keeps a name that a new credential took', async () => {
    const first = await createCredential('Stale reused');
    const flowId = await createFlow('Stale reused flow', 'Stale reused');
    await rename(first, 'Stale reused moved');
    await createCredential('Stale reused');

    const saved = await saveDraft(flowId, githubInviteFlow('Stale reused flow', 'Stale reused'));

    // The credential that has the name now wins, as it does when a run resolves the name.
    expect(saved.draft.nodes[1].credential).toBe('Stale reused');
    expect(await tokenFor('Stale reused')).toBe('token of Stale reused');
  });

  it('maps the old name when a flow is created', async () => {
    const id = await createCredential('Stale create source');
    await rename(id, 'Stale create target');

    const flowId = await createFlow('Stale create flow', 'Stale create source');

    expect((await draftOf(flowId)).nodes[1].credential).toBe('Stale create target');
  });

  it('leaves an unknown name alone', async () => {
    const flowId = await createFlow('Unknown name flow', 'Never existed');

    const saved = await saveDraft(flowId, githubInviteFlow('Unknown name flow', 'Never existed'));

    expect(saved.draft.nodes[1].credential).toBe('Never existed');
  });
});

describe('unpublished changes after a rename', () => {
  it('ignores a renamed credential', async () => {
    const id = await createCredential('Unchanged A');
    const flowId = await createFlow('Unchanged flow', 'Unchanged A');
    await publish(flowId);
    await rename(id, 'Unchanged B');
    await rename(id, 'Unchanged C');

    expect(await hasDraftChanges(flowId)).toEqual({ detail: false, list: false });

    // A stale tab saving the old name changes nothing either.
    await saveDraft(flowId, githubInviteFlow('Unchanged flow', 'Unchanged A'));
    expect(await hasDraftChanges(flowId)).toEqual({ detail: false, list: false });
  });

  it('still reports a real change', async () => {
    const id = await createCredential('Changed source');
    const flowId = await createFlow('Changed flow', 'Changed source');
    await publish(flowId);
    await rename(id, 'Changed target');

    const document = githubInviteFlow('Changed flow', 'Changed target');
    document.description = 'Invites new hires';
    await saveDraft(flowId, document);

    expect(await hasDraftChanges(flowId)).toEqual({ detail: true, list: true });
  });

  it('reports a name that a new credential took', async () => {
    const first = await createCredential('Taken back');
    const flowId = await createFlow('Taken back flow', 'Taken back');
    await publish(flowId);
    await rename(first, 'Taken back moved');
    await createCredential('Taken back');

    // Version 1 now resolves "Taken back" to the new credential, the draft to the first one.
    expect(await hasDraftChanges(flowId)).toEqual({ detail: true, list: true });
  });
});

describe('credential delete', () => {
  it('is rejected while flows use it', async () => {
    const id = await createCredential('In use');
    await createFlow('Uses in draft', 'In use');
    const liveFlow = await createFlow('Uses when published', 'In use');
    await publish(liveFlow);
    await setEnabled(liveFlow, true);
    // The draft moves to another credential, but the enabled flow's version 1 still uses it.
    await admin.request('PUT', `/api/flows/${liveFlow}/draft`, {
      document: githubInviteFlow('Uses when published', 'Something else'),
    });

    const response = await admin.request('DELETE', `/api/credentials/${id}`);
    expect(response.status).toBe(409);
    expect(response.body.error.code).toBe('credential_in_use');
    expect(response.body.error.message).toBe(
      'Credential "In use" is used by flows "Uses in draft" (draft), "Uses when published" (published version 1), so it was not deleted. To delete it, choose another credential in the draft (or delete the flow), and disable the flow or publish a version without it.',
    );
    expect(await tokenFor('In use')).toBe('token of In use');
  });

  it('is rejected for a former name', async () => {
    const id = await createCredential('Old spelling');
    const flowId = await createFlow('Former name flow', 'Old spelling');
    await publish(flowId);
    await setEnabled(flowId, true);
    await rename(id, 'New spelling');
    await admin.request('PUT', `/api/flows/${flowId}/draft`, {
      document: githubInviteFlow('Former name flow', 'Unrelated'),
    });

    const response = await admin.request('DELETE', `/api/credentials/${id}`);
    expect(response.status).toBe(409);
    expect(response.body.error.message).toContain('"Former name flow" (published version 1)');
  });

  it('is allowed once the flows stop using it', async () => {
    const id = await createCredential('Released');
    const flowId = await createFlow('Releasing flow', 'Released');
    await publish(flowId);
    await setEnabled(flowId, true);
    await rename(id, 'Released later');

    const rejected = await admin.request('DELETE', `/api/credentials/${id}`);
    expect(rejected.status).toBe(409);
    expect(rejected.body.error.message).toContain('"Releasing flow" (draft, published version 1)');

    // A disabled flow's versions do not run, so only its draft counts.
    await setEnabled(flowId, false);
    await admin.request('PUT', `/api/flows/${flowId}/draft`, {
      document: githubInviteFlow('Releasing flow', 'Unrelated'),
    });
    const deleted = await admin.request('DELETE', `/api/credentials/${id}`);
    expect(deleted.status).toBe(204);

    await expect(tokenFor('Released later')).rejects.toBeInstanceOf(CredentialNotFoundError);
    await expect(tokenFor('Released')).rejects.toBeInstanceOf(CredentialNotFoundError);
    const history = await server.app.scimflow.db
      .selectFrom('credential_renames')
      .selectAll()
      .where('credential_id', '=', id)
      .execute();
    expect(history).toEqual([]);
  });

  it('is allowed when no flow uses it', async () => {
    const id = await createCredential('Unused');
    // The name appears in the document as a JSON string, but no node uses it.
    const document = { ...githubInviteFlow('Mentions the name', 'Unused elsewhere') };
    document.description = 'Unused';
    const created = await admin.request('POST', '/api/flows', { document });
    expect(created.status).toBe(201);

    const response = await admin.request('DELETE', `/api/credentials/${id}`);
    expect(response.status).toBe(204);
    const list = await admin.request('GET', '/api/credentials');
    expect(list.body.map((item: { id: string }) => item.id)).not.toContain(id);
  });
});
