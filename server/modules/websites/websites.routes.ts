import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { formatRuDate } from '../../../core/dates.ts';
import { todayOf } from '../../config.ts';
import { IdParams } from '../../http/fields.ts';
import { listToXlsx, sendXlsx } from '../../http/xlsx-export.ts';
import { requireUser } from '../auth/access.ts';
import {
  ReplaceRequirementsInput,
  RequirementOutput,
  RunOutput,
  StartCheckInput,
  WebsiteChecksOutput,
} from './websites.schema.ts';
import { getWebsiteChecks, presentRun, replaceRequirements, startWebsiteCheck } from './websites.service.ts';

const tags = ['Мониторинг сайтов'];

export async function websitesRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/municipalities/:id/website-checks',
    {
      schema: {
        tags,
        summary:
          'Мониторинг сайтов ОО: требования и последняя проверка (отдел — все организации, ОО — своя строка); ' +
          'ход идущей проверки — поле run',
        params: IdParams,
        response: { 200: WebsiteChecksOutput },
      },
    },
    async (req) =>
      getWebsiteChecks({ db: app.db, user: requireUser(req.user), municipalityId: req.params.id }),
  );

  r.post(
    '/api/municipalities/:id/website-checks',
    {
      schema: {
        tags,
        summary: 'Запустить проверку сайтов в фоне (одна проверка в муниципалитете за раз)',
        params: IdParams,
        body: StartCheckInput,
        response: { 202: RunOutput },
      },
    },
    async (req, reply) => {
      const run = await startWebsiteCheck({
        db: app.db,
        user: requireUser(req.user),
        municipalityId: req.params.id,
        organizationId: req.body?.organizationId,
        onError: (error) => req.log.error({ err: error }, 'website check failed'),
      });
      return reply.code(202).send(presentRun(run));
    },
  );

  r.put(
    '/api/municipalities/:id/website-requirements',
    {
      schema: {
        tags,
        summary: 'Заменить перечень требований к сайтам ОО',
        params: IdParams,
        body: ReplaceRequirementsInput,
        response: { 200: z.array(RequirementOutput) },
      },
    },
    async (req) =>
      (
        await replaceRequirements({
          db: app.db,
          user: requireUser(req.user),
          municipalityId: req.params.id,
          rules: req.body.requirements,
        })
      ).map((r) => ({
        code: r.code,
        title: r.title,
        keywords: r.keywords,
        paths: r.paths,
        isActive: r.isActive,
      })),
  );

  r.get(
    '/api/municipalities/:id/website-checks.xlsx',
    { schema: { tags, summary: 'Мониторинг сайтов ОО в Excel', params: IdParams } },
    async (req, reply) => {
      const data = await getWebsiteChecks({
        db: app.db,
        user: requireUser(req.user),
        municipalityId: req.params.id,
      });
      const codes = data.requirements.filter((q) => q.isActive);
      const content = await listToXlsx({
        sheet: 'Сайты ОО',
        title: 'Мониторинг сайтов образовательных организаций',
        notes: data.run
          ? [
              `Проверка от ${formatRuDate(data.run.startedAt.slice(0, 10))}: «✓» — размещено (с адресом), «✗» — не найдено`,
            ]
          : ['Проверок ещё не было'],
        date: todayOf(app.config),
        columns: [
          { header: 'Организация', width: 36 },
          { header: 'Сайт', width: 28 },
          ...codes.map((q) => ({ header: q.title, width: 18 })),
          { header: 'Ошибка', width: 30 },
        ],
        rows: data.rows.map((row) => [
          row.organization,
          row.siteUrl,
          ...codes.map((q) => {
            const item = row.items.find((i) => i.code === q.code);
            return item ? (item.isFound ? `✓ ${item.url}` : '✗') : null;
          }),
          row.error,
        ]),
      });
      return sendXlsx(reply, 'monitoring-saytov.xlsx', content);
    },
  );
}
