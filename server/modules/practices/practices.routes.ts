import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PRACTICE_CRITERIA, PRACTICE_MAX_SCORE } from '../../../core/practices.ts';
import { todayOf } from '../../config.ts';
import { IdParams, idParam } from '../../http/fields.ts';
import { uploadedFile } from '../../http/upload.ts';
import { requireUser } from '../auth/access.ts';
import { sendPage } from '../registers/shared/http.ts';
import {
  attachPracticeFile,
  downloadPracticeFile,
  PRACTICE_FILE_TYPES,
  removePracticeFile,
} from './practice-files.service.ts';
import {
  CreatePracticeInput,
  EventLinkInput,
  ListPracticesQuery,
  PracticeOutput,
  PracticeSummary,
  ReviewInput,
  TransitionInput,
  UpdatePracticeInput,
} from './practices.schema.ts';
import {
  createPractice,
  getPractice,
  linkPracticeEvent,
  listPractices,
  listPublicPractices,
  listReviewerCandidates,
  removePractice,
  reviewPractice,
  transitionPractice,
  updatePractice,
} from './practices.service.ts';

const tags = ['Банк практик'];
const Ok = z.object({ ok: z.boolean() });
const FileParams = z.object({ id: idParam(), fileId: idParam() });
const EventParams = z.object({ id: idParam(), eventId: idParam() });

export async function practicesRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = () => app.db;

  r.get(
    '/api/practice-criteria',
    {
      schema: {
        tags,
        summary: 'Опубликованные критерии экспертизы материалов с максимальными баллами',
        response: {
          200: z.object({
            criteria: z.array(
              z.object({
                code: z.string(),
                title: z.string(),
                description: z.string(),
                maxPoints: z.number(),
              }),
            ),
            maxScore: z.number(),
          }),
        },
      },
    },
    async (req) => {
      requireUser(req.user);
      return { criteria: [...PRACTICE_CRITERIA], maxScore: PRACTICE_MAX_SCORE };
    },
  );
  r.get(
    '/api/practices',
    {
      schema: {
        tags,
        summary:
          'Банк практик: свои материалы организации, порученные на экспертизу, все — отделу образования; опубликованные — каталог',
        querystring: ListPracticesQuery,
        response: { 200: z.array(PracticeSummary) },
      },
    },
    async (req, reply) => {
      const page = await listPractices({ db: db(), user: requireUser(req.user), query: req.query });
      return sendPage(reply, page, (row) => row);
    },
  );
  r.post(
    '/api/practices',
    {
      schema: {
        tags,
        summary: 'Добавить материал в банк практик (черновик)',
        body: CreatePracticeInput,
        response: { 201: PracticeOutput },
      },
    },
    async (req, reply) => {
      reply.status(201);
      return createPractice({ db: db(), actor: req.actor, input: req.body });
    },
  );
  r.get(
    '/api/practices/:id',
    {
      schema: {
        tags,
        summary: 'Материал банка практик',
        params: IdParams,
        response: { 200: PracticeOutput },
      },
    },
    async (req) => getPractice({ db: db(), user: requireUser(req.user), id: req.params.id }),
  );
  r.patch(
    '/api/practices/:id',
    {
      schema: {
        tags,
        summary: 'Изменить материал (черновик или на доработке); показ на публичной странице — координатор',
        params: IdParams,
        body: UpdatePracticeInput,
        response: { 200: PracticeOutput },
      },
    },
    async (req) => updatePractice({ db: db(), actor: req.actor, id: req.params.id, input: req.body }),
  );
  r.delete(
    '/api/practices/:id',
    { schema: { tags, summary: 'Удалить черновик', params: IdParams, response: { 200: Ok } } },
    async (req) => {
      await removePractice({ db: db(), actor: req.actor, id: req.params.id });
      return { ok: true };
    },
  );
  r.post(
    '/api/practices/:id/transitions',
    {
      schema: {
        tags,
        summary:
          'Шаг экспертизы: подать, направить на экспертизу (с экспертами), рекомендовать, опубликовать, вернуть, отклонить',
        params: IdParams,
        body: TransitionInput,
        response: { 200: PracticeOutput },
      },
    },
    async (req) => transitionPractice({ db: db(), actor: req.actor, id: req.params.id, input: req.body }),
  );
  r.put(
    '/api/practices/:id/review',
    {
      schema: {
        tags,
        summary: 'Экспертная оценка по критериям (назначенный эксперт)',
        params: IdParams,
        body: ReviewInput,
        response: { 200: PracticeOutput },
      },
    },
    async (req) => reviewPractice({ db: db(), actor: req.actor, id: req.params.id, input: req.body }),
  );
  r.get(
    '/api/practices/:id/reviewer-candidates',
    {
      schema: {
        tags,
        summary: 'Пользователи муниципалитета, которых можно назначить экспертами (поиск по ФИО)',
        params: IdParams,
        querystring: z.object({ q: z.string().trim().max(200).optional() }),
        response: { 200: z.array(z.object({ id: z.number(), fullName: z.string(), login: z.string() })) },
      },
    },
    async (req) =>
      listReviewerCandidates({ db: db(), user: requireUser(req.user), id: req.params.id, q: req.query.q }),
  );
  r.post(
    '/api/practices/:id/events',
    {
      schema: {
        tags,
        summary: 'Связать с мероприятием, распространяющим практику',
        params: IdParams,
        body: EventLinkInput,
        response: { 200: PracticeOutput },
      },
    },
    async (req) =>
      linkPracticeEvent({
        db: db(),
        actor: req.actor,
        id: req.params.id,
        eventId: req.body.eventId,
        linked: true,
      }),
  );
  r.delete(
    '/api/practices/:id/events/:eventId',
    {
      schema: {
        tags,
        summary: 'Отвязать мероприятие',
        params: EventParams,
        response: { 200: PracticeOutput },
      },
    },
    async (req) =>
      linkPracticeEvent({
        db: db(),
        actor: req.actor,
        id: req.params.id,
        eventId: req.params.eventId,
        linked: false,
      }),
  );
  r.post(
    '/api/practices/:id/files',
    {
      schema: { tags, summary: `Прикрепить файл к материалу (${PRACTICE_FILE_TYPES})`, params: IdParams },
    },
    async (req, reply) => {
      requireUser(req.user);
      const { buffer, fileName } = await uploadedFile(
        req,
        app.config.fileLimits.uploadBytes,
        `Прикрепите файл материала: ${PRACTICE_FILE_TYPES}.`,
      );
      const row = await attachPracticeFile({
        db: db(),
        actor: req.actor,
        id: req.params.id,
        name: fileName,
        content: buffer,
        limit: app.config.fileLimits.uploadBytes,
      });
      reply.status(201);
      return row;
    },
  );
  r.get(
    '/api/practices/:id/files/:fileId',
    { schema: { tags, summary: 'Скачать файл материала', params: FileParams } },
    async (req, reply) => {
      const file = await downloadPracticeFile({
        db: db(),
        user: requireUser(req.user),
        id: req.params.id,
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
    '/api/practices/:id/files/:fileId',
    { schema: { tags, summary: 'Удалить файл материала', params: FileParams, response: { 200: Ok } } },
    async (req) => {
      await removePracticeFile({ db: db(), actor: req.actor, id: req.params.id, fileId: req.params.fileId });
      return { ok: true };
    },
  );
  r.get(
    '/api/public/municipalities/:id/practices',
    {
      config: { isPublic: true },
      schema: {
        tags: ['Публичный отчёт'],
        summary: 'Опубликованные практики муниципалитета, которые координатор показал публично (без входа)',
        params: IdParams,
      },
    },
    async (req) => listPublicPractices(db(), req.params.id, todayOf(app.config)),
  );
}
