import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { documented } from '../openapi/route-doc.js';

/** The server settings that the designer checks flows against. */
export const ServerSettingsSchema = z.object({
  httpAllowedHosts: z
    .array(z.string())
    .nullable()
    .describe(
      'The entries of SCIMFLOW_HTTP_ALLOWED_HOSTS, the hosts that steps may send requests to; null when any host is allowed',
    ),
});

/** `GET /api/settings`: the settings that change what a flow may do on this server. */
export async function settingsRoutes(app: FastifyInstance): Promise<void> {
  app.get(
    '/settings',
    documented({
      tag: 'Settings',
      summary: 'Read the server settings that flows are checked against',
      response: ServerSettingsSchema,
    }),
    async () => ({ httpAllowedHosts: app.flowRuntime.allowedHosts?.entries ?? null }),
  );
}
