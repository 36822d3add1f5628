import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A local HTTP server that replies in place of the admin API, and the routes it received. */
export interface AdminApiStandIn {
  baseUrl: string;
  /** Every received request as `METHOD /path?query`, oldest first. */
  requests: string[];
  close(): Promise<void>;
}

/** Starts a stand-in for the admin API on 127.0.0.1 and a free port. */
export async function startAdminApiStandIn(
  handle: (request: IncomingMessage, response: ServerResponse) => void,
): Promise<AdminApiStandIn> {
  const requests: string[] = [];
  const server: Server = createServer((request, response) => {
    requests.push(`${request.method} ${request.url}`);
    handle(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));

  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Sends a JSON response, as the admin API does. */
export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

/** Sends the admin API's 404 error for a route that the stand-in does not serve. */
export function sendNotFound(request: IncomingMessage, response: ServerResponse): void {
  sendJson(response, 404, {
    error: {
      code: 'route_not_found',
      message: `No admin API route ${request.method} ${request.url}`,
    },
  });
}
