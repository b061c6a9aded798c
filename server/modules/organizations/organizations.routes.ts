import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { todayOf } from '../../config.ts';
import { IdParams } from '../../http/fields.ts';
import { requireUser } from '../auth/access.ts';
import { getOrganizationCard } from './card.service.ts';
import { presentOrganization } from './organizations.presenter.ts';
import {
  CreateOrganizationInput,
  ListOrganizationsQuery,
  OrganizationFilters,
  OrganizationOutput,
  OrganizationsSummary,
  UpdateOrganizationInput,
} from './organizations.schema.ts';
import {
  createOrganization,
  getOrganization,
  listVisibleOrganizations,
  summarizeVisibleOrganizations,
  updateOrganization,
} from './organizations.service.ts';

const tags = ['Организации'];

export async function organizationsRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/organizations',
    {
      schema: {
        tags,
        summary:
          'Организации, которые видит пользователь (поиск, фильтры, страницы; всего — в X-Total-Count)',
        querystring: ListOrganizationsQuery,
        response: { 200: z.array(OrganizationOutput) },
      },
    },
    async (req, reply) => {
      const { rows, total } = await listVisibleOrganizations({
        db: app.db,
        user: requireUser(req.user),
        query: req.query,
        today: todayOf(app.config),
      });
      reply.header('X-Total-Count', String(total));
      return rows.map(presentOrganization);
    },
  );

  r.get(
    '/api/organizations/summary',
    {
      schema: {
        tags,
        summary:
          'Сколько организаций находят фильтры и сколько педагогов в них работает сейчас ' +
          '(совместитель нескольких организаций — один раз)',
        querystring: OrganizationFilters,
        response: { 200: OrganizationsSummary },
      },
    },
    async (req) =>
      summarizeVisibleOrganizations({
        db: app.db,
        user: requireUser(req.user),
        query: req.query,
        today: todayOf(app.config),
      }),
  );

  r.get(
    '/api/organizations/:id',
    {
      schema: {
        tags,
        summary: 'Карточка организации',
        params: IdParams,
        response: { 200: OrganizationOutput },
      },
    },
    async (req) =>
      presentOrganization(
        await getOrganization({
          db: app.db,
          user: requireUser(req.user),
          id: req.params.id,
          today: todayOf(app.config),
        }),
      ),
  );

  r.get(
    '/api/organizations/:id/monitoring',
    {
      schema: {
        tags,
        summary:
          'Результаты мониторинга организации: значения показателей по годам, место в рейтинге, ' +
          'рекомендации и отчёты (руководитель ОО — своей, отдел — муниципалитета)',
        params: IdParams,
      },
    },
    async (req) => getOrganizationCard({ db: app.db, user: requireUser(req.user), id: req.params.id }),
  );

  r.post(
    '/api/organizations',
    {
      schema: {
        tags,
        summary: 'Создать организацию',
        body: CreateOrganizationInput,
        response: { 201: OrganizationOutput },
      },
    },
    async (req, reply) => {
      requireUser(req.user);
      const created = await createOrganization({
        db: app.db,
        actor: req.actor,
        input: req.body,
        today: todayOf(app.config),
      });
      reply.status(201);
      return presentOrganization(created);
    },
  );

  r.patch(
    '/api/organizations/:id',
    {
      schema: {
        tags,
        summary: 'Изменить организацию (нужна текущая версия записи)',
        params: IdParams,
        body: UpdateOrganizationInput,
        response: { 200: OrganizationOutput },
      },
    },
    async (req) => {
      requireUser(req.user);
      return presentOrganization(
        await updateOrganization({
          db: app.db,
          actor: req.actor,
          id: req.params.id,
          input: req.body,
          today: todayOf(app.config),
        }),
      );
    },
  );
}
