import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { MUKO_ELEMENTS, MAX_EVIDENCE } from '../../../core/management/muko.ts';
import { isWebUrl, WEB_URL_MESSAGE } from '../../../core/url.ts';
import { todayOf } from '../../config.ts';
import { IdParams } from '../../http/fields.ts';
import { sendXlsx } from '../../http/xlsx-export.ts';
import { requireUser } from '../auth/access.ts';
import { regionalMukoToDocx, regionalMukoToXlsx } from './muko.export.ts';
import { getRegionalMuko, scoreMunicipalityMuko } from './muko.service.ts';

const tags = ['Региональный уровень'];
const ELEMENT_KEYS = MUKO_ELEMENTS.map((e) => e.key) as [
  (typeof MUKO_ELEMENTS)[number]['key'],
  ...(typeof MUKO_ELEMENTS)[number]['key'][],
];

const YearQuery = z.object({
  year: z.coerce.number().int().min(2000, 'год не раньше 2000').max(2100, 'год не позже 2100'),
});

export const ScoreInput = z.object({
  municipalityId: z.number().int().positive(),
  year: z.number().int().min(2000, 'год не раньше 2000').max(2100, 'год не позже 2100'),
  elementKey: z.enum(ELEMENT_KEYS, { error: 'неизвестный элемент МУКО' }),
  score: z.union([z.literal(0), z.literal(1)], { error: 'балл — 1 или 0' }),
  evidence: z
    .array(
      z
        .string()
        .trim()
        .max(1000, '«Подтверждения»: ссылка не длиннее 1000 символов')
        .refine(isWebUrl, `«Подтверждения»: ${WEB_URL_MESSAGE}`),
    )
    .max(MAX_EVIDENCE, `«Подтверждения»: не больше ${MAX_EVIDENCE} ссылок`)
    .default([]),
  comment: z
    .string()
    .trim()
    .max(5000, '«Комментарий»: не длиннее 5000 символов')
    .nullish()
    .transform((v) => v || null),
  version: z.number().int().min(0),
});

export async function mukoRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/regions/:id/muko',
    {
      schema: {
        tags,
        summary: 'Оценка МУКО муниципалитетов региона: баллы региона рядом с самооценкой',
        params: IdParams,
        querystring: YearQuery,
      },
    },
    async (req) =>
      getRegionalMuko({
        db: app.db,
        user: requireUser(req.user),
        regionId: req.params.id,
        year: req.query.year,
        today: todayOf(app.config),
      }),
  );
  r.post(
    '/api/regions/:id/muko/scores',
    {
      schema: {
        tags,
        summary: 'Оценить элемент МУКО муниципалитета: балл, до пяти ссылок-подтверждений, комментарий',
        params: IdParams,
        body: ScoreInput,
      },
    },
    async (req) =>
      scoreMunicipalityMuko({ db: app.db, actor: req.actor, regionId: req.params.id, input: req.body }),
  );
  r.get(
    '/api/regions/:id/muko.xlsx',
    {
      schema: {
        tags,
        summary: 'Оценка МУКО муниципалитетов (XLSX)',
        params: IdParams,
        querystring: YearQuery,
      },
    },
    async (req, reply) => {
      const t = await getRegionalMuko({
        db: app.db,
        user: requireUser(req.user),
        regionId: req.params.id,
        year: req.query.year,
        today: todayOf(app.config),
      });
      return sendXlsx(reply, `Оценка МУКО ${t.year}.xlsx`, await regionalMukoToXlsx(t, todayOf(app.config)));
    },
  );
  r.get(
    '/api/regions/:id/muko.docx',
    {
      schema: {
        tags,
        summary: 'Оценка МУКО муниципалитетов (DOCX)',
        params: IdParams,
        querystring: YearQuery,
      },
    },
    async (req, reply) => {
      const t = await getRegionalMuko({
        db: app.db,
        user: requireUser(req.user),
        regionId: req.params.id,
        year: req.query.year,
        today: todayOf(app.config),
      });
      return reply
        .header('Content-Type', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')
        .header('Cache-Control', 'no-store')
        .header(
          'Content-Disposition',
          `attachment; filename="muko.docx"; filename*=UTF-8''${encodeURIComponent(`Оценка МУКО ${t.year}.docx`)}`,
        )
        .send(await regionalMukoToDocx(t, todayOf(app.config)));
    },
  );
}
