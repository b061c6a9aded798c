import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { SESSION_COOKIE, resolveSession } from './auth.service.ts';

/** Resolves the session cookie into `request.user` for every API request. */
export const sessionPlugin = fp(async (app: FastifyInstance) => {
  app.decorateRequest('user', null);
  app.decorateRequest('actor', null as never);
  app.addHook('onRequest', async (request) => {
    request.user = null;
    if (request.url.startsWith('/api/')) {
      const token = request.cookies[SESSION_COOKIE];
      if (token) {
        request.user = await resolveSession({ db: app.db, token, ttlHours: app.config.sessionTtlHours });
      }
    }
    request.actor = { user: request.user, requestId: request.id };
  });
});
