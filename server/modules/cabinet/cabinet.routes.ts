import type { FastifyInstance } from 'fastify';
import { todayOf } from '../../config.ts';
import { getMyCabinet } from './cabinet.service.ts';

/** The teacher's own cabinet. */
export async function cabinetRoutes(app: FastifyInstance) {
  app.get(
    '/api/my-cabinet',
    {
      schema: {
        tags: ['Личный кабинет педагога'],
        summary:
          'Личный кабинет педагога: профиль, диагностики и дефициты, ИОМ, наставничество, объединения и заседания, мероприятия',
      },
    },
    async (req) => getMyCabinet({ db: app.db, actor: req.actor, today: todayOf(app.config) }),
  );
}
