import type { FastifyInstance, HTTPMethods } from 'fastify';
import type { RouteDoc } from './route-doc.js';

/** A route as the OpenAPI document lists it. */
export interface CataloguedRoute {
  method: string;
  /** Full Fastify path, such as `/api/flows/:id`. */
  url: string;
  doc?: RouteDoc;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route registered after the route catalogue, with its OpenAPI description if any. */
    routeCatalogue: CataloguedRoute[];
  }
}

/**
 * Records every route registered after it, so `GET /api/openapi.json` lists routes of all areas.
 * Register it on the root instance before the routes; it skips Fastify's encapsulation so its
 * `onRoute` hook and the `routeCatalogue` decoration land on the root.
 */
export async function routeCatalogue(app: FastifyInstance): Promise<void> {
  const routes: CataloguedRoute[] = [];
  app.decorate('routeCatalogue', routes);

  app.addHook('onRoute', (route) => {
    const methods: HTTPMethods[] = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      // Fastify adds a HEAD route for each GET; the GET entry covers it.
      if (method === 'HEAD') continue;
      routes.push({ method, url: route.url ?? route.path, doc: route.config?.openapi });
    }
  });
}

Object.assign(routeCatalogue, { [Symbol.for('skip-override')]: true });
