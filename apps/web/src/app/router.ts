import { useSyncExternalStore } from 'react';

/** A matched route of the designer's hash router. */
export type Route =
  | { name: 'flows' }
  | { name: 'flow'; flowId: string }
  | { name: 'executions'; flowId?: string }
  | { name: 'execution'; executionId: string }
  | { name: 'endpoints' }
  | { name: 'credentials' }
  | { name: 'notFound'; path: string };

/** Returns the route for a hash path such as `/flows/abc`. */
export function parseRoute(path: string): Route {
  const [first = '', second, ...rest] = path
    .replace(/^#?\/?/, '')
    .split('?')[0]!
    .split('/')
    .map(decodeURIComponent);
  const query = new URLSearchParams(path.split('?')[1] ?? '');
  if (rest.length > 0) return { name: 'notFound', path };

  if (first === '' || (first === 'flows' && !second)) return { name: 'flows' };
  if (first === 'flows' && second) return { name: 'flow', flowId: second };
  if (first === 'executions' && !second)
    return { name: 'executions', flowId: query.get('flow') ?? undefined };
  if (first === 'executions' && second) return { name: 'execution', executionId: second };
  if (first === 'endpoints' && !second) return { name: 'endpoints' };
  if (first === 'credentials' && !second) return { name: 'credentials' };
  return { name: 'notFound', path };
}

/**
 * A check that runs before in-app navigation; it returns a question to ask, or null to leave
 * without asking. The open editor registers one while it has unsaved changes.
 */
type LeaveGuard = () => string | null;
let leaveGuard: LeaveGuard | null = null;

/** Registers the leave check and returns a function that removes it. */
export function setLeaveGuard(guard: LeaveGuard): () => void {
  leaveGuard = guard;
  return () => {
    if (leaveGuard === guard) leaveGuard = null;
  };
}

function confirmLeave(): boolean {
  const question = leaveGuard?.();
  return !question || window.confirm(question);
}

/** Navigates to a hash path, asking first when the open editor has unsaved changes. */
export function navigate(path: string): void {
  if (currentPath() === path) return;
  if (!confirmLeave()) return;
  acceptedPath = path;
  window.location.hash = path;
}

function currentPath(): string {
  return window.location.hash.replace(/^#/, '') || '/flows';
}

// The path the app shows; a back button that the leave check cancels restores it.
let acceptedPath = typeof window === 'undefined' ? '/flows' : currentPath();

function subscribe(onChange: () => void): () => void {
  const listener = () => {
    const path = currentPath();
    if (path !== acceptedPath && !confirmLeave()) {
      window.history.pushState(null, '', `#${acceptedPath}`);
      return;
    }
    acceptedPath = path;
    onChange();
  };
  window.addEventListener('hashchange', listener);
  return () => window.removeEventListener('hashchange', listener);
}

/** Returns the current route and re-renders on navigation. */
export function useRoute(): Route {
  const path = useSyncExternalStore(subscribe, () => acceptedPath);
  return parseRoute(path);
}

/** Builds an href for a hash path. */
export function href(path: string): string {
  return `#${path}`;
}
