import type { FastifyReply, FastifyRequest } from 'fastify';

import { validationFailed } from './errors.js';

/**
 * Returns one page of `items` for GitHub's `per_page` (default 30, max 100) and `page` query
 * parameters, and sets the `Link` header with the `next`, `last`, `first` and `prev` pages.
 */
export function paginate<T>(request: FastifyRequest, reply: FastifyReply, items: T[]): T[] {
  const query = request.query as Record<string, string | undefined>;
  const perPage = Math.min(100, Number(query.per_page ?? 30));
  const page = Number(query.page ?? 1);
  if (!Number.isInteger(perPage) || perPage < 1) {
    throw validationFailed({ resource: 'Search', code: 'invalid', field: 'per_page' });
  }
  if (!Number.isInteger(page) || page < 1) {
    throw validationFailed({ resource: 'Search', code: 'invalid', field: 'page' });
  }

  const lastPage = Math.max(1, Math.ceil(items.length / perPage));
  const url = new URL(request.url, `${request.protocol}://${request.host}`);
  const link = (target: number, rel: string) => {
    url.searchParams.set('page', String(target));
    url.searchParams.set('per_page', String(perPage));
    return `<${url.toString()}>; rel="${rel}"`;
  };

  const links: string[] = [];
  if (page < lastPage) links.push(link(page + 1, 'next'), link(lastPage, 'last'));
  if (page > 1) links.push(link(1, 'first'), link(page - 1, 'prev'));
  if (links.length > 0) reply.header('link', links.join(', '));

  return items.slice((page - 1) * perPage, page * perPage);
}
