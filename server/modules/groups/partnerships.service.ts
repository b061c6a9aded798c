import { findResult } from '../../../core/indicators/find-result.ts';
import { reportingPeriod } from '../../../core/indicators/period.ts';
import { effectCampaigns, overallVerdict, verdictOf } from '../../../core/management/effect.ts';
import { planItemState, sortPlan } from '../../../core/groups/partnership.ts';
import type { Db } from '../../db/client.ts';
import { schoolPartnerships } from '../../db/schema/index.ts';
import { updateIfVersion } from '../../db/versioned.ts';
import { AppError, forbidden, notFound, versionConflict } from '../../errors.ts';
import { recordAudit, recordUpdate } from '../audit/audit.repository.ts';
import {
  municipalityScope,
  organizationScope,
  requireUser,
  type Actor,
  type AuthUser,
} from '../auth/access.ts';
import { findCampaigns } from '../campaigns/campaigns.repository.ts';
import { getCampaignResults } from '../campaigns/campaigns.service.ts';
import { findProgramById, findProgramTree } from '../programs/programs.repository.ts';
import { isDepartmentOf } from '../registers/shared/ownership.ts';
import {
  deletePartnership,
  findEventsById,
  findOrganizationsOf,
  findPartnership,
  findPartnerships,
  insertPartnership,
  setPartnershipEvents,
  type PartnershipRow,
} from './groups.repository.ts';
import type { CreatePartnershipInput, PartnershipsQuery, UpdatePartnershipInput } from './groups.schema.ts';

const LABEL = 'Партнёрство школ';

/** The department sees its municipality's partnerships; a school those it takes part in (either side). */
function mayRead(
  user: AuthUser,
  p: Pick<PartnershipRow, 'municipalityId' | 'strongOrganizationId' | 'weakOrganizationId'>,
) {
  if (isDepartmentOf(user, p.municipalityId)) return true;
  const own = organizationScope(user, 'read').organizationIds;
  return own.includes(p.strongOrganizationId) || own.includes(p.weakOrganizationId);
}

export async function presentPartnerships(db: Db, user: AuthUser, rows: PartnershipRow[], today: string) {
  const orgs = new Map(
    (
      await findOrganizationsOf(db, [
        ...new Set(rows.flatMap((r) => [r.strongOrganizationId, r.weakOrganizationId])),
      ])
    ).map((o) => [o.id, o]),
  );
  const eventsById = new Map(
    (await findEventsById(db, [...new Set(rows.flatMap((r) => r.eventIds))])).map((e) => [e.id, e]),
  );
  const ref = (id: number) => ({ id, name: orgs.get(id)?.shortName ?? `организация № ${id}` });
  return rows.map((r) => ({
    id: r.id,
    municipalityId: r.municipalityId,
    strongOrganization: ref(r.strongOrganizationId),
    weakOrganization: ref(r.weakOrganizationId),
    title: r.title,
    startDate: r.startDate,
    endDate: r.endDate,
    plan: sortPlan(r.plan).map((i) => ({ ...i, state: planItemState(i, today) })),
    outcomes: r.outcomes,
    events: r.eventIds.flatMap((id) => {
      const e = eventsById.get(id);
      return e ? [{ id: e.id, title: e.title, date: e.date, level: e.level, format: e.format }] : [];
    }),
    canEdit: isDepartmentOf(user, r.municipalityId),
    version: r.version,
  }));
}

export async function listPartnerships(options: { db: Db; user: AuthUser; query: PartnershipsQuery }) {
  const { db, user, query } = options;
  const department = municipalityScope(user, 'manage');
  const own = organizationScope(user, 'read').organizationIds;
  const municipalityIds = department.all ? null : department.ids;
  const rows = [
    ...(department.all || department.ids.length
      ? await findPartnerships(db, { municipalityIds, organizationIds: null })
      : []),
    ...(own.length ? await findPartnerships(db, { municipalityIds: null, organizationIds: own }) : []),
  ];
  const unique = [...new Map(rows.map((r) => [r.id, r])).values()];
  return unique
    .filter((r) => query.municipalityId === undefined || r.municipalityId === query.municipalityId)
    .filter(
      (r) =>
        query.organizationId === undefined ||
        r.strongOrganizationId === query.organizationId ||
        r.weakOrganizationId === query.organizationId,
    )
    .sort((a, b) => a.startDate.localeCompare(b.startDate) || a.id - b.id);
}

export async function getPartnership(options: { db: Db; user: AuthUser; id: number }) {
  const row = await findPartnership(options.db, options.id);
  if (!row || !mayRead(options.user, row)) {
    if (!row) throw notFound(LABEL);
    throw forbidden('Нет доступа к этому партнёрству школ.');
  }
  return row;
}

function assertDepartment(user: AuthUser, municipalityId: number) {
  if (!isDepartmentOf(user, municipalityId))
    throw forbidden('Партнёрства школ создаёт и ведёт отдел образования (координатор муниципалитета).');
}

/** Both schools of one municipality (the department's), different; events of that municipality. */
async function checkPartnership(
  db: Db,
  user: AuthUser,
  values: {
    strongOrganizationId: number;
    weakOrganizationId: number;
    startDate: string;
    endDate: string | null;
    eventIds?: number[];
  },
): Promise<number> {
  if (values.strongOrganizationId === values.weakOrganizationId)
    throw new AppError(
      'validation_failed',
      'В партнёрстве две разные школы: выберите другую школу-партнёра.',
      {
        field: 'strongOrganizationId',
      },
    );
  const orgs = await findOrganizationsOf(db, [values.strongOrganizationId, values.weakOrganizationId]);
  const strong = orgs.find((o) => o.id === values.strongOrganizationId);
  const weak = orgs.find((o) => o.id === values.weakOrganizationId);
  if (!strong)
    throw new AppError('validation_failed', '«Школа-партнёр»: организация не найдена.', {
      field: 'strongOrganizationId',
    });
  if (!weak)
    throw new AppError('validation_failed', '«Школа с низкими результатами»: организация не найдена.', {
      field: 'weakOrganizationId',
    });
  if (strong.municipalityId !== weak.municipalityId)
    throw new AppError('validation_failed', 'Школы партнёрства должны быть из одного муниципалитета.', {
      field: 'weakOrganizationId',
    });
  assertDepartment(user, weak.municipalityId);
  if (values.endDate && values.endDate < values.startDate)
    throw new AppError('validation_failed', '«Дата окончания»: не раньше даты начала.', { field: 'endDate' });
  if (values.eventIds?.length) {
    const found = await findEventsById(db, values.eventIds);
    const stray = [...new Set(values.eventIds)].filter(
      (id) => found.find((e) => e.id === id)?.municipalityId !== weak.municipalityId,
    );
    if (stray.length)
      throw new AppError(
        'validation_failed',
        `«Мероприятия»: мероприятий № ${stray.join(', ')} нет в реестре мероприятий муниципалитета.`,
        { field: 'eventIds' },
      );
  }
  return weak.municipalityId;
}

export async function createPartnership(options: { db: Db; actor: Actor; input: CreatePartnershipInput }) {
  const { db, actor, input } = options;
  const user = requireUser(actor.user);
  return db.transaction(async (tx) => {
    const municipalityId = await checkPartnership(tx, user, input);
    const { eventIds, ...values } = input;
    const id = await insertPartnership(tx, { ...values, municipalityId });
    await setPartnershipEvents(tx, id, [...new Set(eventIds)]);
    const created = (await findPartnership(tx, id))!;
    await recordAudit(tx, actor, {
      action: 'create',
      entity: 'school_partnership',
      entityId: id,
      municipalityId,
      summary: `Создано партнёрство школ «${input.title}»`,
      after: created,
    });
    return created;
  });
}

export async function updatePartnership(options: {
  db: Db;
  actor: Actor;
  id: number;
  input: UpdatePartnershipInput;
}) {
  const { db, actor, id, input } = options;
  const user = requireUser(actor.user);
  return db.transaction(async (tx) => {
    const before = await findPartnership(tx, id);
    if (!before) throw notFound(LABEL);
    assertDepartment(user, before.municipalityId);
    const { version, eventIds, ...patch } = input;
    const merged = {
      strongOrganizationId: patch.strongOrganizationId ?? before.strongOrganizationId,
      weakOrganizationId: patch.weakOrganizationId ?? before.weakOrganizationId,
      startDate: patch.startDate ?? before.startDate,
      endDate: patch.endDate === undefined ? before.endDate : patch.endDate,
      eventIds,
    };
    const municipalityId = await checkPartnership(tx, user, merged);
    if (!(await updateIfVersion(tx, schoolPartnerships, id, version, { ...patch, municipalityId })))
      throw versionConflict();
    if (eventIds) await setPartnershipEvents(tx, id, [...new Set(eventIds)]);
    const after = (await findPartnership(tx, id))!;
    await recordUpdate(tx, actor, {
      entity: 'school_partnership',
      entityId: id,
      municipalityId,
      summary: `Изменено партнёрство школ «${after.title}»`,
      before,
      after,
    });
    return after;
  });
}

export async function removePartnership(options: { db: Db; actor: Actor; id: number; version: number }) {
  const { db, actor, id } = options;
  const user = requireUser(actor.user);
  await db.transaction(async (tx) => {
    const before = await findPartnership(tx, id);
    if (!before) throw notFound(LABEL);
    assertDepartment(user, before.municipalityId);
    if (before.version !== options.version) throw versionConflict();
    await deletePartnership(tx, id);
    await recordAudit(tx, actor, {
      action: 'delete',
      entity: 'school_partnership',
      entityId: id,
      municipalityId: before.municipalityId,
      summary: `Удалено партнёрство школ «${before.title}»`,
      before,
    });
  });
}

/**
 * The effect of a partnership on the supported school (seed 004: сетевое взаимодействие): for each program
 * with closed campaigns, the school's value of every indicator applying to it in the campaign before the
 * partnership against the campaign after it, chosen by the rule of the effect of measures
 * (`effectCampaigns`). A partnership counts from its end date; one still running, from its start (the values
 * so far). Seen by the department and by the supported school itself.
 */
export async function partnershipEffect(options: { db: Db; user: AuthUser; id: number }) {
  const { db, user } = options;
  const p = await getPartnership(options);
  const own = organizationScope(user, 'read').organizationIds;
  if (!isDepartmentOf(user, p.municipalityId) && !own.includes(p.weakOrganizationId))
    throw forbidden('Результаты поддерживаемой школы видят она сама и отдел образования.');
  const campaigns = (await findCampaigns(db, [p.municipalityId])).filter((c) => c.status === 'closed');
  const programIds = [...new Set(campaigns.map((c) => c.programId))].sort((a, b) => a - b);
  const programs = [];
  for (const programId of programIds) {
    const program = (await findProgramById(db, programId))!;
    const tree = await findProgramTree(db, programId);
    if (!tree) continue;
    const runs = campaigns
      .filter((c) => c.programId === programId)
      .map((c) => ({
        ...c,
        isClosed: true,
        closedAt: c.closedAt?.toISOString() ?? null,
        periodEnd: reportingPeriod(program.parameters, c.year).end,
      }));
    const { before, after } = effectCampaigns(runs, { start: p.startDate, end: p.endDate ?? p.startDate });
    if (!before && !after) continue;
    const beforeResults = before ? (await getCampaignResults({ db, user, id: before.id })).results : [];
    const afterResults = after ? (await getCampaignResults({ db, user, id: after.id })).results : [];
    const valueIn = (results: typeof beforeResults, code: string) => {
      const r = findResult(results, code, p.weakOrganizationId);
      return r && r.isApplicable !== false ? r.value : null;
    };
    const isApplicableIn = (results: typeof beforeResults, code: string) =>
      findResult(results, code, p.weakOrganizationId)?.isApplicable !== false;
    const indicators = tree.indicators
      .filter((i) => isApplicableIn(afterResults, i.code) && isApplicableIn(beforeResults, i.code))
      .map((i) => {
        const b = before ? valueIn(beforeResults, i.code) : null;
        const a = after ? valueIn(afterResults, i.code) : null;
        return {
          code: i.code,
          name: i.name,
          unit: i.unit,
          before: b,
          after: a,
          verdict: verdictOf(b, a, i.unit, i.direction ?? 'higher'),
        };
      });
    programs.push({
      programId,
      programTitle: program.title,
      before: before ? { campaignId: before.id, title: before.title, year: before.year } : null,
      after: after ? { campaignId: after.id, title: after.title, year: after.year } : null,
      indicators,
      verdict: overallVerdict(indicators.map((i) => i.verdict)),
    });
  }
  return { partnershipId: p.id, organizationId: p.weakOrganizationId, programs };
}
