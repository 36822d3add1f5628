import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';

import { useApi } from '../api/context.js';
import { flowQuery, useVersion } from '../api/queries.js';
import type { ExecutionSummary } from '../api/types.js';
import { useCatalogue } from '../catalogue/context.js';
import { nodeLabels, type NodeLabels } from './nodeLabels.js';

/**
 * Returns the canvas names of the nodes that an execution ran. A published run reads its pinned
 * version's document, and a test run reads the current draft, because the server keeps no copy
 * of the draft that it ran. While the document loads, or when it fails to load (the flow was
 * deleted), the map is empty and steps show their node ids.
 */
export function useNodeLabels(execution: ExecutionSummary | undefined): NodeLabels {
  const api = useApi();
  const catalogue = useCatalogue();
  const flowId = execution?.flowId ?? '';
  const version = execution?.version ?? null;
  const isDraftRun = execution !== undefined && version === null;

  const draft = useQuery({ ...flowQuery(api, flowId), enabled: isDraftRun, retry: false });
  const published = useVersion(flowId, version, execution !== undefined);

  const document = isDraftRun ? draft.data?.draft : published.data?.document;
  return useMemo(() => nodeLabels(document, catalogue), [document, catalogue]);
}
