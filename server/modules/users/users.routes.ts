import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireUser } from '../auth/access.ts';
import { SESSION_COOKIE, sessionIdOf } from '../auth/auth.service.ts';
import { IdParams } from '../../http/fields.ts';
import {
  ChangePasswordInput,
  CreateUserInput,
  ListUsersQuery,
  ResetPasswordInput,
  UpdateUserInput,
  UserOutput,
} from './users.schema.ts';
import {
  changeOwnPassword,
  createUser,
  getUser,
  listUsers,
  resetPassword,
  updateUser,
} from './users.service.ts';

const tags = ['Пользователи'];
const PasswordOutput = z.object({ password: z.string().nullable() });

export async function usersRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/users',
    {
      schema: {
        tags,
        summary: 'Пользователи (для администратора)',
        querystring: ListUsersQuery,
        response: { 200: z.array(UserOutput) },
      },
    },
    async (req, reply) => {
      const { users, total } = await listUsers({ db: app.db, user: requireUser(req.user), query: req.query });
      reply.header('X-Total-Count', String(total));
      return users;
    },
  );

  r.get(
    '/api/users/:id',
    { schema: { tags, summary: 'Пользователь', params: IdParams, response: { 200: UserOutput } } },
    async (req) => getUser({ db: app.db, user: requireUser(req.user), id: req.params.id }),
  );

  r.post(
    '/api/users',
    {
      schema: {
        tags,
        summary: 'Создать пользователя; без пароля в запросе пароль генерируется и возвращается один раз',
        body: CreateUserInput,
        response: { 201: z.object({ user: UserOutput, password: z.string().nullable() }) },
      },
    },
    async (req, reply) => {
      requireUser(req.user);
      const result = await createUser({ db: app.db, actor: req.actor, input: req.body });
      reply.status(201);
      return result;
    },
  );

  r.patch(
    '/api/users/:id',
    {
      schema: {
        tags,
        summary: 'Изменить пользователя и его роли',
        params: IdParams,
        body: UpdateUserInput,
        response: { 200: UserOutput },
      },
    },
    async (req) => {
      requireUser(req.user);
      return updateUser({ db: app.db, actor: req.actor, id: req.params.id, input: req.body });
    },
  );

  r.post(
    '/api/users/:id/reset-password',
    {
      schema: {
        tags,
        summary: 'Сбросить пароль; закрывает все сессии пользователя',
        params: IdParams,
        body: ResetPasswordInput,
        response: { 200: PasswordOutput },
      },
    },
    async (req) => {
      requireUser(req.user);
      return resetPassword({ db: app.db, actor: req.actor, id: req.params.id, password: req.body.password });
    },
  );

  r.post(
    '/api/auth/change-password',
    {
      schema: {
        tags,
        summary: 'Сменить свой пароль',
        body: ChangePasswordInput,
        response: { 200: z.object({ ok: z.boolean() }) },
      },
    },
    async (req) => {
      requireUser(req.user);
      const token = req.cookies[SESSION_COOKIE];
      await changeOwnPassword({
        db: app.db,
        actor: req.actor,
        attempts: app.passwordAttempts,
        currentSessionId: token ? sessionIdOf(token) : undefined,
        ...req.body,
      });
      return { ok: true };
    },
  );
}
