import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { todayOf } from '../../config.ts';
import { IdParams } from '../../http/fields.ts';
import { requireUser } from '../auth/access.ts';
import { approveRoute, listTeacherRoutes, markStepProgress, withdrawApproval } from './approvals.service.ts';
import { buildRoute, proposeRoute } from './builder.service.ts';
import {
  ApproveInput,
  BuildRouteInput,
  CreateResourceInput,
  ListResourcesQuery,
  ProgressInput,
  ProposalOutput,
  ProposalQuery,
  ResourceOutput,
  RouteViewOutput,
  SupervisedRouteOutput,
  UpdateResourceInput,
  WithdrawApprovalInput,
} from './iom.schema.ts';
import { createResource, listResources, removeResource, updateResource } from './resources.service.ts';
import { getSupervisedRoute, listSupervisedRoutes } from './supervised.service.ts';

const tags = ['ИОМ: конструктор и сопровождение'];

/** The ИОМ builder, its resource catalog, approvals by the curator and the tutor, and progress. */
export async function iomRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const today = () => todayOf(app.config);

  r.get(
    '/api/deficit-resources',
    {
      schema: {
        tags,
        summary: 'Каталог ресурсов для ИОМ: курсы, мероприятия, наставничество, самообразование по дефицитам',
        querystring: ListResourcesQuery,
        response: { 200: z.array(ResourceOutput) },
      },
    },
    async (req) => listResources({ db: app.db, user: requireUser(req.user), query: req.query }),
  );
  r.post(
    '/api/deficit-resources',
    {
      schema: {
        tags,
        summary: 'Добавить ресурс в каталог',
        body: CreateResourceInput,
        response: { 201: ResourceOutput },
      },
    },
    async (req, reply) => {
      reply.status(201);
      return createResource({ db: app.db, actor: req.actor, input: req.body });
    },
  );
  r.patch(
    '/api/deficit-resources/:id',
    {
      schema: {
        tags,
        summary: 'Изменить ресурс каталога',
        params: IdParams,
        body: UpdateResourceInput,
        response: { 200: ResourceOutput },
      },
    },
    async (req) => updateResource({ db: app.db, actor: req.actor, id: req.params.id, input: req.body }),
  );
  r.delete(
    '/api/deficit-resources/:id',
    {
      schema: {
        tags,
        summary: 'Удалить ресурс из каталога (шаги маршрутов сохраняются)',
        params: IdParams,
        response: { 200: z.object({ deleted: z.literal(true), message: z.string() }) },
      },
    },
    async (req) => removeResource({ db: app.db, actor: req.actor, id: req.params.id }),
  );

  r.get(
    '/api/teachers/:id/iom',
    {
      schema: {
        tags,
        summary: 'ИОМ педагога с шагами, прогрессом и утверждениями',
        params: IdParams,
        response: { 200: z.array(RouteViewOutput) },
      },
    },
    async (req) =>
      listTeacherRoutes({ db: app.db, actor: req.actor, teacherId: req.params.id, today: today() }),
  );
  r.get(
    '/api/teachers/:id/iom/proposal',
    {
      schema: {
        tags,
        summary: 'Шаги ИОМ, которые конструктор предлагает по дефицитам диагностики',
        params: IdParams,
        querystring: ProposalQuery,
        response: { 200: ProposalOutput },
      },
    },
    async (req) =>
      proposeRoute({
        db: app.db,
        user: requireUser(req.user),
        teacherId: req.params.id,
        query: req.query,
        today: today(),
      }),
  );
  r.post(
    '/api/teachers/:id/iom',
    {
      schema: {
        tags,
        summary: 'Составить ИОМ с шагами одним действием (черновик для утверждения)',
        params: IdParams,
        body: BuildRouteInput,
        response: { 201: RouteViewOutput },
      },
    },
    async (req, reply) => {
      reply.status(201);
      return buildRoute({
        db: app.db,
        actor: req.actor,
        teacherId: req.params.id,
        input: req.body,
        today: today(),
      });
    },
  );
  r.get(
    '/api/supervised-routes',
    {
      schema: {
        tags,
        summary: 'ИОМ, которые сопровождает специалист методической службы как куратор или тьютор',
        response: { 200: z.array(SupervisedRouteOutput) },
      },
    },
    async (req) => listSupervisedRoutes({ db: app.db, user: requireUser(req.user), today: today() }),
  );
  r.get(
    '/api/supervised-routes/:id',
    {
      schema: {
        tags,
        summary: 'Сопровождаемый ИОМ: шаги, прогресс, утверждения (только назначенному куратору и тьютору)',
        params: IdParams,
        response: { 200: SupervisedRouteOutput },
      },
    },
    async (req) =>
      getSupervisedRoute({ db: app.db, user: requireUser(req.user), routeId: req.params.id, today: today() }),
  );
  r.post(
    '/api/routes/:id/approvals',
    {
      schema: {
        tags,
        summary: 'Утвердить ИОМ как куратор (отдел образования) или тьютор (образовательная организация)',
        params: IdParams,
        body: ApproveInput,
        response: { 200: RouteViewOutput },
      },
    },
    async (req) =>
      approveRoute({ db: app.db, actor: req.actor, routeId: req.params.id, ...req.body, today: today() }),
  );
  r.post(
    '/api/routes/:id/approvals/withdraw',
    {
      schema: {
        tags,
        summary:
          'Снять утверждение ИОМ куратора (отдел образования) или тьютора (образовательная организация, ' +
          'а также отдел образования) с указанием причины: маршрут снова черновик, шаги и история сохраняются',
        params: IdParams,
        body: WithdrawApprovalInput,
        response: { 200: RouteViewOutput },
      },
    },
    async (req) =>
      withdrawApproval({
        db: app.db,
        actor: req.actor,
        routeId: req.params.id,
        input: req.body,
        today: today(),
      }),
  );
  r.post(
    '/api/route-steps/:id/progress',
    {
      schema: {
        tags,
        summary: 'Отметить выполнение шага утверждённого ИОМ (педагог — свои шаги)',
        params: IdParams,
        body: ProgressInput,
        response: { 200: RouteViewOutput },
      },
    },
    async (req) =>
      markStepProgress({
        db: app.db,
        actor: req.actor,
        stepId: req.params.id,
        input: req.body,
        today: today(),
      }),
  );
}
