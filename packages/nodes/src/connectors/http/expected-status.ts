/**
 * Parses an expected-status list such as `2xx`, `200,201` or `2xx,404`: exact codes and classes.
 * Returns `undefined` for a malformed list.
 */
export function parseExpectedStatus(text: string): ((status: number) => boolean) | undefined {
  const parts = text
    .split(',')
    .map((part) => part.trim().toLowerCase())
    .filter((part) => part !== '');
  if (parts.length === 0 || !parts.every((part) => /^[1-5](\d\d|xx)$/.test(part))) return undefined;

  return (status) =>
    parts.some((part) =>
      part.endsWith('xx') ? Math.floor(status / 100) === Number(part[0]) : status === Number(part),
    );
}
