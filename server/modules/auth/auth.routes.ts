import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../errors.ts';
import { requireUser } from './access.ts';
import { loginAttemptKey } from './attempts.ts';
import { LoginInput, LoginOutput, MeOutput } from './auth.schema.ts';
import { SESSION_COOKIE, logIn, logOut } from './auth.service.ts';

export async function authRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/api/auth/login',
    {
      schema: {
        tags: ['Вход'],
        summary: 'Вход по логину и паролю; устанавливает cookie сессии',
        body: LoginInput,
        response: { 200: LoginOutput },
      },
      // Failed attempts are counted per address and login (auth/attempts.ts); a success counts nothing.
      config: { isPublic: true },
    },
    async (req, reply) => {
      const key = loginAttemptKey(req.ip, req.body.login);
      app.passwordAttempts.assertAllowed(key);
      const { token, expiresAt, user } = await logIn({
        db: app.db,
        login: req.body.login,
        password: req.body.password,
        ttlHours: app.config.sessionTtlHours,
        ip: req.ip,
        userAgent: req.headers['user-agent'],
        requestId: req.id,
      }).catch((error: unknown) => {
        if (error instanceof AppError && error.code === 'invalid_credentials') app.passwordAttempts.fail(key);
        throw error;
      });
      app.passwordAttempts.succeed(key);
      reply.setCookie(SESSION_COOKIE, token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: app.config.cookieSecure,
        expires: expiresAt,
      });
      return { user, expiresAt: expiresAt.toISOString() };
    },
  );

  r.post(
    '/api/auth/logout',
    {
      // An expired session still logs out cleanly: the cookie is cleared either way.
      config: { isPublic: true },
      schema: {
        tags: ['Вход'],
        summary: 'Выход: закрывает сессию',
        response: { 200: z.object({ ok: z.boolean() }) },
      },
    },
    async (req, reply) => {
      const token = req.cookies[SESSION_COOKIE];
      if (token) await logOut({ db: app.db, token, user: req.user, requestId: req.id });
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true };
    },
  );

  r.get(
    '/api/auth/me',
    { schema: { tags: ['Вход'], summary: 'Текущий пользователь и его роли', response: { 200: MeOutput } } },
    async (req) => requireUser(req.user),
  );
}
