import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { requireUser } from './access.ts';
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

/**
 * The gate in front of every domain route (server/app.ts installs it around the modules): without a
 * session the request is answered 401 before its body is even parsed, unless the route says
 * `config: { isPublic: true }`. A new route therefore cannot forget to authenticate; whether the user may
 * touch this record is still the service's and policy's question.
 */
export async function requireSession(request: FastifyRequest) {
  if (request.routeOptions.config.isPublic !== true) requireUser(request.user);
}
