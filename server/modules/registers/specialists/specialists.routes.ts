import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { todayOf } from '../../../config.ts';
import { IdParams } from '../../../http/fields.ts';
import { sendXlsx } from '../../../http/xlsx-export.ts';
import { requireUser } from '../../auth/access.ts';
import { registerOwnedRoutes } from '../shared/owned-routes.ts';
import {
  CreateAccountInput,
  CreateAccountOutput,
  ExportSpecialistsQuery,
  ListSpecialistsQuery,
  SpecialistNameOutput,
  SpecialistNamesQuery,
  SpecialistOutput,
} from './specialists.schema.ts';
import {
  createSpecialistAccount,
  listSpecialistNames,
  listSpecialists,
  presentSpecialist,
  specialistRecords,
  specialistsWorkbook,
} from './specialists.service.ts';

const tags = ['Методическая служба'];

/** The register of the methodical service: methodists, ЦНППМ curators, tutors and other specialists. */
export async function specialistsRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/methodical-specialists/names',
    {
      schema: {
        tags,
        summary: 'Имена работающих специалистов для выбора куратора и тьютора ИОМ (без контактов)',
        querystring: SpecialistNamesQuery,
        response: { 200: z.array(SpecialistNameOutput) },
      },
    },
    async (req) => {
      const rows = await listSpecialistNames({ db: app.db, user: requireUser(req.user), query: req.query });
      return rows.map(({ id, fullName, roles, workplace }) => ({ id, fullName, roles, workplace }));
    },
  );

  r.get(
    '/api/methodical-specialists/export.xlsx',
    {
      schema: {
        tags,
        summary: 'Реестр методической службы по фильтру списка (XLSX)',
        querystring: ExportSpecialistsQuery,
      },
    },
    async (req, reply) => {
      const today = todayOf(app.config);
      const file = await specialistsWorkbook({
        db: app.db,
        user: requireUser(req.user),
        query: req.query,
        today,
      });
      return sendXlsx(reply, `Методическая служба ${today}.xlsx`, file);
    },
  );

  registerOwnedRoutes(app, {
    kind: specialistRecords,
    path: '/api/methodical-specialists',
    tags,
    summaries: {
      list: 'Специалисты методической службы (фильтры: муниципалитет, роль, работает, поиск)',
      get: 'Специалист методической службы',
      create: 'Добавить специалиста методической службы (отдел образования)',
      update: 'Изменить сведения о специалисте; снять отметку «Работает» (isActive)',
      remove: 'Удалить ошибочно внесённую запись (если специалист не указан в ИОМ)',
    },
    output: SpecialistOutput,
    present: presentSpecialist,
    listQuery: ListSpecialistsQuery,
    list: listSpecialists,
  });

  r.post(
    '/api/methodical-specialists/:id/account',
    {
      schema: {
        tags,
        summary: 'Создать учётную запись специалиста (роль «Специалист методической службы»)',
        params: IdParams,
        body: CreateAccountInput,
        response: { 201: CreateAccountOutput },
      },
    },
    async (req, reply) => {
      reply.status(201);
      return createSpecialistAccount({ db: app.db, actor: req.actor, id: req.params.id, input: req.body });
    },
  );
}
