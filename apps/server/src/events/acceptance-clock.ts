/**
 * Timestamps that order provisioning events and flow publishes without ties. An event runs the
 * flow version published at or before its acceptance time, so an event and a publish in the same
 * millisecond would be ambiguous. A publish therefore gets a time after every event accepted so
 * far, and an event accepted later gets a time after that publish. Events may share a millisecond
 * among themselves, so heavy traffic does not push these times ahead of the real clock.
 *
 * The state is per process, which matches the one process that owns the SQLite file.
 */
export class AcceptanceClock {
  private lastEvent = 0;
  private lastPublish = 0;

  /** Returns the acceptance time for events written now. */
  eventAcceptedAt(now = Date.now()): string {
    const time = Math.max(now, this.lastPublish + 1);
    this.lastEvent = Math.max(this.lastEvent, time);
    return new Date(time).toISOString();
  }

  /** Returns the publish time for a flow version written now. */
  versionPublishedAt(now = Date.now()): string {
    const time = Math.max(now, this.lastEvent + 1, this.lastPublish + 1);
    this.lastPublish = time;
    return new Date(time).toISOString();
  }
}

/** The clock of this process, shared by the event writer and the flow store. */
export const acceptanceClock = new AcceptanceClock();
