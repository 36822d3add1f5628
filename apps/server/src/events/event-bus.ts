/** Called after a transaction that wrote provisioning events has committed. */
export type EventsCommittedListener = (committed: { endpoint: string; count: number }) => void;

/**
 * Notifies listeners after events are committed, so workers can wake up without polling.
 * Listeners run synchronously after the commit; an exception in one is passed to `onError`
 * and does not reach the SCIM client.
 */
export class EventBus {
  private readonly listeners = new Set<EventsCommittedListener>();

  constructor(private readonly onError: (error: unknown) => void) {}

  /** Registers a listener; returns a function that removes it. */
  onEventsCommitted(listener: EventsCommittedListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Calls every listener. Call only after the transaction has committed. */
  emitCommitted(endpoint: string, count: number): void {
    if (count === 0) return;
    for (const listener of this.listeners) {
      try {
        listener({ endpoint, count });
      } catch (error) {
        this.onError(error);
      }
    }
  }
}
