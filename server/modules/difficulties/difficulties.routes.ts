import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { formatRuDate } from '../../../core/dates.ts';
import { formatPercent } from '../../../core/format.ts';
import { todayOf } from '../../config.ts';
import { idParam } from '../../http/fields.ts';
import { listToXlsx, sendXlsx } from '../../http/xlsx-export.ts';
import { requireUser } from '../auth/access.ts';
import { dateQuery, searchQuery } from '../registers/shared/http.ts';
import { difficultyMatrix, difficultyTeachers } from './difficulties.service.ts';

const tags = ['Банк затруднений'];

const Filters = z.object({
  municipalityId: idParam().optional(),
  from: dateQuery('Начало периода'),
  to: dateQuery('Конец периода'),
  organizationId: idParam().optional(),
  subject: searchQuery(),
  position: searchQuery(),
});

const Matrix = z.object({
  municipalityId: z.number(),
  period: z.object({ from: z.string(), to: z.string() }),
  diagnosed: z.number(),
  canSeeNames: z.union([z.literal('all'), z.array(z.number())]),
  deficits: z.array(
    z.object({
      code: z.string(),
      title: z.string(),
      area: z.string(),
      count: z.number(),
      share: z.number().nullable(),
      resources: z.array(
        z.object({ id: z.number(), title: z.string(), kind: z.string(), url: z.string().nullable() }),
      ),
      practices: z.array(z.object({ id: z.number(), title: z.string() })),
    }),
  ),
  organizations: z.array(z.object({ id: z.number(), shortName: z.string(), diagnosed: z.number() })),
  cells: z.array(
    z.object({
      organizationId: z.number(),
      deficitCode: z.string(),
      count: z.number(),
      share: z.number().nullable(),
    }),
  ),
  trends: z.object({
    years: z.array(z.number()),
    series: z.array(z.object({ code: z.string(), values: z.array(z.number()) })),
  }),
});

export async function difficultiesRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = () => app.db;
  const today = () => todayOf(app.config);

  r.get(
    '/api/difficulties',
    {
      schema: {
        tags,
        summary:
          'Частота дефицитов по диагностикам: организации × дефициты, ресурсы и практики по каждому, динамика по годам',
        querystring: Filters,
        response: { 200: Matrix },
      },
    },
    async (req) =>
      difficultyMatrix({ db: db(), user: requireUser(req.user), filters: req.query, today: today() }),
  );
  r.get(
    '/api/difficulties/teachers',
    {
      schema: {
        tags,
        summary: 'Педагоги с дефицитом (организация — своих, отдел образования — всех)',
        querystring: Filters.extend({
          deficitCode: z.string().trim().min(1, 'укажите код дефицита').max(50),
        }),
        response: {
          200: z.array(
            z.object({
              teacherId: z.number(),
              name: z.string(),
              organizationShortName: z.string(),
              positionTitle: z.string(),
              date: z.string(),
            }),
          ),
        },
      },
    },
    async (req) =>
      difficultyTeachers({ db: db(), user: requireUser(req.user), filters: req.query, today: today() }),
  );
  r.get(
    '/api/difficulties/export.xlsx',
    {
      schema: {
        tags,
        summary: 'Банк затруднений в XLSX: организации × дефициты (число педагогов и доля)',
        querystring: Filters.extend({ measure: z.enum(['count', 'share']).default('count') }),
      },
    },
    async (req, reply) => {
      const matrix = await difficultyMatrix({
        db: db(),
        user: requireUser(req.user),
        filters: req.query,
        today: today(),
      });
      const isShare = req.query.measure === 'share';
      const cell = (n: number, share: number | null) =>
        isShare ? formatPercent(share === null ? null : share * 100) : n;
      const byCell = new Map(matrix.cells.map((c) => [`${c.organizationId}/${c.deficitCode}`, c]));
      const content = await listToXlsx({
        sheet: 'Банк затруднений',
        title: `Банк затруднений: ${isShare ? 'доля' : 'число'} педагогов с дефицитом по диагностикам`,
        notes: [
          `Период: ${formatRuDate(matrix.period.from)} — ${formatRuDate(matrix.period.to)}; продиагностировано педагогов: ${matrix.diagnosed}`,
        ],
        date: today(),
        columns: [
          { header: 'Организация', width: 36 },
          { header: 'Продиагностировано', width: 14 },
          ...matrix.deficits.map((d) => ({ header: `${d.code} ${d.title}`, width: 18 })),
        ],
        rows: [
          ...matrix.organizations.map((o) => [
            o.shortName,
            o.diagnosed,
            ...matrix.deficits.map((d) => {
              const c = byCell.get(`${o.id}/${d.code}`);
              return c ? cell(c.count, c.share) : isShare ? null : 0;
            }),
          ]),
          [
            'Итого по муниципалитету',
            matrix.diagnosed,
            ...matrix.deficits.map((d) => cell(d.count, d.share)),
          ],
        ],
      });
      return sendXlsx(reply, 'bank-zatrudneniy.xlsx', content);
    },
  );
}
