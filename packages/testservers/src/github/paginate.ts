import type { FastifyReply, FastifyRequest } from 'fastify';

function positiveInteger(text: string | undefined): number | undefined {
  const value = Number(text);
  return Number.isInteger(value) && value > 0 ? value : undefined;
}

/**
 * Returns one page of `items` for GitHub's `per_page` (default 30, max 100) and `page` query
 * parameters, and sets the `Link` header with the `next`, `last`, `first` and `prev` pages.
 */
export function paginate<T>(request: FastifyRequest, reply: FastifyReply, items: T[]): T[] {
  const query = request.query as Record<string, string | undefined>;
  // NOTE: GitHub does not document invalid `per_page` or `page` values; here they use the default.
  const perPage = Math.min(100, positiveInteger(query.per_page) ?? 30);
  const page = positiveInteger(query.page) ?? 1;

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
