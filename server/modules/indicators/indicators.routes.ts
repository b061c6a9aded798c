import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams, idParam } from '../../http/fields.ts';
import { requireUser } from '../auth/access.ts';
import { todayOf } from '../../config.ts';
import { sendXlsx } from '../../http/xlsx-export.ts';
import { findOrganization } from '../teachers/teachers.repository.ts';
import { drilldown } from './drilldown.ts';
import { drilldownToXlsx } from './drilldown.export.ts';
import { previewIndicator } from './preview.ts';
import { computeProgramResults } from './results.service.ts';

const tags = ['Показатели'];
const Year = z.coerce.number().int().min(2000, 'год не раньше 2000').max(2100, 'год не позже 2100');

const DrilldownQuery = z.object({
  year: Year,
  indicator: z.string().min(1),
  organizationId: idParam().optional(),
  part: z.enum(['numerator', 'denominator']).default('numerator'),
});

/** The drill-down's input from a request of either drill-down route (the page and its Excel file). */
function drilldownInput(
  app: FastifyInstance,
  req: Pick<FastifyRequest, 'actor'> & { params: { id: number }; query: z.infer<typeof DrilldownQuery> },
) {
  return {
    db: app.db,
    actor: req.actor,
    programId: req.params.id,
    year: req.query.year,
    indicatorCode: req.query.indicator,
    organizationId: req.query.organizationId ?? null,
    part: req.query.part,
  };
}

export async function indicatorsRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/programs/:id/results',
    {
      schema: {
        tags,
        summary: 'Значения показателей по организациям и муниципалитету за отчётный год (расчёт по реестру)',
        params: IdParams,
        querystring: z.object({ year: Year }),
      },
    },
    async (req) => {
      const { results, organizations, period, problems, vacanciesAsOf } = await computeProgramResults({
        db: app.db,
        user: requireUser(req.user),
        programId: req.params.id,
        year: req.query.year,
      });
      return { period, organizations, results, problems, vacanciesAsOf };
    },
  );

  r.get(
    '/api/programs/:id/drilldown',
    {
      schema: {
        tags,
        summary: 'Записи за значением: педагоги (или организации, программы, акты) числителя или знаменателя',
        params: IdParams,
        querystring: DrilldownQuery,
      },
    },
    async (req) => drilldown(drilldownInput(app, req)),
  );

  r.get(
    '/api/programs/:id/drilldown.xlsx',
    {
      schema: {
        tags,
        summary:
          'Записи за значением показателя в Excel (.xlsx): те же, что в расшифровке, тем же пользователям',
        params: IdParams,
        querystring: DrilldownQuery,
      },
    },
    async (req, reply) => {
      const result = await drilldown(drilldownInput(app, req));
      const organization = result.organizationId
        ? await findOrganization(app.db, result.organizationId)
        : null;
      const today = todayOf(app.config);
      const content = await drilldownToXlsx({
        indicator: { code: result.indicator, name: result.indicatorName },
        organizationName: organization?.shortName ?? null,
        part: req.query.part,
        year: req.query.year,
        formula: result.formula,
        calls: result.calls,
        today,
      });
      const fileName = `Показатель ${result.indicator} ${organization?.shortName ?? 'муниципалитет'} ${req.query.year}.xlsx`;
      return sendXlsx(reply, fileName, content);
    },
  );

  r.post(
    '/api/programs/:id/preview',
    {
      schema: {
        tags,
        summary: 'Предпросмотр значения формулы на текущих данных (для редактора показателей)',
        params: IdParams,
        body: z.object({
          unit: z.enum(['percent', 'count', 'presence', 'number']),
          numerator: z.string().min(1).max(2000),
          denominator: z.string().max(2000).nullish(),
          factor: z.number().positive().default(1),
          year: Year,
        }),
      },
    },
    async (req) => {
      const user = requireUser(req.user);
      return previewIndicator({ db: app.db, user, programId: req.params.id, ...req.body });
    },
  );
}
