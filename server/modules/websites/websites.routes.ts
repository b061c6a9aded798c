import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { formatRuDate } from '../../../core/dates.ts';
import { todayOf } from '../../config.ts';
import { IdParams } from '../../http/fields.ts';
import { listToXlsx, sendXlsx } from '../../http/xlsx-export.ts';
import { requireUser } from '../auth/access.ts';
import {
  OverrideInput,
  OverrideOutput,
  OverrideParams,
  ReplaceRequirementsInput,
  RequirementOutput,
  RunOutput,
  StartCheckInput,
  WebsiteChecksOutput,
} from './websites.schema.ts';
import {
  getWebsiteChecks,
  presentRun,
  removeWebsiteOverride,
  replaceRequirements,
  setWebsiteOverride,
  startWebsiteCheck,
} from './websites.service.ts';

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
        response: { 200: z.object({ requirements: z.array(RequirementOutput), version: z.number() }) },
      },
    },
    async (req) => {
      const saved = await replaceRequirements({
        db: app.db,
        user: requireUser(req.user),
        municipalityId: req.params.id,
        rules: req.body.requirements,
        version: req.body.version,
      });
      return {
        version: saved.version,
        requirements: saved.requirements.map((r) => ({
          code: r.code,
          title: r.title,
          keywords: r.keywords,
          paths: r.paths,
          isActive: r.isActive,
        })),
      };
    },
  );

  r.put(
    '/api/organizations/:id/website-overrides/:code',
    {
      schema: {
        tags,
        summary: 'Отметить вручную результат проверки сайта организации по требованию (размещено / нет)',
        params: OverrideParams,
        body: OverrideInput,
        response: { 200: OverrideOutput },
      },
    },
    async (req) =>
      setWebsiteOverride({
        db: app.db,
        user: requireUser(req.user),
        organizationId: req.params.id,
        code: req.params.code,
        isFound: req.body.isFound,
        url: req.body.url,
        comment: req.body.comment,
      }),
  );

  r.delete(
    '/api/organizations/:id/website-overrides/:code',
    {
      schema: {
        tags,
        summary: 'Снять ручную отметку: снова действует результат автоматической проверки',
        params: OverrideParams,
        response: { 200: z.object({ ok: z.literal(true) }) },
      },
    },
    async (req) => {
      await removeWebsiteOverride({
        db: app.db,
        user: requireUser(req.user),
        organizationId: req.params.id,
        code: req.params.code,
      });
      return { ok: true as const };
    },
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
              `Проверка от ${formatRuDate(data.run.startedAt.slice(0, 10))}: «✓» — размещено (с адресом), «✗» — не найдено; «вручную» — отметка координатора (она действует вместо результата проверки)`,
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
            if (!item) return null;
            const mark = item.isFound ? `✓ ${item.url}` : '✗';
            if (!item.override) return mark;
            const crawl = item.crawled ? (item.crawled.isFound ? '✓' : '✗') : '—';
            return `${mark} (вручную, ${item.override.setBy}, ${formatRuDate(item.override.setAt.slice(0, 10))}; проверка: ${crawl})`;
          }),
          row.error,
        ]),
      });
      return sendXlsx(reply, 'monitoring-saytov.xlsx', content);
    },
  );
}
