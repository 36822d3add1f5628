import { describe, expect, it } from 'vitest';

import { AcceptanceClock } from './acceptance-clock.js';

describe('AcceptanceClock', () => {
  it('puts a publish after events of the same millisecond', () => {
    const clock = new AcceptanceClock();
    const event = clock.eventAcceptedAt(1_000);
    const published = clock.versionPublishedAt(1_000);

    expect(published > event).toBe(true);
  });

  it('puts a later event after the publish', () => {
    const clock = new AcceptanceClock();
    const published = clock.versionPublishedAt(1_000);
    const event = clock.eventAcceptedAt(1_000);

    expect(event > published).toBe(true);
  });

  it('lets events share a millisecond', () => {
    const clock = new AcceptanceClock();

    expect(clock.eventAcceptedAt(5_000)).toBe(clock.eventAcceptedAt(5_000));
    expect(clock.eventAcceptedAt(5_000)).toBe(new Date(5_000).toISOString());
  });

  it('keeps publishes strictly increasing', () => {
    const clock = new AcceptanceClock();
    const first = clock.versionPublishedAt(7_000);
    const second = clock.versionPublishedAt(7_000);

    expect(second > first).toBe(true);
  });
});
