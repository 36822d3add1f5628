/** Decodes an `Authorization: Basic` header; undefined when the header is not Basic or malformed. */
export function parseBasic(
  header: string | undefined,
): { username: string; password: string } | undefined {
  if (!header) return undefined;

  const match = /^Basic\s+([A-Za-z0-9+/=_-]+)\s*$/i.exec(header);
  if (!match?.[1]) return undefined;

  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const separator = decoded.indexOf(':');
  if (separator < 0) return undefined;
  return { username: decoded.slice(0, separator), password: decoded.slice(separator + 1) };
}

/** Returns the token of an `Authorization: Bearer` header, '' for an empty token, undefined for other schemes. */
export function parseBearer(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const match = /^Bearer(?:\s+(.*))?$/i.exec(header.trim());
  if (!match) return undefined;
  return (match[1] ?? '').trim();
}
