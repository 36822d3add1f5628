import { pathPatternToRegExp, type ApiName } from './faults.js';

/** One request that reached a test server, as the tests inspect it. */
export interface RecordedRequest {
  api: ApiName;
  method: string;
  /** Path after the API's prefix, without the query string. */
  path: string;
  /** Query string parameters; repeated keys keep their last value. */
  query: Record<string, string>;
  headers: Record<string, string | string[] | undefined>;
  /** Parsed JSON or form body, the raw text for other content types, or undefined. */
  body: unknown;
  /** Response status, or undefined when the connection was destroyed before a reply. */
  status?: number;
  receivedAt: number;
}

/** Filter for {@link RequestLog.find}; a `path` may contain `*` and `**` as in fault rules. */
export interface RequestFilter {
  api?: ApiName;
  method?: string;
  path?: string;
}

// NOTE: the log keeps the most recent entries only, so a long benchmark cannot exhaust memory.
const maxEntries = 100_000;

function pathMatches(pattern: string, path: string): boolean {
  if (!pattern.includes('*')) return pattern === path;

  return pathPatternToRegExp(pattern).test(path);
}

/** Records every request that the test servers receive. */
export class RequestLog {
  private entries: RecordedRequest[] = [];

  record(entry: RecordedRequest): RecordedRequest {
    this.entries.push(entry);
    if (this.entries.length > maxEntries) this.entries.splice(0, this.entries.length - maxEntries);
    return entry;
  }

  /** Returns the recorded requests that match the filter, oldest first. */
  find(filter: RequestFilter = {}): RecordedRequest[] {
    return this.entries.filter(
      (entry) =>
        (filter.api === undefined || entry.api === filter.api) &&
        (filter.method === undefined || entry.method === filter.method.toUpperCase()) &&
        (filter.path === undefined || pathMatches(filter.path, entry.path)),
    );
  }

  count(filter: RequestFilter = {}): number {
    return this.find(filter).length;
  }

  clear(): void {
    this.entries = [];
  }
}
