import { asc, desc, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import { formatRuDate } from '../../../../core/dates.ts';
import {
  certificationKind,
  competitionKind,
  diagnosticKind,
  educationKind,
  positionKind,
  routeKind,
  routeStepKind,
  trainingKind,
} from '../../../../core/registry/kinds.ts';
import type { RecordKind } from '../../../../core/registry/fields.ts';
import { competenceArea, trainingType } from '../../../../core/enums.ts';
import {
  certifications,
  competitionParticipations,
  diagnostics,
  educations,
  positions,
  routeSteps,
  routes,
  trainings,
} from '../../../db/schema/index.ts';
import type { Db } from '../../../db/client.ts';
import type { Actor } from '../../auth/access.ts';
import { afterStepWritten, assertRouteStatusChange, deriveRouteValues } from '../../iom/approvals.service.ts';
import { checkRouteSpecialists } from '../../iom/assignment.service.ts';
import {
  assertDeficitCodesExist,
  assertDiagnosticOfTeacher,
  assertRoutePeriodHoldsSteps,
  assertStepInRoutePeriod,
  assertPositionOrganization,
  assertProviderExists,
  type RecordCheckContext,
} from './record-checks.ts';

export type RecordTable = PgTable & { id: PgColumn; version: PgColumn; updatedAt: PgColumn };
export type RecordValues = Record<string, unknown>;

/**
 * One kind of record of a teacher (or of its ИОМ): the field definitions from core/registry drive the
 * validation, the output and the forms; the table and a few hooks are all that differs between kinds.
 */
export interface RecordType {
  /** Collection and item URLs: `/api/teachers/:id/diagnostics`, `/api/diagnostics/:id`. */
  collectionUrl: string;
  itemUrl: string;
  /** Entity name in the audit log. */
  entity: string;
  kind: RecordKind;
  table: RecordTable;
  /** Records hang off a teacher, or (route steps) off an ИОМ. */
  parent: 'teacher' | 'route';
  parentColumn: PgColumn;
  /** The parent key in the output: `teacherId` or `routeId`. */
  parentKey: 'teacherId' | 'routeId';
  order(): SQL[];
  /** A few words naming the record in the audit log. */
  describe(values: RecordValues): string;
  /**
   * Checks against other tables and the caller's rights; `before` is set on change and removal. May answer
   * values the server looks up to store beside the input (the names of an ИОМ's curator and tutor).
   */
  check?(ctx: RecordCheckContext): Promise<void | RecordValues>;
  /** Values the server derives on save. */
  derive?(values: RecordValues, before: RecordValues | undefined, today: string): RecordValues;
  /** What a write sets off elsewhere, in the same transaction: a step changed in an approved ИОМ withdraws its approvals. */
  afterWrite?(ctx: {
    db: Db;
    actor: Actor;
    parentId: number;
    before?: RecordValues;
    after?: RecordValues;
  }): Promise<void>;
  tag: string;
}

const on = (date: unknown) => (date ? ` от ${formatRuDate(String(date))}` : '');

export const RECORD_TYPES: RecordType[] = [
  {
    collectionUrl: '/api/teachers/:id/positions',
    itemUrl: '/api/positions/:id',
    entity: 'position',
    kind: positionKind,
    table: positions,
    parent: 'teacher',
    parentColumn: positions.teacherId,
    parentKey: 'teacherId',
    order: () => [desc(positions.isMainJob), desc(positions.startDate), desc(positions.id)],
    describe: (v) => `должность «${String(v.title)}»`,
    check: assertPositionOrganization,
    tag: 'Педагоги: должности',
  },
  {
    collectionUrl: '/api/teachers/:id/educations',
    itemUrl: '/api/educations/:id',
    entity: 'education',
    kind: educationKind,
    table: educations,
    parent: 'teacher',
    parentColumn: educations.teacherId,
    parentKey: 'teacherId',
    order: () => [desc(educations.graduationYear), desc(educations.id)],
    describe: (v) => `образование: ${String(v.institution)}`,
    tag: 'Педагоги: образование',
  },
  {
    collectionUrl: '/api/teachers/:id/certifications',
    itemUrl: '/api/certifications/:id',
    entity: 'certification',
    kind: certificationKind,
    table: certifications,
    parent: 'teacher',
    parentColumn: certifications.teacherId,
    parentKey: 'teacherId',
    order: () => [desc(certifications.date), desc(certifications.id)],
    describe: (v) => `аттестация${on(v.date)}`,
    tag: 'Педагоги: аттестация',
  },
  {
    collectionUrl: '/api/teachers/:id/diagnostics',
    itemUrl: '/api/diagnostics/:id',
    entity: 'diagnostic',
    kind: diagnosticKind,
    table: diagnostics,
    parent: 'teacher',
    parentColumn: diagnostics.teacherId,
    parentKey: 'teacherId',
    order: () => [desc(diagnostics.date), desc(diagnostics.id)],
    describe: (v) =>
      `диагностика${on(v.date)}${
        Array.isArray(v.areas) && v.areas.length
          ? ` (${v.areas.map((a) => competenceArea.label[a as keyof typeof competenceArea.label]).join(', ')})`
          : ''
      }`,
    check: (ctx) => assertDeficitCodesExist(ctx, 'deficitCodes'),
    tag: 'Педагоги: диагностики',
  },
  {
    collectionUrl: '/api/teachers/:id/trainings',
    itemUrl: '/api/trainings/:id',
    entity: 'training',
    kind: trainingKind,
    table: trainings,
    parent: 'teacher',
    parentColumn: trainings.teacherId,
    parentKey: 'teacherId',
    order: () => [desc(trainings.endDate), desc(trainings.id)],
    describe: (v) =>
      `${trainingType.label[v.type as keyof typeof trainingType.label] ?? 'обучение'} «${String(v.title)}»`,
    check: async (ctx) => {
      await assertProviderExists(ctx);
      await assertDeficitCodesExist(ctx, 'deficitCodes');
    },
    tag: 'Педагоги: обучение',
  },
  {
    collectionUrl: '/api/teachers/:id/competitions',
    itemUrl: '/api/competitions/:id',
    entity: 'competition',
    kind: competitionKind,
    table: competitionParticipations,
    parent: 'teacher',
    parentColumn: competitionParticipations.teacherId,
    parentKey: 'teacherId',
    order: () => [desc(competitionParticipations.date), desc(competitionParticipations.id)],
    describe: (v) => `конкурс «${String(v.name)}»${on(v.date)}`,
    tag: 'Педагоги: конкурсы',
  },
  {
    collectionUrl: '/api/teachers/:id/routes',
    itemUrl: '/api/routes/:id',
    entity: 'route',
    kind: routeKind,
    table: routes,
    parent: 'teacher',
    parentColumn: routes.teacherId,
    parentKey: 'teacherId',
    order: () => [desc(routes.startDate), desc(routes.id)],
    describe: (v) => `ИОМ${v.startDate ? ` с ${formatRuDate(String(v.startDate))}` : ''}`,
    async check(ctx) {
      if (ctx.values) assertRouteStatusChange(ctx.values, ctx.before);
      await assertDiagnosticOfTeacher(ctx);
      await assertRoutePeriodHoldsSteps(ctx);
      if (!ctx.values) return;
      // The names of the curator and the tutor chosen from the register are stored beside their ids.
      return checkRouteSpecialists(ctx.db, {
        municipalityId: ctx.teacher.teacher.municipalityId,
        values: ctx.values,
        before: ctx.before,
      });
    },
    // The route leaves the draft only through the approvals of the curator and the tutor (see iom/).
    derive: (values, before) => deriveRouteValues(values, before),
    tag: 'Педагоги: ИОМ',
  },
  {
    collectionUrl: '/api/routes/:id/steps',
    itemUrl: '/api/route-steps/:id',
    entity: 'route_step',
    kind: routeStepKind,
    table: routeSteps,
    parent: 'route',
    parentColumn: routeSteps.routeId,
    parentKey: 'routeId',
    order: () => [asc(routeSteps.deadline), asc(routeSteps.id)],
    describe: (v) => `шаг ИОМ «${String(v.title)}»`,
    async check(ctx) {
      await assertDeficitCodesExist(ctx, 'deficitCode');
      await assertStepInRoutePeriod(ctx);
    },
    afterWrite: ({ db, actor, parentId, before, after }) =>
      afterStepWritten({ db, actor, routeId: parentId, before, after }),
    tag: 'Педагоги: ИОМ',
  },
];
