import { formatRuDate } from '../../../../core/dates.ts';
import { actKind, educationLevel } from '../../../../core/enums.ts';
import {
  certificationKind,
  competitionKind,
  diagnosticKind,
  educationKind,
  membershipKind,
  mentoringPairKind,
  normativeActKind,
  participationKind,
  routeKind,
  routeStepKind,
  trainingKind,
  vacancyKind,
} from '../../../../core/registry/kinds.ts';
import type { AnyRow } from '../exchange.repository.ts';
import { nameKey } from '../format/cells.ts';
import {
  ACTS_SHEET,
  CERTIFICATIONS_SHEET,
  COMPETITIONS_SHEET,
  DIAGNOSTICS_SHEET,
  EDUCATIONS_SHEET,
  EVENTS_SHEET,
  MEMBERSHIPS_SHEET,
  MENTORING_SHEET,
  ROUTE_STEPS_SHEET,
  ROUTES_SHEET,
  TRAININGS_SHEET,
  VACANCIES_SHEET,
} from '../format/sheets.ts';
import type { PlanContext } from './context.ts';
import type { CellError, RecordSheetDef } from './records.ts';
import {
  diagnosticByDate,
  eventRef,
  nameRef,
  protection,
  routeAfter,
  routeRef,
  teacherRef,
} from './resolvers.ts';
import type { Ref } from './types.ts';

/** The record sheets after «Педагоги», in planning order (a route refers to a diagnostic, a step to a route). */

const rows = <T>(list: T[]) => list as unknown as AnyRow[];
const text = (v: unknown) => nameKey(String(v ?? ''));

/**
 * Records of teachers who work in the organization and stay, and of those who worked here (rows of the file
 * that dismissed them still find their records; see protect).
 */
function ofTeachers(ctx: PlanContext, list: AnyRow[]) {
  return list.filter((r) => {
    const entry = ctx.teachers.get(r.teacherId as Ref);
    return entry !== undefined && !entry.isLeaving && (entry.inScope || entry.isFormer === true);
  });
}

/** The export writes the records of the teachers who work here now. */
const ofCurrentTeacher = (record: AnyRow, ctx: PlanContext) =>
  ctx.teachers.get(record.teacherId as Ref)?.inScope === true;

/** What every sheet of a teacher's own records shares: the scope, the owner, what the export writes. */
const teacherRecords = (pick: (ctx: PlanContext) => AnyRow[]) => ({
  existing: (ctx: PlanContext) => ofTeachers(ctx, pick(ctx)),
  exported: ofCurrentTeacher,
  protect: (r: AnyRow, ctx: PlanContext) => protection(ctx, r.teacherId, r.organizationId),
  insertExtra: (ctx: PlanContext) => ({ organizationId: ctx.organization.id }),
});

const who = (ctx: PlanContext, v: Record<string, unknown>) => ctx.teachers.label(v.teacherId);
const owner = teacherRef('teacher', 'teacherId', 'scope');

function unknownDeficits(codes: string[], ctx: PlanContext, column: string): CellError[] {
  return codes
    .filter((c) => !ctx.deficitCodes.has(c))
    .map((c) => ({ column, problem: `неизвестный код дефицита «${c}» (коды каталога — на листе «Списки»)` }));
}

const organizationOwned = (ctx: PlanContext) => ({ organizationId: ctx.organization.id });

export const RECORD_SHEETS: RecordSheetDef[] = [
  {
    spec: EDUCATIONS_SHEET,
    table: 'educations',
    kind: educationKind,
    resolvers: [owner],
    ...teacherRecords((ctx) => rows(ctx.records.educations)),
    key: (v) =>
      `${String(v.teacherId)}|${String(v.level)}|${text(v.institution)}|${String(v.graduationYear ?? '')}`,
    label: (v, ctx) =>
      `${who(ctx, v)} — ${educationLevel.label[v.level as 'higher'] ?? ''}, ${String(v.institution)}`,
  },
  {
    spec: CERTIFICATIONS_SHEET,
    table: 'certifications',
    kind: certificationKind,
    resolvers: [owner],
    ...teacherRecords((ctx) => rows(ctx.records.certifications)),
    key: (v) => `${String(v.teacherId)}|${String(v.date)}`,
    label: (v, ctx) => `${who(ctx, v)} — аттестация ${formatRuDate(String(v.date))}`,
  },
  {
    spec: DIAGNOSTICS_SHEET,
    table: 'diagnostics',
    kind: diagnosticKind,
    resolvers: [owner],
    ...teacherRecords((ctx) => rows(ctx.records.diagnostics)),
    key: (v) => `${String(v.teacherId)}|${String(v.date)}|${text(v.instrument)}`,
    label: (v, ctx) =>
      `${who(ctx, v)} — диагностика ${formatRuDate(String(v.date))}, ${String(v.instrument)}`,
    check: (v, ctx, headers) =>
      unknownDeficits((v.deficitCodes as string[]) ?? [], ctx, headers.deficitCodes),
  },
  {
    spec: TRAININGS_SHEET,
    table: 'trainings',
    kind: trainingKind,
    resolvers: [owner, nameRef('providerId', 'providers')],
    ...teacherRecords((ctx) => rows(ctx.records.trainings)),
    key: (v) => `${String(v.teacherId)}|${text(v.title)}|${String(v.endDate)}`,
    label: (v, ctx) => `${who(ctx, v)} — «${String(v.title)}», окончание ${formatRuDate(String(v.endDate))}`,
    check: (v, ctx, headers) =>
      unknownDeficits((v.deficitCodes as string[]) ?? [], ctx, headers.deficitCodes),
  },
  {
    spec: ROUTES_SHEET,
    table: 'routes',
    kind: routeKind,
    resolvers: [owner, diagnosticByDate],
    ...teacherRecords((ctx) => rows(ctx.records.routes)),
    key: (v) => `${String(v.teacherId)}|${String(v.startDate)}`,
    label: (v, ctx) => `${who(ctx, v)} — ИОМ с ${formatRuDate(String(v.startDate))}`,
  },
  {
    spec: ROUTE_STEPS_SHEET,
    table: 'routeSteps',
    kind: routeStepKind,
    resolvers: [routeRef],
    existing(ctx) {
      const routes = new Map((ctx.after.routes ?? []).map((r) => [r.ref, r]));
      return rows(ctx.records.routeSteps).filter((s) => routes.has(s.routeId as number));
    },
    // A step is its route's: the organization that may change the route may change its steps.
    exported: (s, ctx) =>
      ofCurrentTeacher({ ...s, teacherId: routeAfter(ctx, s.routeId)?.values.teacherId }, ctx),
    protect(s, ctx) {
      const route = routeAfter(ctx, s.routeId)?.values;
      return route ? protection(ctx, route.teacherId, route.organizationId) : null;
    },
    key: (v) => `${String(v.routeId)}|${text(v.title)}|${String(v.deadline)}`,
    label(v, ctx) {
      const route = routeAfter(ctx, v.routeId);
      return `${route ? ctx.teachers.label(route.values.teacherId) : 'ИОМ'} — шаг «${String(v.title)}»`;
    },
    check: (v, ctx, headers) =>
      v.deficitCode ? unknownDeficits([String(v.deficitCode)], ctx, headers.deficitCode) : [],
  },
  {
    spec: COMPETITIONS_SHEET,
    table: 'competitionParticipations',
    kind: competitionKind,
    resolvers: [owner],
    ...teacherRecords((ctx) => rows(ctx.records.competitions)),
    key: (v) => `${String(v.teacherId)}|${text(v.name)}|${String(v.date)}`,
    label: (v, ctx) => `${who(ctx, v)} — «${String(v.name)}», ${formatRuDate(String(v.date))}`,
  },
  {
    spec: MENTORING_SHEET,
    table: 'mentoringPairs',
    kind: mentoringPairKind,
    resolvers: [
      teacherRef('mentor', 'mentorId', 'any'),
      teacherRef('mentee', 'menteeId', 'any'),
      nameRef('programId', 'programs'),
    ],
    fixed: organizationOwned,
    existing: (ctx) => rows(ctx.data.pairs),
    key: (v) => `${String(v.mentorId)}|${String(v.menteeId)}|${String(v.startDate)}`,
    label: (v, ctx) =>
      `${ctx.teachers.label(v.mentorId)} → ${ctx.teachers.label(v.menteeId)}, с ${formatRuDate(String(v.startDate))}`,
  },
  {
    spec: MEMBERSHIPS_SHEET,
    table: 'associationMembers',
    kind: membershipKind,
    resolvers: [owner, nameRef('associationId', 'associations')],
    ...teacherRecords((ctx) => rows(ctx.records.memberships)),
    key: (v) => `${String(v.teacherId)}|${String(v.associationId)}`,
    label: (v, ctx) => `${who(ctx, v)} — ${ctx.names.associations.byId.get(Number(v.associationId)) ?? ''}`,
  },
  {
    spec: EVENTS_SHEET,
    table: 'eventParticipations',
    kind: participationKind,
    resolvers: [owner, eventRef],
    ...teacherRecords((ctx) => rows(ctx.records.participations)),
    key: (v) => `${String(v.teacherId)}|${String(v.eventId)}`,
    label(v, ctx) {
      const e = ctx.events.byRef.get(v.eventId as Ref);
      return `${who(ctx, v)} — «${e?.title ?? ''}», ${e ? formatRuDate(e.date) : ''}`;
    },
  },
  {
    spec: VACANCIES_SHEET,
    table: 'vacancies',
    kind: vacancyKind,
    resolvers: [],
    fixed: organizationOwned,
    existing: (ctx) => rows(ctx.data.vacancies),
    key: (v) => `${String(v.month).slice(0, 7)}|${text(v.position)}|${text(v.subject)}`,
    label: (v) =>
      `${formatRuDate(String(v.month)).slice(3)}: ${String(v.position)}${v.subject ? ` (${String(v.subject)})` : ''} — ${Number(v.count) === 0 ? 'вакансий нет' : String(v.count)}`,
  },
  {
    spec: ACTS_SHEET,
    table: 'normativeActs',
    kind: normativeActKind,
    resolvers: [],
    fixed: organizationOwned,
    insertExtra: (ctx) => ({ municipalityId: ctx.organization.municipalityId }),
    existing: (ctx) => rows(ctx.data.acts),
    key: (v) => `${String(v.kind)}|${text(v.number)}|${String(v.date)}`,
    label: (v) =>
      `${actKind.label[v.kind as 'other'] ?? ''}: № ${String(v.number)} от ${formatRuDate(String(v.date))}`,
  },
];
