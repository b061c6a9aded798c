import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams } from '../../http/fields.ts';
import { requireUser } from '../auth/access.ts';
import { adoptRegionalProgram, publishRegionalProgram } from './regional-programs.service.ts';
import { computeRegionalRollUp } from './roll-up.service.ts';

const tags = ['Региональный уровень'];

const PublishInput = z.object({
  content: z.string().min(2, 'файл программы: пустое содержимое').max(5_000_000),
});
const AdoptInput = z.object({ municipalityId: z.number().int().positive() });
const YearQuery = z.object({ year: z.coerce.number().int().min(2000, 'год не раньше 2000').max(2100) });

export async function regionalRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post(
    '/api/regions/:id/regional-programs',
    {
      schema: {
        tags,
        summary: 'Опубликовать региональную программу (файл программы мониторинга)',
        params: IdParams,
        body: PublishInput,
      },
    },
    async (req, reply) => {
      reply.status(201);
      return publishRegionalProgram({
        db: app.db,
        actor: req.actor,
        regionId: req.params.id,
        content: req.body.content,
      });
    },
  );
  r.post(
    '/api/regional-programs/:id/adopt',
    {
      schema: {
        tags,
        summary: 'Принять региональную программу в муниципалитете',
        params: IdParams,
        body: AdoptInput,
      },
    },
    async (req, reply) => {
      reply.status(201);
      return adoptRegionalProgram({
        db: app.db,
        actor: req.actor,
        regionalProgramId: req.params.id,
        municipalityId: req.body.municipalityId,
      });
    },
  );
  r.get(
    '/api/regional-programs/:id/results',
    {
      schema: {
        tags,
        summary: 'Сводные результаты региональной программы: по муниципалитетам и по региону',
        params: IdParams,
        querystring: YearQuery,
      },
    },
    async (req) =>
      computeRegionalRollUp({
        db: app.db,
        user: requireUser(req.user),
        regionalProgramId: req.params.id,
        year: req.query.year,
      }),
  );
}
