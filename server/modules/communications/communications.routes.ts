import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { todayOf } from '../../config.ts';
import { IdParams } from '../../http/fields.ts';
import { uploadedFile } from '../../http/upload.ts';
import { requireUser } from '../auth/access.ts';
import {
  downloadSentAnnouncement,
  getSendingProgress,
  listAnnouncements,
  startAnnouncement,
} from './announcements.service.ts';
import {
  CampaignFileParams,
  CampaignOrgParams,
  CampaignSendingParams,
  ReplaceDueDatesInput,
  SendAnnouncementInput,
} from './communications.schema.ts';
import { listDueDates, replaceDueDates } from './due-dates.service.ts';
import {
  attachCampaignFile,
  CAMPAIGN_FILE_TYPES,
  downloadCampaignFile,
  getCampaignMaterials,
  removeCampaignFile,
} from './materials.service.ts';

const tags = ['Мониторинг'];
const Ok = z.object({ ok: z.boolean() });

function sendStored(
  reply: FastifyReply,
  file: { id: number; name: string; mimeType: string; content: Buffer },
) {
  return reply
    .header('Content-Type', file.mimeType)
    .header('X-Content-Type-Options', 'nosniff')
    .header('Cache-Control', 'no-store')
    .header(
      'Content-Disposition',
      `attachment; filename="file-${file.id}"; filename*=UTF-8''${encodeURIComponent(file.name)}`,
    )
    .send(file.content);
}

/**
 * Campaign communications: the announcement letter sent to the heads, the instructions and files beside
 * the form, the collection due dates of indicators.
 */
export async function communicationsRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const today = () => todayOf(app.config);

  r.get(
    '/api/campaigns/:id/materials',
    {
      schema: {
        tags,
        summary:
          'Материалы мониторинга рядом с формой: инструкция, прикреплённые файлы, разосланное письмо, сроки полей',
        params: IdParams,
      },
    },
    async (req) =>
      getCampaignMaterials({
        db: app.db,
        user: requireUser(req.user),
        campaignId: req.params.id,
        today: today(),
      }),
  );

  r.post(
    '/api/campaigns/:id/files',
    {
      schema: { tags, summary: `Прикрепить файл к мониторингу (${CAMPAIGN_FILE_TYPES})`, params: IdParams },
    },
    async (req, reply) => {
      requireUser(req.user);
      const { buffer, fileName } = await uploadedFile(
        req,
        app.config.fileLimits.uploadBytes,
        `Прикрепите файл: ${CAMPAIGN_FILE_TYPES}.`,
      );
      const row = await attachCampaignFile({
        db: app.db,
        actor: req.actor,
        campaignId: req.params.id,
        name: fileName,
        content: buffer,
        limit: app.config.fileLimits.uploadBytes,
      });
      reply.status(201);
      return row;
    },
  );

  r.get(
    '/api/campaigns/:id/files/:fileId',
    {
      schema: {
        tags,
        summary: 'Скачать файл мониторинга (участники и координатор)',
        params: CampaignFileParams,
      },
    },
    async (req, reply) =>
      sendStored(
        reply,
        await downloadCampaignFile({
          db: app.db,
          user: requireUser(req.user),
          campaignId: req.params.id,
          fileId: req.params.fileId,
        }),
      ),
  );

  r.delete(
    '/api/campaigns/:id/files/:fileId',
    {
      schema: {
        tags,
        summary: 'Удалить файл мониторинга',
        params: CampaignFileParams,
        response: { 200: Ok },
      },
    },
    async (req) => {
      await removeCampaignFile({
        db: app.db,
        actor: req.actor,
        campaignId: req.params.id,
        fileId: req.params.fileId,
      });
      return { ok: true };
    },
  );

  r.get(
    '/api/campaigns/:id/announcements',
    {
      schema: {
        tags,
        summary:
          'Рассылки информационного письма: кто, когда, скольким организациям, ошибки, с адресатами каждой',
        params: IdParams,
      },
    },
    async (req) => listAnnouncements({ db: app.db, user: requireUser(req.user), campaignId: req.params.id }),
  );

  r.get(
    '/api/campaigns/:id/announcements/:sendingId/progress',
    {
      schema: {
        tags,
        summary:
          'Ход рассылки письма без адресатов — status, done из total, error, message: его опрашивает страница, пока рассылка идёт',
        params: CampaignSendingParams,
      },
    },
    async (req) =>
      getSendingProgress({
        db: app.db,
        user: requireUser(req.user),
        campaignId: req.params.id,
        sendingId: req.params.sendingId,
      }),
  );

  r.post(
    '/api/campaigns/:id/announcements',
    {
      schema: {
        tags,
        summary:
          'Начать рассылку информационного письма руководителям ОО-участников: в системе и по электронной почте с DOCX (повторно — с confirmResend; прерванную продолжить тем, кому письмо не ушло, — с continue); ответ 202 сразу, ход — в …/announcements/:sendingId/progress',
        params: IdParams,
        body: SendAnnouncementInput,
      },
    },
    async (req, reply) => {
      const sending = await startAnnouncement({
        db: app.db,
        actor: req.actor,
        campaignId: req.params.id,
        appUrl: `${req.protocol}://${req.host}`,
        confirmResend: req.body.confirmResend,
        resume: req.body.continue,
        onError: (error) => req.log.error({ err: error }, 'announcement sending failed'),
      });
      reply.status(202);
      return sending;
    },
  );

  r.get(
    '/api/campaigns/:id/organizations/:organizationId/announcement',
    {
      schema: {
        tags,
        summary: 'Скачать информационное письмо, разосланное организации (её пользователи и координатор)',
        params: CampaignOrgParams,
      },
    },
    async (req, reply) =>
      sendStored(
        reply,
        await downloadSentAnnouncement({
          db: app.db,
          user: requireUser(req.user),
          campaignId: req.params.id,
          organizationId: req.params.organizationId,
        }),
      ),
  );

  r.get(
    '/api/campaigns/:id/due-dates',
    {
      schema: {
        tags,
        summary: 'Сроки сбора по показателям мониторинга (с подсказкой из срока в программе)',
        params: IdParams,
      },
    },
    async (req) => listDueDates({ db: app.db, user: requireUser(req.user), campaignId: req.params.id }),
  );

  r.put(
    '/api/campaigns/:id/due-dates',
    {
      schema: {
        tags,
        summary: 'Задать сроки сбора по показателям: дата или день каждого месяца',
        params: IdParams,
        body: ReplaceDueDatesInput,
      },
    },
    async (req) =>
      replaceDueDates({
        db: app.db,
        actor: req.actor,
        campaignId: req.params.id,
        items: req.body.items,
      }),
  );
}
