/** Formats a span in milliseconds as `850 ms` or `1.2 s`. */
export function formatMilliseconds(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** Formats the time between two instants, or a dash while one is missing. */
export function duration(start: string | null, end: string | null): string {
  if (!start || !end) return '—';
  const ms = new Date(end).getTime() - new Date(start).getTime();
  if (!Number.isFinite(ms)) return '—';
  return formatMilliseconds(ms);
}
