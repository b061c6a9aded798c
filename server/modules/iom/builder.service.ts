import { addMonths, formatRuDate, type IsoDate } from '../../../core/dates.ts';
import { defaultRouteEnd, proposeRouteSteps } from '../../../core/iom/builder.ts';
import type { Db } from '../../db/client.ts';
import { AppError, notFound } from '../../errors.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { requireUser, type Actor, type AuthUser } from '../auth/access.ts';
import { loadTeacherContext, shortNameOf } from '../teachers/teacher-access.ts';
import { assertTeacherManage } from '../teachers/teachers.policy.ts';
import { routeView } from './approvals.service.ts';
import { checkRouteSpecialists } from './assignment.service.ts';
import {
  findDeficitsByCodes,
  findDiagnosticById,
  findResources,
  findRouteOfDiagnostic,
  insertRoute,
  insertSteps,
} from './iom.repository.ts';
import type { BuildRouteInput } from './iom.schema.ts';
import { presentResource } from './resources.service.ts';

const invalid = (field: string, message: string) =>
  new AppError('validation_failed', message, { field, issues: [{ path: field, message }] });

/** The municipality's resources and the shared ones: what the builder may propose to this teacher. */
const resourcesFor = (db: Db, municipalityId: number, deficitCodes: string[]) =>
  findResources(db, { scope: { all: false, municipalityIds: [municipalityId] }, deficitCodes });

async function teacherDiagnostic(db: Db, teacherId: number, diagnosticId: number) {
  const diagnostic = await findDiagnosticById(db, diagnosticId);
  if (!diagnostic) throw notFound('Диагностика');
  if (diagnostic.teacherId !== teacherId) throw invalid('diagnosticId', 'Это диагностика другого педагога.');
  return diagnostic;
}

function assertPeriod(startDate: IsoDate, endDate: IsoDate) {
  if (endDate < startDate) throw invalid('endDate', 'Окончание маршрута раньше его начала.');
  if (endDate > addMonths(startDate, 36))
    throw invalid('endDate', 'Маршрут составляется не больше чем на три года.');
}

/**
 * What the builder proposes for a teacher from one of its diagnostics: for every deficit found, the catalog's
 * resources for it and the steps chosen from them, with deadlines inside the route's period (by default a
 * year from today).
 */
export async function proposeRoute(options: {
  db: Db;
  user: AuthUser;
  teacherId: number;
  query: { diagnosticId: number; startDate?: IsoDate; endDate?: IsoDate };
  today: IsoDate;
}) {
  const { db, user, query } = options;
  const ctx = await loadTeacherContext(db, user, options.teacherId, options.today);
  assertTeacherManage(ctx.access);
  const diagnostic = await teacherDiagnostic(db, ctx.teacher.id, query.diagnosticId);
  if (!diagnostic.deficitCodes.length)
    throw invalid('diagnosticId', 'В этой диагностике не выявлено дефицитов: строить маршрут не из чего.');
  const startDate = query.startDate ?? options.today;
  const endDate = query.endDate ?? defaultRouteEnd(startDate);
  assertPeriod(startDate, endDate);
  const catalog = new Map((await findDeficitsByCodes(db, diagnostic.deficitCodes)).map((d) => [d.code, d]));
  const deficits = diagnostic.deficitCodes.map((code) => catalog.get(code)).filter((d) => d !== undefined);
  const resources = await resourcesFor(db, ctx.teacher.municipalityId, diagnostic.deficitCodes);
  const existing = await findRouteOfDiagnostic(db, diagnostic.id);
  return {
    diagnostic: {
      id: diagnostic.id,
      date: diagnostic.date,
      instrument: diagnostic.instrument,
      level: diagnostic.level,
    },
    startDate,
    endDate,
    existingRouteId: existing?.id ?? null,
    deficits: deficits.map((d) => ({
      ...d,
      resources: resources.filter((r) => r.deficitCode === d.code).map(presentResource),
    })),
    steps: proposeRouteSteps({ deficits, resources, startDate, endDate }),
  };
}

/**
 * Creates a route with its steps in one transaction, as a draft for the curator and the tutor to approve.
 * Every step is checked and named by its number: its deficit is in the catalog, its resource is one the
 * builder could offer, its deadline is inside the route's period.
 */
export async function buildRoute(options: {
  db: Db;
  actor: Actor;
  teacherId: number;
  input: BuildRouteInput;
  today: IsoDate;
}) {
  const { db, actor, input } = options;
  const user = requireUser(actor.user);
  const routeId = await db.transaction(async (tx) => {
    const ctx = await loadTeacherContext(tx, user, options.teacherId, options.today);
    assertTeacherManage(ctx.access);
    assertPeriod(input.startDate, input.endDate);
    if (input.diagnosticId !== null) {
      const diagnostic = await teacherDiagnostic(tx, ctx.teacher.id, input.diagnosticId);
      const existing = await findRouteOfDiagnostic(tx, diagnostic.id);
      if (existing)
        throw new AppError(
          'conflict',
          `По этой диагностике уже составлен ИОМ (с ${formatRuDate(existing.startDate)}). Измените его шаги.`,
        );
    }
    const codes = [...new Set(input.steps.map((s) => s.deficitCode).filter((c): c is string => !!c))];
    const known = new Set((await findDeficitsByCodes(tx, codes)).map((d) => d.code));
    const resources = new Map(
      (await resourcesFor(tx, ctx.teacher.municipalityId, codes)).map((r) => [r.id, r]),
    );
    const period = `${formatRuDate(input.startDate)} — ${formatRuDate(input.endDate)}`;
    input.steps.forEach((step, i) => {
      const name = `Шаг ${i + 1}`;
      if (step.deficitCode && !known.has(step.deficitCode))
        throw invalid(`steps.${i}.deficitCode`, `${name}: дефицита «${step.deficitCode}» нет в справочнике.`);
      if (step.resourceId !== null) {
        const resource = resources.get(step.resourceId);
        if (!resource || resource.deficitCode !== step.deficitCode)
          throw invalid(`steps.${i}.resourceId`, `${name}: ресурс не найден в каталоге для этого дефицита.`);
      }
      if (step.deadline < input.startDate || step.deadline > input.endDate)
        throw invalid(
          `steps.${i}.deadline`,
          `${name}: срок ${formatRuDate(step.deadline)} вне периода маршрута (${period}).`,
        );
    });
    const names = await checkRouteSpecialists(tx, {
      municipalityId: ctx.teacher.municipalityId,
      values: input,
    });
    const route = await insertRoute(tx, {
      teacherId: ctx.teacher.id,
      diagnosticId: input.diagnosticId,
      startDate: input.startDate,
      endDate: input.endDate,
      curatorId: input.curatorId ?? null,
      tutorId: input.tutorId ?? null,
      curatorName: names.curatorName ?? null,
      tutorName: names.tutorName ?? null,
      status: 'draft',
    });
    await insertSteps(
      tx,
      input.steps.map((s) => ({ ...s, routeId: route.id, status: 'planned' as const })),
    );
    await recordAudit(tx, actor, {
      action: 'create',
      entity: 'route',
      entityId: route.id,
      municipalityId: ctx.teacher.municipalityId,
      organizationId: ctx.organizationId,
      summary: `Составлен ИОМ на ${period} (шагов: ${input.steps.length}) — ${shortNameOf(ctx.teacher)}`,
      after: { startDate: input.startDate, endDate: input.endDate, steps: input.steps.map((s) => s.title) },
    });
    return route.id;
  });
  return routeView(db, user, routeId, options.today);
}
