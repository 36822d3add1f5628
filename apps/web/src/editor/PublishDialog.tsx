import { useState } from 'react';

import { useApi } from '../api/context.js';
import { ApiError, describeError } from '../api/errors.js';
import { queryKeys, useFlow, useMutation, useQueryClient } from '../api/queries.js';
import type { Problem } from '../api/types.js';
import { Dialog } from '../ui/Dialog.js';
import { ProblemList } from '../ui/ProblemList.js';
import { useEditorStore, useEditorStoreApi } from './store/context.js';

/** Publishes the draft with a note; refused while the draft has errors, with the reason shown. */
export function PublishDialog({
  saveNow,
  onClose,
}: {
  saveNow: () => Promise<boolean>;
  onClose: () => void;
}) {
  const api = useApi();
  const store = useEditorStoreApi();
  const queryClient = useQueryClient();
  const problems = useEditorStore((state) => state.problems);
  const [note, setNote] = useState('');
  const flow = useFlow(store.getState().flowId);
  const isOff = flow.data?.enabled === false;
  // A published flow that is off runs on nothing, which surprises a first-time user, so the
  // dialog offers to turn it on in the same step.
  const [turnOn, setTurnOn] = useState(true);
  const [serverProblems, setServerProblems] = useState<Problem[]>([]);
  // Set when the server kept the newest version because the draft equals it.
  const [unchangedVersion, setUnchangedVersion] = useState<number | undefined>();
  const errors = problems.filter((problem) => problem.severity === 'error');
  // The same rule as `canPublish` in `@scimflow/flow`: warnings do not block publishing.
  const allowed = errors.length === 0;

  const publish = useMutation({
    mutationFn: async () => {
      if (!(await saveNow()))
        throw new Error(
          'The draft could not be saved, so it was not published. Fix the save error and try again.',
        );
      const flowId = store.getState().flowId;
      const version = await api.publishFlow(flowId, note.trim());
      if (isOff && turnOn) await api.updateFlow(flowId, { enabled: true });
      // The server returns 200 with `unchanged` instead of publishing a copy of the newest version.
      return version;
    },
    onSuccess: async (version) => {
      const flowId = store.getState().flowId;
      // Only the on/off state changes here: refetching the flow would bring back a draft the
      // editor already owns.
      if (isOff && turnOn) {
        queryClient.setQueryData(queryKeys.flow(flowId), (old: typeof flow.data) =>
          old ? { ...old, enabled: true } : old,
        );
      }
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.versions(flowId) }),
        queryClient.invalidateQueries({ queryKey: queryKeys.flows, exact: true }),
      ]);
      if (version.unchanged) {
        setUnchangedVersion(version.version);
        return;
      }
      onClose();
    },
    onError: (error) => setServerProblems(error instanceof ApiError ? error.problems : []),
  });

  return (
    <Dialog title="Publish this flow" onClose={onClose} testId="publish-dialog">
      {!allowed ? (
        <div role="alert">
          <p className="field-error">
            Publishing is blocked: the draft has {errors.length}{' '}
            {errors.length === 1 ? 'error' : 'errors'}. Fix {errors.length === 1 ? 'it' : 'them'}{' '}
            first:
          </p>
          <ProblemList problems={errors} />
        </div>
      ) : (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            publish.mutate();
          }}
        >
          <p>
            New provisioning events run the published version; events already accepted keep the
            version they were accepted with.
          </p>
          <label>
            Note
            <textarea
              rows={3}
              value={note}
              onChange={(event) => setNote(event.target.value)}
              placeholder="What changed, for the version list"
              maxLength={2000}
            />
          </label>
          {isOff && (
            <label className="checkbox">
              <input
                type="checkbox"
                checked={turnOn}
                onChange={(event) => setTurnOn(event.target.checked)}
                data-testid="publish-turn-on"
              />
              Turn the flow on, so it runs on live provisioning events
            </label>
          )}
          {unchangedVersion !== undefined && (
            <p role="status" data-testid="publish-unchanged">
              No changes since version {unchangedVersion}, so no new version was created.
            </p>
          )}
          {publish.isError && (
            <div role="alert">
              <p className="field-error">Publishing failed: {describeError(publish.error)}</p>
              {serverProblems.length > 0 && <ProblemList problems={serverProblems} />}
            </div>
          )}
          <div className="dialog-actions">
            <button type="button" onClick={onClose}>
              Cancel
            </button>
            <button
              type="submit"
              className="primary"
              disabled={publish.isPending}
              data-testid="confirm-publish"
            >
              {publish.isPending ? 'Publishing…' : 'Publish'}
            </button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
