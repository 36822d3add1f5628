import Fastify, { type FastifyServerOptions } from 'fastify';

import { registerControlRoutes } from './core/control-routes.js';
import { registerStatePage } from './core/state-page.js';
import { FaultInjector, type ActiveFault, type FaultRule } from './core/faults.js';
import { RequestLog } from './core/request-log.js';
import { GithubControl } from './github/control.js';
import { registerGithubControlRoutes } from './github/control-routes.js';
import { githubPlugin } from './github/plugin.js';
import { GithubState } from './github/state.js';
import { GoogleAuthState } from './google/auth-state.js';
import { GoogleControl } from './google/control.js';
import { DirectoryStore } from './google/directory/store.js';
import { googlePlugin } from './google/plugin.js';
import { SheetsStore } from './google/sheets/store.js';
import { HttpTargetState, httpTargetPlugin, type HttpTargetRoute } from './http/target.js';

/** Options of {@link startTestServers}. */
export interface TestServerOptions {
  /** TCP port; 0 (the default) picks a free one. */
  port?: number;
  /** Only the loopback address is allowed, so the servers are never reachable from elsewhere. */
  host?: '127.0.0.1';
  /** Fastify logger options; off by default so tests stay quiet. */
  logger?: FastifyServerOptions['logger'];
}

/** The GitHub REST API server: its base URL, for Octokit's `baseUrl`, and typed seeding. */
export class GithubTestApi extends GithubControl {
  constructor(
    state: GithubState,
    /** Replaces `https://api.github.com`, for example `http://127.0.0.1:PORT/github`. */
    readonly baseUrl: string,
  ) {
    super(state);
  }
}

/** Google's token endpoint and the Directory and Sheets APIs: their URLs and typed seeding. */
export class GoogleTestApi extends GoogleControl {
  constructor(
    auth: GoogleAuthState,
    directory: DirectoryStore,
    sheets: SheetsStore,
    /** Replaces `https://admin.googleapis.com` and `https://sheets.googleapis.com` as `rootUrl`. */
    readonly rootUrl: string,
  ) {
    super(auth, directory, sheets);
  }

  /** Replaces `https://oauth2.googleapis.com/token`; the `aud` of service-account JWTs. */
  get tokenUri(): string {
    return `${this.rootUrl}/token`;
  }

  /** Replaces `https://admin.googleapis.com/admin/directory/v1`; users are at `/users`. */
  get directoryBaseUrl(): string {
    return `${this.rootUrl}/admin/directory/v1`;
  }

  /** Replaces `https://sheets.googleapis.com/v4`; spreadsheets are at `/spreadsheets/{id}`. */
  get sheetsBaseUrl(): string {
    return `${this.rootUrl}/v4`;
  }
}

/** The generic HTTP target: its base URL and scripted routes. */
export interface HttpTestApi {
  /** Any path below it is accepted, for example `${baseUrl}/hooks/new-hire`. */
  baseUrl: string;
  setRoute(route: HttpTargetRoute): void;
}

/** Fault rules shared by all APIs. */
export interface FaultControl {
  add(rule: FaultRule): ActiveFault;
  list(): ActiveFault[];
  clear(): void;
}

/** Running test servers, from {@link startTestServers}. */
export interface TestServers {
  /** `http://127.0.0.1:PORT`; `/__control` routes live here. */
  origin: string;
  github: GithubTestApi;
  google: GoogleTestApi;
  http: HttpTestApi;
  faults: FaultControl;
  /** Every request that any API received, for asserting call counts. */
  requests: RequestLog;
  /** Returns all state as JSON, as `GET /__control/state` does. */
  state(): Record<string, unknown>;
  /** Clears state, faults and the request log, then runs the `onReset` seeders. */
  reset(): Promise<void>;
  /** Registers a seeder that runs after each reset, such as the demo's fixtures. */
  onReset(seed: (servers: TestServers) => void | Promise<void>): void;
  close(): Promise<void>;
}

const prefixes = { github: '/github', google: '/google', http: '/http' } as const;

/**
 * Starts one Fastify server on 127.0.0.1 with the GitHub REST API under `/github`, Google's
 * token endpoint, Directory and Sheets APIs under `/google`, the generic HTTP target under
 * `/http`, and the `/__control` routes for state, reset and fault injection.
 */
export async function startTestServers(options: TestServerOptions = {}): Promise<TestServers> {
  const host = options.host ?? '127.0.0.1';
  if (host !== '127.0.0.1') {
    throw new Error(`Invalid host ${String(host)}: the test servers bind 127.0.0.1 only`);
  }

  // 10 MiB leaves room for large payloads sent to the HTTP target; Fastify's default is 1 MiB.
  const app = Fastify({ logger: options.logger ?? false, bodyLimit: 10 * 1024 * 1024 });
  const faults = new FaultInjector();
  const requests = new RequestLog();
  const githubState = new GithubState();
  const httpState = new HttpTargetState();
  const googleAuth = new GoogleAuthState();
  const directory = new DirectoryStore(() => googleAuth.domains);
  const sheets = new SheetsStore();
  const seeders: ((servers: TestServers) => void | Promise<void>)[] = [];

  await app.register(githubPlugin, {
    prefix: prefixes.github,
    state: githubState,
    scope: { prefix: prefixes.github, faults, requests },
  });
  await app.register(googlePlugin, {
    prefix: prefixes.google,
    auth: googleAuth,
    directory,
    sheets,
    scope: { prefix: prefixes.google, faults, requests },
  });
  await app.register(httpTargetPlugin, {
    prefix: prefixes.http,
    state: httpState,
    scope: { prefix: prefixes.http, faults, requests },
  });

  const snapshot = () => ({
    github: servers.github.snapshot(),
    google: servers.google.snapshot(),
    faults: faults.list(),
    requestCount: requests.count(),
  });

  const reset = async () => {
    faults.clear();
    requests.clear();
    githubState.reset();
    googleAuth.reset();
    directory.reset();
    sheets.reset();
    httpState.reset();
    for (const seed of seeders) await seed(servers);
  };

  registerControlRoutes(app, { faults, requests, state: snapshot, reset });
  registerStatePage(app, snapshot);
  registerGithubControlRoutes(app, () => servers.github);

  await app.listen({ host, port: options.port ?? 0 });
  const address = app.server.address();
  if (address === null || typeof address === 'string') {
    throw new Error('Test server did not report a TCP address after listen');
  }

  const origin = `http://127.0.0.1:${address.port}`;
  githubState.baseUrl = `${origin}${prefixes.github}`;
  googleAuth.tokenUri = `${origin}${prefixes.google}/token`;

  const servers: TestServers = {
    origin,
    github: new GithubTestApi(githubState, githubState.baseUrl),
    google: new GoogleTestApi(googleAuth, directory, sheets, `${origin}${prefixes.google}`),
    http: {
      baseUrl: `${origin}${prefixes.http}`,
      setRoute: (route) => httpState.setRoute(route),
    },
    faults: {
      add: (rule) => faults.add(rule),
      list: () => faults.list(),
      clear: () => faults.clear(),
    },
    requests,
    state: snapshot,
    reset,
    onReset: (seed) => seeders.push(seed),
    close: () => app.close(),
  };
  return servers;
}
