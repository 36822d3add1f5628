import { ReactFlowProvider } from '@xyflow/react';
import { useEffect, useState } from 'react';
import { HostAllowlist } from '@scimflow/nodes';

import { useCredentials, useFlow, useServerSettings } from '../api/queries.js';
import type { Flow } from '../api/types.js';
import { useCatalogue } from '../catalogue/context.js';
import { ErrorNotice, Loading } from '../ui/feedback.js';
import { Canvas } from './Canvas.js';
import { ConfigPanel } from './ConfigPanel.js';
import { HelpPanel } from './HelpPanel.js';
import { Palette } from './Palette.js';
import { ProblemsPanel } from './ProblemsPanel.js';
import { PublishDialog } from './PublishDialog.js';
import { afterNextPaint } from './afterNextPaint.js';
import { EditorStoreContext, useEditorStore, useEditorStoreApi } from './store/context.js';
import { createEditorStore } from './store/createEditorStore.js';
import { TestRunPanel } from './TestRunPanel.js';
import { Toolbar } from './Toolbar.js';
import { useDraftSaving } from './useDraftSaving.js';
import { useShortcuts } from './useShortcuts.js';
import { VersionsPanel } from './VersionsPanel.js';

/** Loads the flow, then opens an editor with its own store. */
export default function FlowEditorPage({ flowId }: { flowId: string }) {
  const flow = useFlow(flowId);
  if (flow.isPending) return <Loading label="Loading the flow…" />;
  if (flow.isError)
    return (
      <ErrorNotice
        title="Could not open the flow"
        error={flow.error}
        onRetry={() => void flow.refetch()}
      />
    );
  return <OpenEditor flow={flow.data} />;
}

function OpenEditor({ flow }: { flow: Flow }) {
  const catalogue = useCatalogue();
  // One store per open editor, created once; the page remounts for another flow id.
  const [store] = useState(() => createEditorStore(flow.id, flow.draft, catalogue));
  return (
    <EditorStoreContext.Provider value={store}>
      <ReactFlowProvider>
        <Editor />
      </ReactFlowProvider>
    </EditorStoreContext.Provider>
  );
}

type Tab = 'node' | 'problems' | 'test' | 'versions';

function Editor() {
  const store = useEditorStoreApi();
  const { status, saveNow } = useDraftSaving(store);
  const [tab, setTab] = useState<Tab>('node');
  const [helpOpen, setHelpOpen] = useState(false);
  const [publishOpen, setPublishOpen] = useState(false);
  const credentials = useCredentials();
  const serverSettings = useServerSettings();
  const selectedNodeId = useEditorStore((state) =>
    state.selectedNodeIds.size === 1 ? [...state.selectedNodeIds][0] : undefined,
  );
  const selectedCount = useEditorStore((state) => state.selectedNodeIds.size);
  const problemCount = useEditorStore((state) => state.problems.length);

  useShortcuts(store, {
    save: () => void saveNow(),
    toggleHelp: () => setHelpOpen((open) => !open),
  });

  // Validating a 1,000-node flow takes tens of milliseconds, so the first validation waits until
  // the canvas is on screen and problem badges appear a moment later.
  useEffect(() => afterNextPaint(() => store.getState().flushValidation()), [store]);

  // Credential problems are checked against the credential store once it is loaded.
  useEffect(() => {
    if (credentials.data)
      store
        .getState()
        .setKnownCredentials(credentials.data.map(({ name, type }) => ({ name, type })));
  }, [credentials.data, store]);

  // Fixed URLs outside the server's host allowlist get a warning once the settings are loaded.
  const allowedHostEntries = serverSettings.data?.httpAllowedHosts;
  useEffect(() => {
    if (allowedHostEntries === undefined) return;
    const allowlist =
      allowedHostEntries === null ? undefined : HostAllowlist.parse(allowedHostEntries.join(','));
    store.getState().setAllowedHosts(allowlist);
  }, [allowedHostEntries, store]);

  // Selecting a node shows its config.
  useEffect(() => {
    if (selectedNodeId) setTab('node');
  }, [selectedNodeId]);

  const tabs: { id: Tab; label: string }[] = [
    { id: 'node', label: 'Node' },
    { id: 'problems', label: `Problems${problemCount ? ` (${problemCount})` : ''}` },
    { id: 'test', label: 'Test run' },
    { id: 'versions', label: 'Versions' },
  ];

  return (
    <div className="editor" data-testid="flow-editor">
      <Toolbar
        status={status}
        onSave={() => void saveNow()}
        onPublish={() => {
          // Publishing decides on the problems, so validate edits still waiting for it.
          store.getState().flushValidation();
          setPublishOpen(true);
        }}
        onHelp={() => setHelpOpen(true)}
      />
      <div className="editor-body">
        <Palette />
        <Canvas />
        <aside className="inspector" aria-label="Inspector">
          <div role="tablist" aria-label="Inspector panels" className="tabs">
            {tabs.map((item) => (
              <button
                key={item.id}
                type="button"
                role="tab"
                id={`tab-${item.id}`}
                aria-selected={tab === item.id}
                aria-controls={`panel-${item.id}`}
                onClick={() => setTab(item.id)}
              >
                {item.label}
              </button>
            ))}
          </div>
          <div
            role="tabpanel"
            id={`panel-${tab}`}
            aria-labelledby={`tab-${tab}`}
            className="tab-panel"
          >
            {tab === 'node' &&
              (selectedNodeId ? (
                <ConfigPanel key={selectedNodeId} nodeId={selectedNodeId} />
              ) : (
                <p className="muted">
                  {selectedCount > 1
                    ? `${selectedCount} nodes selected. Select one node to configure it.`
                    : 'Select a node to configure it, or add one from the palette.'}
                </p>
              ))}
            {tab === 'problems' && <ProblemsPanel onShowNode={() => setTab('node')} />}
            {tab === 'test' && <TestRunPanel saveNow={saveNow} onShowNode={() => setTab('node')} />}
            {tab === 'versions' && <VersionsPanel />}
          </div>
        </aside>
      </div>
      {helpOpen && <HelpPanel onClose={() => setHelpOpen(false)} />}
      {publishOpen && <PublishDialog saveNow={saveNow} onClose={() => setPublishOpen(false)} />}
    </div>
  );
}
