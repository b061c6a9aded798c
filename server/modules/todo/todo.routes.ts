import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { todayOf } from '../../config.ts';
import { idParam } from '../../http/fields.ts';
import { requireUser } from '../auth/access.ts';
import { getTodo } from './todo.service.ts';

export async function todoRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/todo',
    {
      schema: {
        tags: ['Мониторинг'],
        summary:
          '«Нужно сделать» координатора: формы на проверке, опаздывающие организации, просроченные рекомендации, отчёты к принятию',
        querystring: z.object({ municipalityId: idParam().optional() }),
      },
    },
    async (req) =>
      getTodo({
        db: app.db,
        user: requireUser(req.user),
        today: todayOf(app.config),
        municipalityId: req.query.municipalityId,
      }),
  );
}
