import type { HttpRequest } from '../define.js';

/** Appends the query parameters to the URL, leaving out undefined values. */
export function buildUrl(url: string, query: HttpRequest['query']): string {
  if (!query) return url;

  const parsed = new URL(url);
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined) continue;
    parsed.searchParams.append(name, String(value));
  }
  return parsed.toString();
}

/** Joins a base URL that may carry a path prefix (GitHub Enterprise's `/api/v3`) with a path. */
export function joinUrl(baseUrl: string, path: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}
