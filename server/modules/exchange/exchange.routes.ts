import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { todayOf } from '../../config.ts';
import { AppError } from '../../errors.ts';
import { IdParams } from '../../http/fields.ts';
import { uploadedFile } from '../../http/upload.ts';
import { requireUser } from '../auth/access.ts';
import { ImportIdParams, ImportPreviewOutput, ImportResultOutput, WorkbookQuery } from './exchange.schema.ts';
import {
  cancelImport,
  confirmImport,
  contentDisposition,
  exportWorkbook,
  getImportPreview,
  previewImport,
} from './exchange.service.ts';

const tags = ['Загрузка и выгрузка'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export async function exchangeRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/organizations/:id/workbook',
    {
      schema: {
        tags,
        summary: 'Книга Excel со сведениями организации (или пустой шаблон: ?template=1)',
        params: IdParams,
        querystring: WorkbookQuery,
      },
    },
    async (req, reply) => {
      requireUser(req.user);
      const file = await exportWorkbook({
        db: app.db,
        actor: req.actor,
        organizationId: req.params.id,
        isTemplate: req.query.template,
        today: todayOf(app.config),
      });
      reply
        .header('Content-Type', XLSX)
        .header('Content-Disposition', contentDisposition(file.fileName, file.asciiName))
        .header('Cache-Control', 'no-store');
      return reply.send(file.buffer);
    },
  );

  r.post(
    '/api/organizations/:id/imports',
    {
      schema: {
        tags,
        summary:
          'Загрузить книгу (.xlsx) или лист (.csv): проверка и предварительный просмотр изменений, ничего не записывается',
        params: IdParams,
        response: { 201: ImportPreviewOutput },
      },
    },
    async (req, reply) => {
      requireUser(req.user);
      const { buffer, fileName } = await uploadedFile(
        req,
        app.config.fileLimits.uploadBytes,
        'Прикрепите файл: книгу Excel (.xlsx) или лист CSV.',
      );
      if (!buffer.length) throw new AppError('bad_request', 'Файл пуст.');
      const { preview } = await previewImport({
        db: app.db,
        actor: req.actor,
        organizationId: req.params.id,
        file: { buffer, fileName: fileName || 'файл' },
        today: todayOf(app.config),
        limits: app.config.fileLimits,
      });
      reply.status(201);
      return preview;
    },
  );

  r.get(
    '/api/imports/:id',
    {
      schema: {
        tags,
        summary: 'Результат проверки загруженного файла (хранится час)',
        params: ImportIdParams,
        response: { 200: ImportPreviewOutput },
      },
    },
    async (req) =>
      getImportPreview({
        actor: req.actor,
        importId: req.params.id,
        errorsListed: app.config.fileLimits.errorsListed,
      }),
  );

  r.post(
    '/api/imports/:id/confirm',
    {
      schema: {
        tags,
        summary: 'Применить проверенный файл одной транзакцией (409 — если данные изменились после проверки)',
        params: ImportIdParams,
        response: { 200: ImportResultOutput },
      },
    },
    async (req) => confirmImport({ db: app.db, actor: req.actor, importId: req.params.id }),
  );

  r.delete(
    '/api/imports/:id',
    {
      schema: { tags, summary: 'Отменить загрузку без изменений', params: ImportIdParams },
    },
    async (req, reply) => {
      cancelImport({ actor: req.actor, importId: req.params.id });
      return reply.status(204).send();
    },
  );
}
