import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { todayOf } from '../../../config.ts';
import { listToXlsx, sendXlsx } from '../../../http/xlsx-export.ts';
import { requireUser } from '../../auth/access.ts';
import { assertListFilter } from '../shared/ownership.ts';
import { checkedList, registerOwnedRoutes } from '../shared/owned-routes.ts';
import { ForecastOutput, ForecastQuery } from './forecast.schema.ts';
import { forecastExport, getForecast } from './forecast.service.ts';
import {
  findAllTargetStudents,
  findTargetStudents,
  type TargetStudentRow,
} from './target-students.repository.ts';
import {
  ExportTargetStudentsQuery,
  ListTargetStudentsQuery,
  TargetStudentOutput,
} from './target-students.schema.ts';
import { targetStudentRecords, targetStudentsExport } from './target-students.service.ts';

const presentStudent = (row: TargetStudentRow): TargetStudentOutput => ({
  id: row.id,
  organizationId: row.organizationId,
  organizationShortName: row.organizationShortName,
  fullName: row.fullName,
  university: row.university,
  specialty: row.specialty,
  subject: row.subject,
  graduationYear: row.graduationYear,
  contractNumber: row.contractNumber,
  contractDate: row.contractDate,
  notes: row.notes,
  version: row.version,
});

/** The staffing forecast and the register of целевое обучение it takes the graduates from. */
export async function forecastRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['Прогноз кадровой потребности'];

  r.get(
    '/api/staffing-forecast',
    {
      schema: {
        tags,
        summary:
          'Прогноз кадровой потребности на 1–5 учебных лет: выбытие, приток, вакансии и потребность по годам, организациям и предметам',
        querystring: ForecastQuery,
        response: { 200: ForecastOutput },
      },
    },
    async (req) =>
      getForecast({ db: app.db, user: requireUser(req.user), query: req.query, today: todayOf(app.config) }),
  );

  r.get(
    '/api/staffing-forecast/export.xlsx',
    { schema: { tags, summary: 'Прогноз кадровой потребности (XLSX)', querystring: ForecastQuery } },
    async (req, reply) => {
      const forecast = await getForecast({
        db: app.db,
        user: requireUser(req.user),
        query: req.query,
        today: todayOf(app.config),
      });
      return sendXlsx(reply, 'Прогноз кадровой потребности.xlsx', await listToXlsx(forecastExport(forecast)));
    },
  );

  r.get(
    '/api/target-students/export.xlsx',
    {
      schema: {
        tags,
        summary: 'Студенты целевого обучения по фильтру списка (XLSX)',
        querystring: ExportTargetStudentsQuery,
      },
    },
    async (req, reply) => {
      const user = requireUser(req.user);
      await assertListFilter(app.db, user, req.query);
      const rows = await findAllTargetStudents(app.db, user, req.query);
      const note = req.query.graduationYear ? `Год выпуска: ${req.query.graduationYear}` : undefined;
      const file = await listToXlsx(targetStudentsExport(rows, todayOf(app.config), note));
      return sendXlsx(reply, 'Целевое обучение.xlsx', file);
    },
  );

  registerOwnedRoutes(app, {
    kind: targetStudentRecords,
    path: '/api/target-students',
    tags,
    summaries: {
      list: 'Студенты целевого обучения и ожидаемые выпускники (фильтры: организация, год выпуска, поиск по ФИО)',
      get: 'Студент целевого обучения',
      create: 'Внести студента целевого обучения',
      update: 'Изменить сведения о студенте целевого обучения',
      remove: 'Удалить запись о студенте целевого обучения',
    },
    output: TargetStudentOutput,
    present: presentStudent,
    listQuery: ListTargetStudentsQuery,
    list: checkedList(findTargetStudents),
  });
}
