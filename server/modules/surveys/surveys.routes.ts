import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { todayOf } from '../../config.ts';
import { AppError, forbidden, notFound } from '../../errors.ts';
import { IdParams, idParam } from '../../http/fields.ts';
import { sendXlsx } from '../../http/xlsx-export.ts';
import { requireUser } from '../auth/access.ts';
import { findAudienceOrganizations, findLinks } from './surveys.repository.ts';
import { noticeHtml } from './notice.ts';
import { resultsToXlsx, responsesToXlsx } from './results.export.ts';
import {
  AnswerInput,
  LinkParams,
  PublicationInput,
  ResultsQuery,
  SurveyInput,
  SurveyUpdate,
  TokenParams,
  TrainingOrderQuery,
} from './surveys.schema.ts';
import { getPublicSurveyResults, setSurveyPublication } from './public-results.service.ts';
import { remindSurvey } from './survey-reminders.service.ts';
import { getTrainingOrder, trainingOrderToXlsx } from './training-order.service.ts';
import {
  closeSurvey,
  createSurvey,
  getResults,
  getSurvey,
  issueToken,
  listSurveys,
  openSurvey,
  requireSurvey,
  submitResponse,
  surveyAccess,
  surveyByToken,
  updateSurvey,
} from './surveys.service.ts';

const TAG = 'Анкетирование';

export async function surveysRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const today = () => todayOf(app.config);

  r.get(
    '/api/surveys',
    { schema: { tags: [TAG], summary: 'Анкеты (отдел образования; руководителю — анкеты его организации)' } },
    async (req) => listSurveys(app.db, requireUser(req.user)),
  );

  r.post(
    '/api/surveys',
    { schema: { tags: [TAG], summary: 'Создать анкету (черновик)', body: SurveyInput } },
    async (req) => {
      const survey = await createSurvey(app.db, req.actor, requireUser(req.user), req.body);
      return getSurvey(app.db, requireUser(req.user), survey.id);
    },
  );

  r.get(
    '/api/surveys/:id',
    {
      schema: {
        tags: [TAG],
        summary: 'Анкета: вопросы, аудитория, отклик по организациям',
        params: IdParams,
      },
    },
    async (req) => getSurvey(app.db, requireUser(req.user), req.params.id),
  );

  r.put(
    '/api/surveys/:id',
    {
      schema: {
        tags: [TAG],
        summary: 'Изменить анкету (идущую — только новой версией с подтверждением)',
        params: IdParams,
        body: SurveyUpdate,
      },
    },
    async (req) => updateSurvey(app.db, req.actor, requireUser(req.user), req.params.id, req.body),
  );

  r.post(
    '/api/surveys/:id/open',
    { schema: { tags: [TAG], summary: 'Начать анкетирование и разослать приглашения', params: IdParams } },
    async (req) =>
      openSurvey(app.db, req.actor, requireUser(req.user), req.params.id, {
        today: today(),
        baseUrl: `${req.protocol}://${req.host}`,
      }),
  );

  r.put(
    '/api/surveys/:id/publication',
    {
      schema: {
        tags: [TAG],
        summary: 'Опубликовать итоги завершённой анкеты на публичной странице (или снять с публикации)',
        params: IdParams,
        body: PublicationInput,
      },
    },
    async (req) => setSurveyPublication(app.db, req.actor, requireUser(req.user), req.params.id, req.body),
  );

  r.get(
    '/api/public/survey-results/:id',
    {
      config: { isPublic: true },
      schema: {
        tags: [TAG],
        summary:
          'Публичные итоги анкеты, опубликованной отделом образования: только агрегаты, ячейки меньше порога скрыты',
        params: IdParams,
      },
    },
    async (req) => getPublicSurveyResults(app.db, req.params.id),
  );

  r.post(
    '/api/surveys/:id/close',
    { schema: { tags: [TAG], summary: 'Завершить анкетирование', params: IdParams } },
    async (req) => closeSurvey(app.db, req.actor, requireUser(req.user), req.params.id),
  );

  r.post(
    '/api/surveys/:id/remind',
    { schema: { tags: [TAG], summary: 'Напомнить не ответившим (раз в день)', params: IdParams } },
    async (req) =>
      remindSurvey(app.db, requireUser(req.user), req.params.id, {
        today: today(),
        baseUrl: `${req.protocol}://${req.host}`,
      }),
  );

  r.get(
    '/api/surveys/:id/notice',
    {
      schema: {
        tags: [TAG],
        summary: 'Объявление для печати со ссылкой и QR-кодом (анонимная анкета, одна организация)',
        params: IdParams,
        querystring: z.object({ organizationId: idParam() }),
      },
    },
    async (req, reply) => {
      const user = requireUser(req.user);
      const survey = await requireSurvey(app.db, req.params.id);
      const access = surveyAccess(user, survey);
      const organizationId = req.query.organizationId;
      if (!access.department && !access.organizationIds.includes(organizationId))
        throw forbidden('Нет доступа к объявлению этой организации.');
      if (survey.kind !== 'anonymous')
        throw new AppError(
          'conflict',
          'Объявление со ссылкой — для анонимной анкеты: в именной у каждого личная ссылка.',
        );
      const link = (await findLinks(app.db, survey.id)).find((l) => l.organizationId === organizationId);
      if (!link) throw notFound('Ссылка организации (анкетирование ещё не начато?)');
      const [organization] = await findAudienceOrganizations(app.db, survey.municipalityId, [organizationId]);
      const html = await noticeHtml({
        title: survey.title,
        organizationName: organization.shortName,
        closesOn: survey.closesOn,
        link: `${req.protocol}://${req.host}/s/o/${link.code}`,
      });
      return reply.type('text/html; charset=utf-8').header('Cache-Control', 'no-store').send(html);
    },
  );

  r.get(
    '/api/surveys/:id/results',
    {
      schema: {
        tags: [TAG],
        summary: 'Итоги: распределения, разрезы (ячейки меньше порога скрыты)',
        params: IdParams,
        querystring: ResultsQuery,
      },
    },
    async (req) => {
      const { survey, results, organizationId, definition, burnout } = await getResults(
        app.db,
        requireUser(req.user),
        req.params.id,
        req.query.organizationId,
      );
      return { survey, definition, organizationId, results, burnout };
    },
  );

  r.get(
    '/api/surveys/:id/results.xlsx',
    {
      schema: {
        tags: [TAG],
        summary: 'Итоги в XLSX (агрегаты, ячейки меньше порога скрыты)',
        params: IdParams,
        querystring: ResultsQuery,
      },
    },
    async (req, reply) => {
      const { survey, results } = await getResults(
        app.db,
        requireUser(req.user),
        req.params.id,
        req.query.organizationId,
      );
      return sendXlsx(
        reply,
        `Итоги анкеты ${survey.code}.xlsx`,
        await resultsToXlsx(survey.title, results, today()),
      );
    },
  );

  r.get(
    '/api/surveys/:id/responses.xlsx',
    {
      schema: {
        tags: [TAG],
        summary: 'Ответы именной анкеты по людям в XLSX (отдел образования)',
        params: IdParams,
      },
    },
    async (req, reply) => {
      const { survey, rows, access, definition } = await getResults(
        app.db,
        requireUser(req.user),
        req.params.id,
      );
      if (survey.kind !== 'named')
        throw forbidden('Ответы анонимной анкеты по людям не выгружаются: только итоги.');
      if (!access.department) throw forbidden('Ответы по людям выгружает отдел образования.');
      return sendXlsx(
        reply,
        `Ответы анкеты ${survey.code}.xlsx`,
        await responsesToXlsx(survey.title, definition, rows, today()),
      );
    },
  );

  r.get(
    '/api/surveys/:id/training-order',
    {
      schema: {
        tags: [TAG],
        summary:
          'План-заказ на ПК: темы × число запросивших педагогов по организациям и муниципалитету (анонимная — ячейки меньше порога скрыты)',
        params: IdParams,
        querystring: TrainingOrderQuery,
      },
    },
    async (req) => getTrainingOrder(app.db, requireUser(req.user), req.params.id, req.query.question),
  );

  r.get(
    '/api/surveys/:id/training-order.xlsx',
    {
      schema: {
        tags: [TAG],
        summary: 'План-заказ на ПК в XLSX для ЦНППМ / РИПК',
        params: IdParams,
        querystring: TrainingOrderQuery,
      },
    },
    async (req, reply) => {
      const result = await getTrainingOrder(app.db, requireUser(req.user), req.params.id, req.query.question);
      return sendXlsx(
        reply,
        `План-заказ ${result.survey.code}.xlsx`,
        await trainingOrderToXlsx(result, today()),
      );
    },
  );

  // ——— answering, without an account ———

  r.post(
    '/api/public/surveys/link/:code/token',
    {
      config: { isPublic: true },
      schema: {
        tags: [TAG],
        summary: 'Открыта ссылка организации: одноразовый токен для этого устройства',
        params: LinkParams,
      },
    },
    async (req) => issueToken(app.db, req.params.code, today()),
  );

  r.get(
    '/api/public/surveys/:token',
    {
      config: { isPublic: true },
      schema: { tags: [TAG], summary: 'Анкета по ссылке (без входа)', params: TokenParams },
    },
    async (req) => surveyByToken(app.db, req.params.token, today()),
  );

  r.post(
    '/api/public/surveys/:token/responses',
    {
      config: { isPublic: true },
      schema: {
        tags: [TAG],
        summary: 'Отправить ответ (один раз по одной ссылке)',
        params: TokenParams,
        body: AnswerInput,
      },
    },
    async (req) => submitResponse(app.db, req.params.token, req.body.answers, today()),
  );
}
