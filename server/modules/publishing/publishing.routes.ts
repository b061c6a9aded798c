import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { todayOf } from '../../config.ts';
import { IdParams } from '../../http/fields.ts';
import { getPublicOrganization } from './publishing.service.ts';

export async function publishingRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/public/organizations/:id',
    {
      config: { isPublic: true },
      schema: {
        tags: ['Публичный отчёт'],
        summary:
          'Публичная страница организации: её значения показателей в опубликованных мониторингах ' +
          '(без персональных данных, доли по малым группам скрыты; без входа)',
        params: IdParams,
      },
    },
    async (req) => getPublicOrganization(app.db, req.params.id, todayOf(app.config)),
  );
}
