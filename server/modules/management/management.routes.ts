import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isValidIsoDate } from '../../../core/dates.ts';
import { ROADMAP_TEMPLATE } from '../../../core/management/roadmap-template.ts';
import { todayOf } from '../../config.ts';
import { AppError } from '../../errors.ts';
import { IdParams, idParam, optionalText, optionalWebUrl } from '../../http/fields.ts';
import { municipalityScope, requireUser } from '../auth/access.ts';
import {
  createDecision,
  downloadFile,
  listDecisions,
  removeDecision,
  updateDecision,
  uploadFile,
} from './decisions.service.ts';
import { roadmapEffect } from './effect.service.ts';
import { assessMuko } from './muko.service.ts';
import { mukoToDocx, mukoToXlsx } from './muko.export.ts';
import {
  addMeasure,
  createRoadmap,
  createRoadmapFromTemplate,
  getRoadmap,
  listRoadmaps,
  removeMeasure,
  updateMeasure,
  updateRoadmap,
} from './roadmaps.service.ts';

const tags = ['Управленческий цикл'];
const Ok = z.object({ ok: z.boolean() });
const day = (label: string) => z.string().refine(isValidIsoDate, `${label}: некорректная дата`);
const Evidence = z.object({
  title: z.string().trim().min(1, 'подпись подтверждения').max(300),
  url: optionalWebUrl('Ссылка на подтверждение'),
  fileId: z.number().int().positive().nullish(),
});
const MeasureFields = z.object({
  section: z.string().trim().min(1, 'укажите раздел').max(300),
  number: z.string().trim().min(1, 'укажите номер').max(20),
  title: z.string().trim().min(3, 'укажите мероприятие').max(2000),
  deadlineKind: z.enum(['date', 'period', 'whole_period', 'as_needed', 'on_request']),
  deadlineFrom: day('Начало срока').nullish(),
  deadlineTo: day('Срок').nullish(),
  executors: z.string().trim().min(3, 'укажите ответственных исполнителей').max(1000),
  status: z.enum(['planned', 'in_progress', 'done', 'cancelled']).optional(),
  doneOn: day('Дата выполнения').nullish(),
  evidence: z.array(Evidence).max(20).optional(),
  indicators: z
    .array(z.object({ programId: z.number().int().positive(), indicatorCode: z.string().min(1) }))
    .optional(),
  recommendationIds: z.array(z.number().int().positive()).optional(),
  /** Shown with its effect on the public report of the campaign that measured it. */
  isPublic: z.boolean().optional(),
});
const DecisionFields = z.object({
  kind: z.enum(['order', 'protocol', 'publication', 'other']),
  number: optionalText(50),
  date: day('Дата'),
  title: z.string().trim().min(3, 'укажите название').max(1000),
  url: optionalWebUrl('Ссылка на решение'),
  fileId: z.number().int().positive().nullish(),
  conclusionIds: z.array(z.number().int().positive()).optional(),
  measureIds: z.array(z.number().int().positive()).optional(),
  /** Shown on the public report of the campaign whose conclusions it follows from. */
  isPublic: z.boolean().optional(),
});

export async function managementRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = () => app.db;

  r.get(
    '/api/roadmap-templates',
    { schema: { tags, summary: 'Шаблон дорожной карты (Егорлыкский район, 2021–2025)' } },
    async (req) => {
      requireUser(req.user);
      return [
        {
          code: ROADMAP_TEMPLATE.code,
          title: ROADMAP_TEMPLATE.title,
          source: ROADMAP_TEMPLATE.source,
          measureCount: ROADMAP_TEMPLATE.measures.length,
        },
      ];
    },
  );
  r.get('/api/roadmaps', { schema: { tags, summary: 'Дорожные карты' } }, async (req) =>
    listRoadmaps({ db: db(), user: requireUser(req.user) }),
  );
  r.post(
    '/api/roadmaps',
    {
      schema: {
        tags,
        summary: 'Создать дорожную карту',
        body: z.object({
          municipalityId: z.number().int().positive(),
          title: z.string().trim().min(3).max(1000),
          periodStart: day('Начало'),
          periodEnd: day('Окончание'),
        }),
      },
    },
    async (req, reply) => {
      const row = await createRoadmap({ db: db(), actor: req.actor, values: req.body });
      reply.status(201);
      return getRoadmap({ db: db(), user: requireUser(req.user), id: row.id });
    },
  );
  r.post(
    '/api/roadmaps/from-template',
    {
      schema: {
        tags,
        summary: 'Загрузить дорожную карту по шаблону; мероприятия связываются с показателями программы',
        body: z.object({
          municipalityId: z.number().int().positive(),
          programId: z.number().int().positive().optional(),
          startYear: z.number().int().min(2000).max(2100),
        }),
      },
    },
    async (req, reply) => {
      const row = await createRoadmapFromTemplate({ db: db(), actor: req.actor, ...req.body });
      reply.status(201);
      return getRoadmap({ db: db(), user: requireUser(req.user), id: row.id });
    },
  );
  r.get(
    '/api/roadmaps/:id',
    { schema: { tags, summary: 'Дорожная карта с мероприятиями', params: IdParams } },
    async (req) => getRoadmap({ db: db(), user: requireUser(req.user), id: req.params.id }),
  );
  r.patch(
    '/api/roadmaps/:id',
    {
      schema: {
        tags,
        summary: 'Изменить дорожную карту',
        params: IdParams,
        body: z.object({
          title: z.string().trim().min(3).max(1000).optional(),
          periodStart: day('Начало').optional(),
          periodEnd: day('Окончание').optional(),
          version: z.number().int().positive(),
        }),
      },
    },
    async (req) => {
      await updateRoadmap({ db: db(), actor: req.actor, id: req.params.id, values: req.body });
      return getRoadmap({ db: db(), user: requireUser(req.user), id: req.params.id });
    },
  );
  r.get(
    '/api/roadmaps/:id/effect',
    {
      schema: { tags, summary: 'Анализ эффективности принятых мер: показатели до и после', params: IdParams },
    },
    async (req) => roadmapEffect({ db: db(), user: requireUser(req.user), roadmapId: req.params.id }),
  );

  r.post(
    '/api/roadmaps/:id/measures',
    { schema: { tags, summary: 'Добавить мероприятие', params: IdParams, body: MeasureFields } },
    async (req, reply) => {
      await addMeasure({ db: db(), actor: req.actor, roadmapId: req.params.id, values: req.body });
      reply.status(201);
      return getRoadmap({ db: db(), user: requireUser(req.user), id: req.params.id });
    },
  );
  r.patch(
    '/api/measures/:id',
    {
      schema: {
        tags,
        summary: 'Изменить мероприятие: статус, подтверждения, связи',
        params: IdParams,
        body: MeasureFields.partial().extend({ version: z.number().int().positive() }),
      },
    },
    async (req) => {
      const after = await updateMeasure({ db: db(), actor: req.actor, id: req.params.id, values: req.body });
      return getRoadmap({ db: db(), user: requireUser(req.user), id: after.roadmapId });
    },
  );
  r.delete(
    '/api/measures/:id',
    { schema: { tags, summary: 'Удалить мероприятие', params: IdParams, response: { 200: Ok } } },
    async (req) => {
      await removeMeasure({ db: db(), actor: req.actor, id: req.params.id });
      return { ok: true };
    },
  );

  r.get(
    '/api/decisions',
    {
      schema: {
        tags,
        summary:
          'Управленческие решения; с measureId или conclusionId — принятые по этому мероприятию или выводу',
        querystring: z.object({
          measureId: idParam().optional(),
          conclusionId: idParam().optional(),
        }),
      },
    },
    async (req) => listDecisions({ db: db(), user: requireUser(req.user), linkedTo: req.query }),
  );
  r.post(
    '/api/decisions',
    {
      schema: {
        tags,
        summary: 'Добавить решение (приказ, протокол, публикация)',
        body: DecisionFields.extend({ municipalityId: z.number().int().positive() }),
      },
    },
    async (req, reply) => {
      reply.status(201);
      return createDecision({ db: db(), actor: req.actor, values: req.body as never });
    },
  );
  r.patch(
    '/api/decisions/:id',
    {
      schema: {
        tags,
        summary: 'Изменить решение',
        params: IdParams,
        body: DecisionFields.partial().extend({ version: z.number().int().positive() }),
      },
    },
    async (req) =>
      updateDecision({ db: db(), actor: req.actor, id: req.params.id, values: req.body as never }),
  );
  r.delete(
    '/api/decisions/:id',
    { schema: { tags, summary: 'Удалить решение', params: IdParams, response: { 200: Ok } } },
    async (req) => {
      await removeDecision({ db: db(), actor: req.actor, id: req.params.id });
      return { ok: true };
    },
  );

  r.post(
    '/api/files',
    {
      schema: {
        tags,
        summary: 'Загрузить документ (подтверждение мероприятия, текст решения)',
        querystring: z.object({ municipalityId: idParam() }),
      },
    },
    async (req, reply) => {
      requireUser(req.user);
      const file = await req.file();
      if (!file) throw new AppError('bad_request', 'Прикрепите файл.');
      reply.status(201);
      return uploadFile({
        db: db(),
        actor: req.actor,
        municipalityId: req.query.municipalityId,
        name: file.filename,
        mimeType: file.mimetype,
        content: await file.toBuffer(),
      });
    },
  );
  r.get(
    '/api/files/:id',
    { schema: { tags, summary: 'Скачать документ', params: IdParams } },
    async (req, reply) => {
      const file = await downloadFile({ db: db(), user: requireUser(req.user), id: req.params.id });
      reply
        .header('Content-Type', file.mimeType)
        .header(
          'Content-Disposition',
          `attachment; filename="file-${file.id}"; filename*=UTF-8''${encodeURIComponent(file.name)}`,
        );
      return reply.send(file.content);
    },
  );

  const MukoQuery = z.object({ municipalityId: idParam().optional() });
  const municipalityOf = (user: ReturnType<typeof requireUser>, given?: number) => {
    if (given) return given;
    const scope = municipalityScope(user, 'read');
    if (scope.ids.length) return scope.ids[0];
    throw new AppError('bad_request', 'Укажите муниципалитет: municipalityId.');
  };
  r.get(
    '/api/muko',
    {
      schema: {
        tags,
        summary: 'Самооценка МУКО: элементы управленческого цикла, баллы, подтверждения',
        querystring: MukoQuery,
      },
    },
    async (req) => {
      const user = requireUser(req.user);
      return assessMuko({
        db: db(),
        user,
        municipalityId: municipalityOf(user, req.query.municipalityId),
        today: todayOf(app.config),
      });
    },
  );
  for (const format of ['xlsx', 'docx'] as const) {
    r.get(
      `/api/muko.${format}`,
      { schema: { tags, summary: `Самооценка МУКО (${format.toUpperCase()})`, querystring: MukoQuery } },
      async (req, reply) => {
        const user = requireUser(req.user);
        const assessment = await assessMuko({
          db: db(),
          user,
          municipalityId: municipalityOf(user, req.query.municipalityId),
          today: todayOf(app.config),
        });
        const base = `${req.protocol}://${req.headers.host ?? '127.0.0.1'}`;
        const file =
          format === 'xlsx'
            ? await mukoToXlsx(assessment, base)
            : await mukoToDocx(assessment, base, todayOf(app.config));
        reply
          .header(
            'Content-Type',
            format === 'xlsx'
              ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
              : 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
          )
          .header(
            'Content-Disposition',
            `attachment; filename="muko.${format}"; filename*=UTF-8''${encodeURIComponent(`Самооценка МУКО.${format}`)}`,
          );
        return reply.send(file);
      },
    );
  }
}
