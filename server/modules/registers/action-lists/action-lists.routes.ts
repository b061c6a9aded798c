import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ACTION_LIST_LABEL, ACTION_LISTS } from '../../../../core/action-lists.ts';
import { todayOf } from '../../../config.ts';
import { sendXlsx } from '../../../http/xlsx-export.ts';
import { requireUser } from '../../auth/access.ts';
import { idQuery, searchQuery } from '../shared/http.ts';
import { actionListWorkbook, buildActionList } from './action-lists.service.ts';

const tags = ['Списки для работы'];

const ListParams = z.object({
  list: z.enum(ACTION_LISTS, {
    error: () =>
      `Список: допустимые значения — ${ACTION_LISTS.map((l) => `${l} (${ACTION_LIST_LABEL[l]})`).join(', ')}`,
  }),
});

const ListQuery = z.object({
  organizationId: idQuery(),
  municipalityId: idQuery(),
  months: z.coerce
    .number('«Месяцев»: нужно целое число')
    .int('«Месяцев»: нужно целое число')
    .min(0, '«Месяцев»: не меньше 0')
    .max(120, '«Месяцев»: не больше 120')
    .optional(),
  q: searchQuery(),
});

const Cell = z.union([z.string(), z.number(), z.null()]);
const ListOutput = z.object({
  list: z.enum(ACTION_LISTS),
  title: z.string(),
  months: z.number().nullable(),
  columns: z.array(z.object({ key: z.string(), label: z.string() })),
  rows: z.array(z.record(z.string(), Cell)),
});

/**
 * The lists the department acts on (attestation due, no ПК for three years, young teachers without a mentor,
 * pension age, long-open vacancies), within the caller's scope, as JSON and as a workbook.
 */
export async function actionListsRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const build = (
    user: Parameters<typeof buildActionList>[0]['user'],
    params: z.infer<typeof ListParams>,
    query: z.infer<typeof ListQuery>,
  ) => buildActionList({ db: app.db, user, list: params.list, query, today: todayOf(app.config) });

  r.get(
    '/api/action-lists/:list',
    {
      schema: {
        tags,
        summary: 'Список для работы отдела образования (по организации, сроку в месяцах, поиску)',
        params: ListParams,
        querystring: ListQuery,
        response: { 200: ListOutput },
      },
    },
    async (req) => build(requireUser(req.user), req.params, req.query),
  );

  r.get(
    '/api/action-lists/:list/export.xlsx',
    {
      schema: {
        tags,
        summary: 'Список для работы отдела образования (XLSX)',
        params: ListParams,
        querystring: ListQuery,
      },
    },
    async (req, reply) => {
      const result = await build(requireUser(req.user), req.params, req.query);
      return sendXlsx(reply, `${result.title}.xlsx`, await actionListWorkbook(result, todayOf(app.config)));
    },
  );
}
