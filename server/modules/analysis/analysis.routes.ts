import { RECOMMENDATION_STATUSES } from '../../db/schema/index.ts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { todayOf } from '../../config.ts';
import { isValidIsoDate } from '../../../core/dates.ts';
import { organizationKind } from '../../../core/enums.ts';
import { ORGANIZATION_GROUPS } from '../../../core/indicators/applicability.ts';
import { booleanQuery, IdParams, idParam, optionalText } from '../../http/fields.ts';
import { uploadedFile } from '../../http/upload.ts';
import {
  attachReportFile,
  downloadReportFile,
  listReportFiles,
  removeReportFile,
  reviewReport,
} from './recommendation-files.service.ts';
import { REPORT_FILE_TYPES } from '../management/stored-files.ts';
import { requireUser } from '../auth/access.ts';
import { listGroupReports } from './group-reports.service.ts';
import { compactAnalysis } from '../../../core/analysis/compact.ts';
import { getAnalysis } from './analysis.service.ts';
import {
  addConclusion,
  editConclusion,
  generateConclusions,
  getConclusionsCheck,
  listConclusions,
  removeConclusion,
} from './conclusions.service.ts';
import {
  addRecommendation,
  addRule,
  generateRecommendations,
  listOwnRecommendations,
  listRecommendations,
  listRules,
  removeRecommendation,
  reportOnRecommendation,
  removeRule,
  updateRecommendation,
  updateRule,
} from './recommendations.service.ts';
import {
  getPublicReport,
  getReportSettings,
  listPublicReports,
  updateReportSettings,
} from './report.service.ts';

const tags = ['Анализ и рекомендации'];
const Ok = z.object({ ok: z.boolean() });
const day = z.string().refine(isValidIsoDate, 'некорректная дата').nullish();
const Level = z.enum(['high', 'medium', 'low']);
const Target = z.enum(['organization', 'municipality']);
const Status = z.enum(RECOMMENDATION_STATUSES);
/** To several organizations at once: kinds, ШНОР/ШССУ, a list; all empty — every organization. */
const AudienceSchema = z.object({
  kinds: z
    .array(
      z.enum(organizationKind.values, {
        error: () => ({ message: 'тип организации: school, preschool или additional' }),
      }),
    )
    .max(3)
    .nullish(),
  groups: z
    .array(
      z.enum(ORGANIZATION_GROUPS, {
        error: () => ({ message: 'группа: lowResults (ШНОР) или hardSocial (ШССУ)' }),
      }),
    )
    .max(2)
    .nullish(),
  organizationIds: z.array(idParam()).max(2000).nullish(),
  /** Groups of the department («500+», «Точка роста»): resolved to their names by the service. */
  orgGroupIds: z.array(idParam()).max(200).nullish(),
});

export async function analysisRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = () => app.db;

  r.get(
    '/api/campaigns/:id/analysis',
    {
      schema: {
        tags,
        summary:
          'Анализ: значения, статистика, рейтинг, кластеры, динамика (фильтры: тип ОО, ШНОР, ШССУ, группа ' +
          'организаций)',
        params: IdParams,
        querystring: z.object({
          kind: z.enum(['school', 'preschool', 'additional']).optional(),
          lowResults: booleanQuery().optional(),
          hardSocial: booleanQuery().optional(),
          orgGroupId: idParam().optional(),
        }),
      },
    },
    // Each value once, each organization's name once (core/analysis/compact.ts; the web expands it).
    async (req) =>
      compactAnalysis(
        await getAnalysis({
          db: db(),
          user: requireUser(req.user),
          campaignId: req.params.id,
          filters: req.query,
        }),
      ),
  );

  r.get(
    '/api/campaigns/:id/conclusions',
    { schema: { tags, summary: 'Выводы', params: IdParams } },
    async (req) => listConclusions({ db: db(), actor: req.actor, campaignId: req.params.id }),
  );
  r.get(
    '/api/campaigns/:id/conclusions/check',
    {
      schema: {
        tags,
        summary:
          'Проверить выводы по текущим данным: выводы, которые данные не подтверждают, с расхождениями',
        params: IdParams,
      },
    },
    async (req) => getConclusionsCheck({ db: db(), actor: req.actor, campaignId: req.params.id }),
  );
  r.post(
    '/api/campaigns/:id/conclusions/generate',
    { schema: { tags, summary: 'Сформировать выводы по данным (заменяет текущие)', params: IdParams } },
    async (req) => generateConclusions({ db: db(), actor: req.actor, campaignId: req.params.id }),
  );
  r.post(
    '/api/campaigns/:id/conclusions',
    {
      schema: {
        tags,
        summary: 'Добавить вывод',
        params: IdParams,
        body: z.object({ text: z.string().trim().min(3, 'введите текст вывода').max(5000) }),
      },
    },
    async (req, reply) => {
      reply.status(201);
      return addConclusion({ db: db(), actor: req.actor, campaignId: req.params.id, text: req.body.text });
    },
  );
  r.patch(
    '/api/conclusions/:id',
    {
      schema: {
        tags,
        summary: 'Изменить вывод',
        params: IdParams,
        body: z.object({
          text: z.string().trim().min(3).max(5000).optional(),
          sortOrder: z.number().int().optional(),
          version: z.number().int().positive(),
        }),
      },
    },
    async (req) => editConclusion({ db: db(), actor: req.actor, id: req.params.id, ...req.body }),
  );
  r.delete(
    '/api/conclusions/:id',
    { schema: { tags, summary: 'Удалить вывод', params: IdParams, response: { 200: Ok } } },
    async (req) => {
      await removeConclusion({ db: db(), actor: req.actor, id: req.params.id });
      return { ok: true };
    },
  );

  r.get(
    '/api/campaigns/:id/recommendations',
    { schema: { tags, summary: 'Адресные рекомендации мониторинга', params: IdParams } },
    async (req) => listRecommendations({ db: db(), actor: req.actor, campaignId: req.params.id }),
  );
  r.post(
    '/api/campaigns/:id/recommendations/generate',
    { schema: { tags, summary: 'Сформировать рекомендации по правилам программы', params: IdParams } },
    async (req) => generateRecommendations({ db: db(), actor: req.actor, campaignId: req.params.id }),
  );
  r.post(
    '/api/campaigns/:id/recommendations',
    {
      schema: {
        tags,
        summary: 'Добавить рекомендацию',
        params: IdParams,
        body: z.object({
          organizationId: z.number().int().positive().nullable(),
          audience: AudienceSchema.nullish(),
          text: z.string().trim().min(3, 'введите текст рекомендации').max(5000),
          addressee: optionalText(300),
          deadline: day,
          responsible: optionalText(300),
          indicatorCode: optionalText(20),
        }),
        response: { 201: Ok },
      },
    },
    async (req, reply) => {
      await addRecommendation({
        db: db(),
        actor: req.actor,
        campaignId: req.params.id,
        values: req.body as never,
      });
      reply.status(201);
      return { ok: true };
    },
  );
  r.patch(
    '/api/recommendations/:id',
    {
      schema: {
        tags,
        summary: 'Изменить рекомендацию (координатор) или сообщить о выполнении (организация)',
        params: IdParams,
        body: z.object({
          text: z.string().trim().min(3).max(5000).optional(),
          addressee: z.string().trim().min(3).max(300).optional(),
          deadline: day,
          responsible: optionalText(300),
          status: Status.optional(),
          report: optionalText(5000),
          version: z.number().int().positive(),
        }),
      },
    },
    async (req) =>
      updateRecommendation({ db: db(), actor: req.actor, id: req.params.id, values: req.body as never }),
  );
  r.delete(
    '/api/recommendations/:id',
    { schema: { tags, summary: 'Удалить рекомендацию', params: IdParams, response: { 200: Ok } } },
    async (req) => {
      await removeRecommendation({ db: db(), actor: req.actor, id: req.params.id });
      return { ok: true };
    },
  );
  const ReportFile = z.object({
    id: z.number(),
    name: z.string(),
    mimeType: z.string(),
    size: z.number(),
    uploadedBy: z.string().nullable(),
    createdAt: z.string(),
  });
  const ReportBody = z.object({
    status: Status.optional(),
    report: optionalText(5000),
    /** 0: the organization's first report on a group recommendation. */
    version: z.number().int().nonnegative(),
  });
  const ReviewBody = z.object({
    decision: z.enum(['accept', 'return']),
    comment: optionalText(5000),
    version: z.number().int().positive(),
  });
  r.get(
    '/api/recommendations/:id/reports',
    {
      schema: {
        tags,
        summary:
          'Отчёты организаций по рекомендации группе организаций: отделу — все адресаты, организации — её отчёт',
        params: IdParams,
      },
    },
    async (req) => listGroupReports({ db: db(), actor: req.actor, recommendationId: req.params.id }),
  );
  r.patch(
    '/api/recommendations/:id/reports/:organizationId',
    {
      schema: {
        tags,
        summary: 'Сообщить о выполнении рекомендации группе организаций за свою организацию',
        params: z.object({ id: idParam(), organizationId: idParam() }),
        body: ReportBody,
      },
    },
    async (req) =>
      reportOnRecommendation({
        db: db(),
        actor: req.actor,
        target: { recommendationId: req.params.id, organizationId: req.params.organizationId },
        values: req.body,
      }),
  );
  // The files and the review of a report: the recommendation's own (one organization), and the same for
  // one organization's report on a group recommendation.
  for (const [prefix, what] of [
    ['/api/recommendations/:id', 'отчёта по рекомендации'],
    ['/api/recommendations/:id/reports/:organizationId', 'отчёта организации по рекомендации группе'],
  ] as const) {
    const isGroup = prefix.endsWith(':organizationId');
    const Params = isGroup ? z.object({ id: idParam(), organizationId: idParam() }) : IdParams;
    const FileParams = Params.extend({ fileId: idParam() });
    const targetOf = (p: { id: number; organizationId?: number }) => ({
      recommendationId: p.id,
      organizationId: isGroup ? p.organizationId : undefined,
    });
    r.get(
      `${prefix}/files`,
      {
        schema: {
          tags,
          summary: `Файлы ${what} (адресат и отдел образования)`,
          params: Params,
          response: { 200: z.array(ReportFile) },
        },
      },
      async (req) => listReportFiles({ db: db(), user: requireUser(req.user), target: targetOf(req.params) }),
    );
    r.post(
      `${prefix}/files`,
      {
        schema: {
          tags,
          summary: `Прикрепить файл ${what} (организация-адресат; ${REPORT_FILE_TYPES})`,
          params: Params,
        },
      },
      async (req, reply) => {
        requireUser(req.user);
        const { buffer, fileName } = await uploadedFile(
          req,
          app.config.fileLimits.uploadBytes,
          `Прикрепите файл отчёта: ${REPORT_FILE_TYPES}.`,
        );
        const row = await attachReportFile({
          db: db(),
          actor: req.actor,
          target: targetOf(req.params),
          name: fileName,
          content: buffer,
          limit: app.config.fileLimits.uploadBytes,
        });
        reply.status(201);
        return row;
      },
    );
    r.get(
      `${prefix}/files/:fileId`,
      { schema: { tags, summary: `Скачать файл ${what}`, params: FileParams } },
      async (req, reply) => {
        const file = await downloadReportFile({
          db: db(),
          user: requireUser(req.user),
          target: targetOf(req.params),
          fileId: req.params.fileId,
        });
        reply
          .header('Content-Type', file.mimeType)
          .header('X-Content-Type-Options', 'nosniff')
          .header('Cache-Control', 'no-store')
          .header(
            'Content-Disposition',
            `attachment; filename="file-${file.id}"; filename*=UTF-8''${encodeURIComponent(file.name)}`,
          );
        return reply.send(file.content);
      },
    );
    r.delete(
      `${prefix}/files/:fileId`,
      {
        schema: {
          tags,
          summary: `Удалить файл ${what} (организация-адресат)`,
          params: FileParams,
          response: { 200: Ok },
        },
      },
      async (req) => {
        await removeReportFile({
          db: db(),
          actor: req.actor,
          target: targetOf(req.params),
          fileId: req.params.fileId,
        });
        return { ok: true };
      },
    );
    r.post(
      `${prefix}/review`,
      {
        schema: {
          tags,
          summary: `Принять ${what.replace('отчёта', 'отчёт')} или вернуть его на доработку с комментарием (отдел)`,
          params: Params,
          body: ReviewBody,
        },
      },
      async (req) =>
        reviewReport({
          db: db(),
          actor: req.actor,
          target: targetOf(req.params),
          decision: req.body.decision,
          comment: req.body.comment ?? null,
          version: req.body.version,
        }),
    );
  }
  r.get(
    '/api/my-recommendations',
    { schema: { tags, summary: 'Рекомендации, адресованные организации пользователя' } },
    async (req) => listOwnRecommendations({ db: db(), actor: req.actor }),
  );

  r.get(
    '/api/programs/:id/recommendation-rules',
    {
      schema: {
        tags,
        summary: 'Библиотека правил: показатель × уровень → текст рекомендации',
        params: IdParams,
      },
    },
    async (req) => listRules({ db: db(), actor: req.actor, programId: req.params.id }),
  );
  r.post(
    '/api/programs/:id/recommendation-rules',
    {
      schema: {
        tags,
        summary: 'Добавить правило',
        params: IdParams,
        body: z.object({
          indicatorCode: z.string().min(1),
          level: Level,
          target: Target,
          text: z.string().trim().min(3).max(5000),
        }),
      },
    },
    async (req, reply) => {
      reply.status(201);
      return addRule({ db: db(), actor: req.actor, programId: req.params.id, values: req.body });
    },
  );
  r.patch(
    '/api/recommendation-rules/:id',
    {
      schema: {
        tags,
        summary: 'Изменить правило',
        params: IdParams,
        body: z.object({
          text: z.string().trim().min(3).max(5000).optional(),
          level: Level.optional(),
          target: Target.optional(),
          version: z.number().int().positive(),
        }),
      },
    },
    async (req) => updateRule({ db: db(), actor: req.actor, id: req.params.id, values: req.body }),
  );
  r.delete(
    '/api/recommendation-rules/:id',
    { schema: { tags, summary: 'Удалить правило', params: IdParams, response: { 200: Ok } } },
    async (req) => {
      await removeRule({ db: db(), actor: req.actor, id: req.params.id });
      return { ok: true };
    },
  );

  r.get(
    '/api/campaigns/:id/report',
    { schema: { tags, summary: 'Реквизиты отчёта и письма, публикация', params: IdParams } },
    async (req) => getReportSettings({ db: db(), actor: req.actor, campaignId: req.params.id }),
  );
  r.put(
    '/api/campaigns/:id/report',
    {
      schema: {
        tags,
        summary: 'Изменить реквизиты и публикацию отчёта',
        params: IdParams,
        body: z.object({
          introduction: optionalText(10000),
          letterNumber: optionalText(50),
          letterDate: day,
          signerPosition: optionalText(300),
          signerName: optionalText(200),
          isPublished: z.boolean().optional(),
          /** The day from which the published report is public; null: at once. */
          publishOn: day,
        }),
      },
    },
    async (req) =>
      updateReportSettings({
        db: db(),
        actor: req.actor,
        campaignId: req.params.id,
        values: req.body as never,
      }),
  );

  r.get(
    '/api/public/campaigns',
    {
      config: { isPublic: true },
      schema: { tags: ['Публичный отчёт'], summary: 'Опубликованные отчёты (без входа)' },
    },
    async () => listPublicReports(db(), todayOf(app.config)),
  );
  r.get(
    '/api/public/campaigns/:id',
    {
      config: { isPublic: true },
      schema: {
        tags: ['Публичный отчёт'],
        summary: 'Публичный отчёт: агрегаты и графики без персональных данных (без входа)',
        params: IdParams,
      },
    },
    async (req) => getPublicReport(db(), req.params.id, todayOf(app.config)),
  );
}
