import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';

/**
 * Serves the built designer from `distDir` at `/`, with `index.html` for any other GET outside
 * the API, SCIM and OAuth2 routes (client-side routing). Does nothing when `distDir` is missing.
 */
export async function serveDesigner(app: FastifyInstance, distDir: string): Promise<void> {
  const index = path.join(distDir, 'index.html');
  if (!fs.existsSync(index)) {
    app.log.info({ distDir }, 'designer build not found; serving the API only');
    return;
  }

  await app.register(fastifyStatic, { root: distDir, wildcard: false });
  app.setNotFoundHandler((request, reply) => {
    const reserved = /^\/(api|scim|scim-choreo|oauth2)(\/|$)/.test(request.url);
    if (request.method === 'GET' && !reserved)
      return reply.type('text/html').sendFile('index.html');
    return reply.status(404).send({
      error: {
        code: 'route_not_found',
        message: `No route ${request.method} ${request.url.split('?')[0]}`,
      },
    });
  });
}
