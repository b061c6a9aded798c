import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { todayOf } from '../../../config.ts';
import { sendXlsx } from '../../../http/xlsx-export.ts';
import { recordAudit } from '../../audit/audit.repository.ts';
import { requireUser, type AuthUser } from '../../auth/access.ts';
import { remindAboutVacancies } from '../../notifications/vacancy-reminders.ts';
import { getVacancyCompleteness, vacancyCompletenessXlsx, vacancyRange } from './completeness.service.ts';
import { checkedList, registerOwnedRoutes } from '../shared/owned-routes.ts';
import { findVacancies, type VacancyRow } from './vacancies.repository.ts';
import {
  ListVacanciesQuery,
  RemindAboutVacanciesInput,
  VacancyCompleteness,
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
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
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
    async (req) =>
      getVacancySummary({
        db: app.db,
        user: requireUser(req.user),
        query: req.query,
        today: todayOf(app.config),
      }),
  );

  const completeness = (user: AuthUser, query: VacancySummaryQuery) =>
    getVacancyCompleteness({ db: app.db, user, query, today: todayOf(app.config) });
  r.get(
    '/api/vacancies/completeness',
    {
      schema: {
        tags,
        summary:
          'Сдача ежемесячных сведений о вакансиях (до 10 числа): организации × месяцы — сдано, вакансий нет, не сдано, ожидается',
        querystring: VacancySummaryQuery,
        response: { 200: VacancyCompleteness },
      },
    },
    async (req) => completeness(requireUser(req.user), req.query),
  );
  r.get(
    '/api/vacancies/completeness.xlsx',
    {
      schema: {
        tags,
        summary: 'Сдача сведений о вакансиях по месяцам — файл Excel',
        querystring: VacancySummaryQuery,
      },
    },
    async (req, reply) => {
      const table = await completeness(requireUser(req.user), req.query);
      return sendXlsx(
        reply,
        `Сдача сведений о вакансиях ${table.today}.xlsx`,
        await vacancyCompletenessXlsx(table),
      );
    },
  );
  r.post(
    '/api/vacancies/remind',
    {
      schema: {
        tags,
        summary:
          'Напомнить организациям, не сдавшим сведения о вакансиях за текущий месяц (по почте и в системе; одной организации — не чаще раза в день)',
        body: RemindAboutVacanciesInput,
      },
    },
    async (req) => {
      const user = requireUser(req.user);
      const { municipalityId } = vacancyRange(
        user,
        { municipalityId: req.body.municipalityId },
        todayOf(app.config),
      );
      const report = await remindAboutVacancies({
        db: app.db,
        municipalityId,
        today: todayOf(app.config),
        organizationIds: req.body.organizationIds,
        baseUrl: `${req.protocol}://${req.host}`,
      });
      await recordAudit(app.db, req.actor, {
        action: 'remind',
        entity: 'vacancies',
        entityId: municipalityId,
        municipalityId,
        summary: `Напоминания о сведениях о вакансиях: ${report.message}`,
      });
      return report;
    },
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
