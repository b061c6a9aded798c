import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { formatRuDate } from '../../../../core/dates.ts';
import { reserveStatus } from '../../../../core/reserve/reserve.ts';
import { reservePlanItemKind } from '../../../../core/registry/reserve-kinds.ts';
import { recordSchema } from '../../../../core/registry/schema.ts';
import { IdParams } from '../../../http/fields.ts';
import { requireUser } from '../../auth/access.ts';
import { getOwned } from '../shared/owned-records.ts';
import { registerOwnedRoutes } from '../shared/owned-routes.ts';
import { todayOf } from '../../../config.ts';
import { sendXlsx, type ExportColumn } from '../../../http/xlsx-export.ts';
import { candidatesWorkbook } from './reserve.export.ts';
import {
  findCandidates,
  findPlanItems,
  findPositionKinds,
  type CandidateRow,
  type PlanItemRow,
  type PositionKindRow,
} from './reserve.repository.ts';
import {
  CandidateOutput,
  ExportCandidatesQuery,
  ListCandidatesQuery,
  ListPositionKindsQuery,
  PlanItemOutput,
  PositionKindOutput,
} from './reserve.schema.ts';
import {
  assertCandidateFilter,
  candidateRecords,
  createPlanItem,
  planItemRecords,
  positionKindRecords,
} from './reserve.service.ts';

const tags = ['Кадровый резерв'];

const presentKind = (row: PositionKindRow): PositionKindOutput => ({
  id: row.id,
  code: row.code,
  name: row.name,
  municipalityId: row.municipalityId,
  candidateCount: Number(row.candidateCount),
  version: row.version,
});

export const presentCandidate = (row: CandidateRow): CandidateOutput => ({
  ...row,
  planItemCount: Number(row.planItemCount),
  planDoneCount: Number(row.planDoneCount),
});

const presentItem = (row: PlanItemRow): PlanItemOutput => ({
  id: row.id,
  candidateId: row.candidateId,
  kind: row.kind,
  trainingId: row.trainingId,
  routeId: row.routeId,
  eventId: row.eventId,
  title: row.title,
  linkedTitle: row.linkedTitle,
  dueDate: row.dueDate,
  doneDate: row.doneDate,
  version: row.version,
});

const date = (d: string | null) => (d ? formatRuDate(d) : null);

/** The columns of the reserve workbook. */
export const CANDIDATE_COLUMNS: ExportColumn<CandidateRow>[] = [
  { header: 'ФИО', width: 34, value: (r) => r.name },
  { header: 'Должность резерва', width: 24, value: (r) => r.positionKindName },
  { header: 'Статус', width: 12, value: (r) => reserveStatus.label[r.status] },
  {
    header: 'Выдвинувшая организация',
    width: 26,
    value: (r) => r.organizationShortName ?? 'отдел образования',
  },
  {
    header: 'Место работы',
    width: 30,
    value: (r) =>
      r.teacherId === null
        ? 'не из реестра педагогов'
        : [r.currentPositionTitle, r.currentOrganizationShortName].filter(Boolean).join(', '),
  },
  { header: 'Контакты', width: 22, value: (r) => r.contact },
  { header: 'Приказ', width: 22, value: (r) => `№ ${r.orderNumber} от ${formatRuDate(r.orderDate)}` },
  { header: 'Включён', width: 12, value: (r) => date(r.includedDate) },
  { header: 'Пересмотрен', width: 12, value: (r) => date(r.reviewedDate) },
  { header: 'Дата решения', width: 12, value: (r) => date(r.decisionDate) },
  {
    header: 'Назначен на должность',
    width: 30,
    value: (r) =>
      r.status === 'appointed'
        ? [r.appointedPosition, r.appointedOrganizationShortName].filter(Boolean).join(', ')
        : null,
  },
  {
    header: 'Причина исключения',
    width: 26,
    value: (r) => (r.status === 'excluded' ? r.exclusionReason : null),
  },
  { header: 'План развития: выполнено', width: 14, value: (r) => `${r.planDoneCount} из ${r.planItemCount}` },
];

export async function reserveRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  registerOwnedRoutes(app, {
    kind: positionKindRecords,
    path: '/api/reserve-position-kinds',
    tags,
    summaries: {
      list: 'Должности кадрового резерва: встроенные и добавленные муниципалитетом',
      get: 'Должность кадрового резерва',
      create: 'Добавить должность кадрового резерва (отдел образования)',
      update: 'Переименовать должность кадрового резерва',
      remove: 'Удалить должность кадрового резерва (если она не указана у кандидатов)',
    },
    output: PositionKindOutput,
    present: presentKind,
    listQuery: ListPositionKindsQuery,
    list: ({ db, user, query }) => findPositionKinds(db, user, query),
  });

  // Before the owned routes: a static path wins over `/:id` anyway, but it reads better first.
  r.get(
    '/api/reserve-candidates/export.xlsx',
    {
      schema: {
        tags,
        summary: 'Кадровый резерв по фильтру списка (XLSX)',
        querystring: ExportCandidatesQuery,
      },
    },
    async (req, reply) => {
      const file = await candidatesWorkbook({
        db: app.db,
        user: requireUser(req.user),
        query: req.query,
        today: todayOf(app.config),
      });
      return sendXlsx(reply, 'Кадровый резерв.xlsx', file);
    },
  );

  registerOwnedRoutes(app, {
    kind: candidateRecords,
    path: '/api/reserve-candidates',
    tags,
    summaries: {
      list: 'Кандидаты кадрового резерва (фильтры: организация, должность, статус, поиск по ФИО)',
      get: 'Кандидат кадрового резерва',
      create: 'Включить кандидата в кадровый резерв',
      update: 'Изменить сведения о кандидате, назначить или исключить (status)',
      remove: 'Удалить запись о кандидате (ошибочно внесённую)',
    },
    output: CandidateOutput,
    present: presentCandidate,
    listQuery: ListCandidatesQuery,
    list: async ({ db, user, query, today }) => {
      await assertCandidateFilter(db, user, query);
      return findCandidates(db, user, query, today);
    },
  });

  r.get(
    '/api/reserve-candidates/:id/plan',
    {
      schema: {
        tags,
        summary: 'План развития кандидата',
        params: IdParams,
        response: { 200: z.array(PlanItemOutput) },
      },
    },
    async (req) => {
      const user = requireUser(req.user);
      const candidate = await getOwned(candidateRecords, {
        db: app.db,
        user,
        id: req.params.id,
        today: todayOf(app.config),
      });
      return (await findPlanItems(app.db, candidate.id)).map(presentItem);
    },
  );

  r.post(
    '/api/reserve-candidates/:id/plan',
    {
      schema: {
        tags,
        summary: 'Добавить пункт плана развития: обучение, ИОМ, мероприятие или другое',
        params: IdParams,
        body: recordSchema(reservePlanItemKind),
        response: { 201: PlanItemOutput },
      },
    },
    async (req, reply) => {
      requireUser(req.user);
      const created = await createPlanItem({
        db: app.db,
        actor: req.actor,
        candidateId: req.params.id,
        input: req.body as Record<string, unknown>,
        today: todayOf(app.config),
      });
      reply.status(201);
      return presentItem(created);
    },
  );

  registerOwnedRoutes(app, {
    kind: planItemRecords,
    path: '/api/reserve-plan-items',
    tags,
    summaries: {
      list: '',
      get: 'Пункт плана развития',
      create: '',
      update: 'Изменить пункт плана развития (срок, отметка о выполнении)',
      remove: 'Удалить пункт плана развития',
    },
    output: PlanItemOutput,
    present: presentItem,
    listQuery: z.object({}),
    list: async () => ({ rows: [], total: 0 }),
    only: ['get', 'update', 'remove'],
  });
}
