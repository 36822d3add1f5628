import { ScimError } from '@scimflow/scim';

/** Runs `action` and returns the ScimError it throws; fails when it throws nothing or another error. */
export function scimErrorOf(action: () => unknown): ScimError {
  try {
    action();
  } catch (error) {
    if (error instanceof ScimError) return error;
    throw error;
  }
  throw new Error('expected a ScimError, but nothing was thrown');
}

/** Round-trips a value through JSON, as a store would. */
export function asStored<T>(value: T): Record<string, unknown> {
  return JSON.parse(JSON.stringify(value)) as Record<string, unknown>;
}
