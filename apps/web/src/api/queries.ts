import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import type { ApiClient } from './client.js';
import { useApi } from './context.js';
import type { ExecutionFilters } from './types.js';

/** Query keys of the admin API resources, so mutations invalidate exactly what they change. */
export const queryKeys = {
  flows: ['flows'] as const,
  flow: (id: string) => ['flows', id] as const,
  versions: (id: string) => ['flows', id, 'versions'] as const,
  version: (id: string, version: number) => ['flows', id, 'versions', version] as const,
  samples: ['samples'] as const,
  credentials: ['credentials'] as const,
  serverSettings: ['server-settings'] as const,
  endpoints: ['endpoints'] as const,
  inboundRequests: (slug: string) => ['endpoints', slug, 'requests'] as const,
  executions: (filters: ExecutionFilters) => ['executions', filters] as const,
  execution: (id: string) => ['execution', id] as const,
};

export function useFlows() {
  const api = useApi();
  return useQuery({ queryKey: queryKeys.flows, queryFn: api.listFlows, refetchInterval: 15_000 });
}

/** Query of one flow, shared by `useFlow` and the prefetch that starts when a flow opens. */
export function flowQuery(api: ApiClient, id: string) {
  // The editor owns the draft once loaded, so a background refetch must not replace it.
  return queryOptions({
    queryKey: queryKeys.flow(id),
    queryFn: () => api.getFlow(id),
    staleTime: Infinity,
    refetchOnWindowFocus: false,
  });
}

export function useFlow(id: string) {
  const api = useApi();
  return useQuery(flowQuery(api, id));
}

export function useVersions(id: string) {
  const api = useApi();
  return useQuery({ queryKey: queryKeys.versions(id), queryFn: () => api.listVersions(id) });
}

/**
 * Query of one published version with its document. It sends no request while `enabled` is
 * false or `version` is null.
 */
export function useVersion(id: string, version: number | null, enabled = true) {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.version(id, version ?? 0),
    queryFn: () => api.getVersion(id, version ?? 0),
    enabled: enabled && version !== null,
    // A published version never changes, and a missing one does not come back.
    staleTime: Infinity,
    retry: false,
  });
}

export function useSamples() {
  const api = useApi();
  return useQuery({ queryKey: queryKeys.samples, queryFn: api.listSamples, staleTime: 60_000 });
}

export function useCredentials() {
  const api = useApi();
  return useQuery({ queryKey: queryKeys.credentials, queryFn: api.listCredentials });
}

export function useServerSettings() {
  const api = useApi();
  return useQuery({ queryKey: queryKeys.serverSettings, queryFn: api.getServerSettings });
}

export function useEndpoints() {
  const api = useApi();
  return useQuery({ queryKey: queryKeys.endpoints, queryFn: api.listEndpoints });
}

export function useInboundRequests(slug: string) {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.inboundRequests(slug),
    queryFn: () => api.listInboundRequests(slug, 50),
    refetchInterval: 10_000,
  });
}

export function useExecutions(filters: ExecutionFilters) {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.executions(filters),
    queryFn: () => api.listExecutions(filters),
    refetchInterval: 10_000,
  });
}

export function useExecution(id: string) {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.execution(id),
    queryFn: () => api.getExecution(id),
    // Poll while the execution is still in progress.
    refetchInterval: (query) =>
      query.state.data && ['queued', 'running'].includes(query.state.data.status) ? 2_000 : false,
  });
}

/** Invalidates the flow list after a mutation that changes any flow. */
export function useInvalidateFlows() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: queryKeys.flows, exact: true });
}

export { useMutation, useQueryClient };
