import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { REGIONAL_SUBMISSION_STATUSES } from '../../db/schema/index.ts';
import { IdParams } from '../../http/fields.ts';
import { requireUser } from '../auth/access.ts';
import {
  acceptRegionalSubmission,
  getCampaignRegionalStatus,
  getRegionalSubmission,
  listRegionalSubmissions,
  reopenCampaign,
  returnRegionalSubmission,
  sendToRegion,
} from './approval.service.ts';

const tags = ['Региональный уровень'];

/** The version of the regional submission the client saw: 0 before the first send. */
const SendInput = z.object({ version: z.number().int().min(0) });
const DecideInput = z.object({ version: z.number().int().positive() });
const ReturnInput = z.object({
  version: z.number().int().positive(),
  comment: z
    .string({ error: 'укажите, что нужно исправить' })
    .trim()
    .min(1, 'укажите, что нужно исправить')
    .max(5000, 'не длиннее 5000 символов'),
});
const ReopenInput = z.object({ version: z.number().int().positive() });
const ListQuery = z.object({ status: z.enum(REGIONAL_SUBMISSION_STATUSES).optional() });

export async function approvalRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/campaigns/:id/regional-submission',
    { schema: { tags, summary: 'Региональный уровень мониторинга: статус и история', params: IdParams } },
    async (req) =>
      getCampaignRegionalStatus({ db: app.db, user: requireUser(req.user), campaignId: req.params.id }),
  );
  r.post(
    '/api/campaigns/:id/regional-submission',
    {
      schema: {
        tags,
        summary: 'Отправить результаты закрытого мониторинга в регион',
        params: IdParams,
        body: SendInput,
      },
    },
    async (req) =>
      sendToRegion({ db: app.db, actor: req.actor, campaignId: req.params.id, version: req.body.version }),
  );
  r.post(
    '/api/campaigns/:id/reopen',
    {
      schema: {
        tags,
        summary: 'Открыть заново закрытый мониторинг региональной программы (после возврата регионом)',
        params: IdParams,
        body: ReopenInput,
      },
    },
    async (req) => {
      await reopenCampaign({
        db: app.db,
        actor: req.actor,
        campaignId: req.params.id,
        version: req.body.version,
      });
      return { ok: true };
    },
  );
  r.get(
    '/api/regional-submissions',
    {
      schema: {
        tags,
        summary: 'Приём результатов: отправки муниципалитетов региона',
        querystring: ListQuery,
      },
    },
    async (req) =>
      listRegionalSubmissions({ db: app.db, user: requireUser(req.user), status: req.query.status }),
  );
  r.get(
    '/api/regional-submissions/:id',
    { schema: { tags, summary: 'Отправка результатов муниципалитета', params: IdParams } },
    async (req) => getRegionalSubmission({ db: app.db, user: requireUser(req.user), id: req.params.id }),
  );
  r.post(
    '/api/regional-submissions/:id/accept',
    {
      schema: { tags, summary: 'Принять результаты муниципалитета', params: IdParams, body: DecideInput },
    },
    async (req) =>
      acceptRegionalSubmission({
        db: app.db,
        actor: req.actor,
        id: req.params.id,
        version: req.body.version,
      }),
  );
  r.post(
    '/api/regional-submissions/:id/return',
    {
      schema: {
        tags,
        summary: 'Вернуть результаты муниципалитету с комментарием',
        params: IdParams,
        body: ReturnInput,
      },
    },
    async (req) =>
      returnRegionalSubmission({
        db: app.db,
        actor: req.actor,
        id: req.params.id,
        version: req.body.version,
        comment: req.body.comment,
      }),
  );
}
