import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { todayOf } from '../../config.ts';
import { AppError } from '../../errors.ts';
import { IdParams } from '../../http/fields.ts';
import { requireUser } from '../auth/access.ts';
import {
  DocumentCatalog,
  DocumentKindSchema,
  DocumentRequestSchema,
  JobParams,
  JobView,
  LetterContentSchema,
} from './documents.schema.ts';
import {
  getDocumentCatalog,
  getLetterContent,
  listOwnLetters,
  prepareDocument,
} from './documents.service.ts';
import { findJob, presentJob, startJob, type DocumentFile } from './jobs.ts';
import { buildAnnouncementContent, buildAnnouncementDocx } from './announcement.ts';
import { safeFileName } from './docx-kit.ts';

const tags = ['Документы'];

export function sendFile(reply: FastifyReply, file: DocumentFile) {
  return reply
    .header('Content-Type', file.contentType)
    .header(
      'Content-Disposition',
      `attachment; filename="${file.asciiName}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
    )
    .header('Cache-Control', 'no-store')
    .send(file.data);
}

export async function documentsRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const today = () => todayOf(app.config);

  r.get(
    '/api/campaigns/:id/documents',
    {
      schema: {
        tags,
        summary: 'Документы мониторинга: что можно сформировать, адресаты писем, предупреждения',
        params: IdParams,
        response: { 200: DocumentCatalog },
      },
    },
    async (req) => getDocumentCatalog({ db: app.db, user: requireUser(req.user), campaignId: req.params.id }),
  );

  r.post(
    '/api/campaigns/:id/documents',
    {
      schema: {
        tags,
        summary:
          'Начать формирование документа (справка, письма, статистические формы, архив); ход — GET /api/document-jobs/:jobId',
        params: IdParams,
        body: DocumentRequestSchema,
        response: { 202: JobView },
      },
    },
    async (req, reply) => {
      const user = requireUser(req.user);
      const prepared = await prepareDocument({
        db: app.db,
        actor: req.actor,
        campaignId: req.params.id,
        request: req.body,
        today: today(),
      });
      const job = startJob({
        ownerId: user.id,
        campaignId: prepared.campaign.id,
        kind: prepared.kind,
        total: prepared.total,
        run: (progress) => prepared.run(progress),
        onError: (error) => req.log.error({ err: error }, 'document generation failed'),
      });
      reply.status(202);
      return presentJob(job);
    },
  );

  r.get(
    '/api/document-jobs/:jobId',
    {
      schema: {
        tags,
        summary: 'Ход формирования: готово шагов из, этап',
        params: JobParams,
        response: { 200: JobView },
      },
    },
    async (req) => presentJob(findJob(req.params.jobId, requireUser(req.user).id)),
  );

  r.get(
    '/api/document-jobs/:jobId/file',
    { schema: { tags, summary: 'Скачать сформированный документ', params: JobParams } },
    async (req, reply) => {
      const job = findJob(req.params.jobId, requireUser(req.user).id);
      if (job.status !== 'done' || !job.file)
        throw new AppError(
          'conflict',
          job.status === 'failed' ? (job.error ?? 'Документ не сформирован.') : 'Документ ещё формируется.',
        );
      return sendFile(reply, job.file);
    },
  );

  r.get(
    '/api/my-letters',
    {
      schema: {
        tags,
        summary:
          'Письма с адресными рекомендациями организациям пользователя (по опубликованным мониторингам)',
        response: {
          200: z.array(
            z.object({
              campaignId: z.number(),
              campaignTitle: z.string(),
              campaignYear: z.number(),
              organizationId: z.number(),
              organizationName: z.string(),
              url: z.string(),
            }),
          ),
        },
      },
    },
    async (req) => listOwnLetters({ db: app.db, user: requireUser(req.user) }),
  );

  r.get(
    '/api/campaigns/:id/letter-content',
    {
      schema: {
        tags,
        summary:
          'Текст письма для просмотра: организации (?organizationId=) или общее письмо «Руководителям ОО» (без него)',
        params: IdParams,
        querystring: z.object({ organizationId: DocumentRequestSchema.shape.organizationId }),
        response: { 200: LetterContentSchema },
      },
    },
    async (req) =>
      getLetterContent({
        db: app.db,
        actor: req.actor,
        campaignId: req.params.id,
        organizationId: req.query.organizationId,
        today: today(),
      }),
  );

  // Small single documents answer at once: the school's own letter, or a file for a script.
  r.get(
    '/api/campaigns/:id/documents/:kind',
    {
      schema: {
        tags,
        summary: 'Сформировать и сразу скачать документ (для письма одной организации — ?organizationId=)',
        params: IdParams.extend({ kind: DocumentKindSchema }),
        querystring: z.object({ organizationId: DocumentRequestSchema.shape.organizationId }),
      },
    },
    async (req, reply) => {
      const prepared = await prepareDocument({
        db: app.db,
        actor: req.actor,
        campaignId: req.params.id,
        request: { kind: req.params.kind, organizationId: req.query.organizationId },
        today: today(),
      });
      return sendFile(reply, await prepared.run());
    },
  );

  r.get(
    '/api/campaigns/:id/announcement-letter',
    {
      schema: {
        tags,
        summary:
          'Информационное письмо о мониторинге руководителям ОО-участников (DOCX): основание, цель, сроки, показатели, как заполнить форму, ответственный, участники',
        params: IdParams,
      },
    },
    async (req, reply) => {
      const content = await buildAnnouncementContent({
        db: app.db,
        user: requireUser(req.user),
        campaignId: req.params.id,
        appUrl: `${req.protocol}://${req.host}`,
      });
      return sendFile(reply, {
        fileName: `${safeFileName(`Информационное письмо ${content.title}`)}.docx`,
        asciiName: `announcement-${req.params.id}.docx`,
        contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        data: await buildAnnouncementDocx(content),
      });
    },
  );
}
