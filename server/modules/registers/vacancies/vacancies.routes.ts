import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireUser } from '../../auth/access.ts';
import { checkedList, registerOwnedRoutes } from '../shared/owned-routes.ts';
import { findVacancies, type VacancyRow } from './vacancies.repository.ts';
import {
  ListVacanciesQuery,
  VacancyOutput,
  VacancySummaryQuery,
  VacancySummaryRow,
} from './vacancies.schema.ts';
import { getVacancySummary, vacancyRecords } from './vacancies.service.ts';

const tags = ['Вакансии'];

const presentVacancy = (row: VacancyRow): VacancyOutput => ({
  id: row.id,
  organizationId: row.organizationId,
  organizationShortName: row.organizationShortName,
  month: row.month,
  position: row.position,
  subject: row.subject,
  count: row.count,
  version: row.version,
});

export async function vacanciesRoutes(app: FastifyInstance) {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/vacancies/summary',
    {
      schema: {
        tags,
        summary:
          'Сводка вакансий муниципалитета: каждая организация × каждый месяц (month=ГГГГ-ММ или from/to; по умолчанию 12 месяцев)',
        querystring: VacancySummaryQuery,
        response: { 200: z.array(VacancySummaryRow) },
      },
    },
    async (req) => getVacancySummary({ db: app.db, user: requireUser(req.user), query: req.query }),
  );

  registerOwnedRoutes(app, {
    kind: vacancyRecords,
    path: '/api/vacancies',
    tags,
    summaries: {
      list: 'Вакансии организаций по месяцам (сведения на 10-е число)',
      get: 'Вакансия',
      create: 'Внести вакансию за месяц',
      update: 'Изменить вакансию',
      remove: 'Удалить вакансию',
    },
    output: VacancyOutput,
    present: presentVacancy,
    listQuery: ListVacanciesQuery,
    list: checkedList(findVacancies),
  });
}
