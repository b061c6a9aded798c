import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { booleanQuery, IdParams, idParam } from '../../http/fields.ts';
import { todayOf } from '../../config.ts';
import { requireUser } from '../auth/access.ts';
import { sendFile } from '../documents/documents.routes.ts';
import { regionalDocument } from './documents.service.ts';
import { getRegionalMunicipalityAnalysis, getRegionalOrganizationCard } from './analysis.drilldown.ts';
import {
  getRegionalAnalysis,
  listRegionalPrograms,
  listRegionalProgramsForMunicipality,
} from './analysis.service.ts';

const tags = ['Региональный уровень'];
export const RegionalYearQuery = z.object({
  year: z.coerce
    .number({ error: () => ({ message: 'год: нужно число' }) })
    .int('год: целое число')
    .min(2000, 'год: не раньше 2000')
    .max(2100, 'год: не позже 2100'),
});

/** The regional analysis: the region's programs, the analysis over municipalities and the drill-down. */
export async function regionalAnalysisRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/regions/:id/regional-programs',
    {
      schema: {
        tags,
        summary: 'Региональные программы региона: годы мониторингов и принявшие муниципалитеты',
        params: IdParams,
      },
    },
    async (req) => listRegionalPrograms({ db: app.db, user: requireUser(req.user), regionId: req.params.id }),
  );
  r.get(
    '/api/municipalities/:id/regional-programs',
    {
      schema: {
        tags,
        summary: 'Программы, опубликованные регионом муниципалитета, и принятые им',
        params: IdParams,
      },
    },
    async (req) =>
      listRegionalProgramsForMunicipality({
        db: app.db,
        user: requireUser(req.user),
        municipalityId: req.params.id,
      }),
  );
  r.get(
    '/api/regional-programs/:id/analysis',
    {
      schema: {
        tags,
        summary:
          'Анализ региональной программы по муниципалитетам: значения, статистика, рейтинг, кластеры, тепловая карта, динамика',
        params: IdParams,
        querystring: RegionalYearQuery,
      },
    },
    async (req) =>
      getRegionalAnalysis({
        db: app.db,
        user: requireUser(req.user),
        regionalProgramId: req.params.id,
        year: req.query.year,
      }),
  );
  r.get(
    '/api/regional-programs/:id/municipalities/:municipalityId/analysis',
    {
      schema: {
        tags,
        summary: 'Переход от региона к муниципалитету: анализ его мониторинга по организациям (агрегаты)',
        params: z.object({ id: idParam(), municipalityId: idParam() }),
        querystring: RegionalYearQuery.extend({
          kind: z.enum(['school', 'preschool', 'additional']).optional(),
          lowResults: booleanQuery().optional(),
          hardSocial: booleanQuery().optional(),
        }),
      },
    },
    async (req) =>
      getRegionalMunicipalityAnalysis({
        db: app.db,
        user: requireUser(req.user),
        regionalProgramId: req.params.id,
        municipalityId: req.params.municipalityId,
        year: req.query.year,
        filters: {
          kind: req.query.kind,
          lowResults: req.query.lowResults,
          hardSocial: req.query.hardSocial,
        },
      }),
  );
  r.get(
    '/api/regional-programs/:id/organizations/:organizationId',
    {
      schema: {
        tags,
        summary: 'Переход к организации: её значения по годам программы рядом с муниципалитетом и регионом',
        params: z.object({ id: idParam(), organizationId: idParam() }),
        querystring: RegionalYearQuery,
      },
    },
    async (req) =>
      getRegionalOrganizationCard({
        db: app.db,
        user: requireUser(req.user),
        regionalProgramId: req.params.id,
        organizationId: req.params.organizationId,
        year: req.query.year,
      }),
  );
  r.get(
    '/api/regional-programs/:id/documents/:kind',
    {
      schema: {
        tags,
        summary: 'Региональная справка (DOCX) или статистические формы (XLSX) по муниципалитетам',
        params: z.object({
          id: idParam(),
          kind: z.enum(['report', 'stat-forms'], {
            error: () => ({ message: 'документ: report (справка) или stat-forms (статистические формы)' }),
          }),
        }),
        querystring: RegionalYearQuery,
      },
    },
    async (req, reply) =>
      sendFile(
        reply,
        await regionalDocument({
          db: app.db,
          user: requireUser(req.user),
          regionalProgramId: req.params.id,
          year: req.query.year,
          kind: req.params.kind,
          today: todayOf(app.config),
        }),
      ),
  );
}
