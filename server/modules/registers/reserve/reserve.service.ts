import { formatRuDate } from '../../../../core/dates.ts';
import { countOf } from '../../../../core/format.ts';
import { planItemKind, reserveStatus, type ReserveStatus } from '../../../../core/reserve/reserve.ts';
import {
  reserveCandidateKind,
  reservePlanItemKind,
  reservePositionKindCatalog,
} from '../../../../core/registry/reserve-kinds.ts';
import type { Db } from '../../../db/client.ts';
import { reserveCandidates, reservePlanItems, reservePositionKinds } from '../../../db/schema/index.ts';
import { AppError, forbidden } from '../../../errors.ts';
import { recordAudit } from '../../audit/audit.repository.ts';
import { requireUser, type Actor, type AuthUser } from '../../auth/access.ts';
import { assertMayKeepCatalogEntry } from '../catalogs/catalogs.policy.ts';
import { assertKindChecks, getOwned, type OwnedKind } from '../shared/owned-records.ts';
import {
  assertCanManageOwner,
  assertListFilter,
  canManageOwner,
  findOrganizationOwner,
  type Owner,
} from '../shared/ownership.ts';
import { findTeachers, teachersWorkingIn } from '../shared/teachers.ts';
import {
  findCandidateById,
  findLinkOwners,
  findPlanItemById,
  findPositionKindById,
  findTeacherInReserve,
  isPositionKindNameTaken,
  type CandidateRow,
  type PlanItemRow,
  type PositionKindRow,
} from './reserve.repository.ts';

const invalid = (field: string, message: string) => new AppError('validation_failed', message, { field });

const CANDIDATE_FORMS = ['кандидата', 'кандидатов', 'кандидатов'] as const;

/** The catalog of kinds of position: the built-in ones (system-wide) and a municipality's own. */
export const positionKindRecords: OwnedKind<PositionKindRow> = {
  entity: 'reservePositionKind',
  noun: 'Должность кадрового резерва',
  kind: reservePositionKindCatalog,
  table: reservePositionKinds,
  ownership: 'catalog',
  storesMunicipality: true,
  findById: findPositionKindById,
  authorizeWrite: ({ user, owner, before }) =>
    assertMayKeepCatalogEntry(user, before ? before.municipalityId : owner.municipalityId),
  describe: (row) => `должность кадрового резерва «${row.name}»`,
  async check({ db, values, owner, before }) {
    const municipalityId = before ? before.municipalityId : owner.municipalityId;
    if (await isPositionKindNameTaken(db, municipalityId, String(values.name), before?.id)) {
      throw invalid('name', `Должность «${String(values.name)}» уже есть в справочнике кадрового резерва.`);
    }
  },
  async beforeDelete(_db, row) {
    if (row.code !== null) {
      throw new AppError('conflict', `Должность «${row.name}» встроена в программу: её удалить нельзя.`);
    }
    if (row.candidateCount > 0) {
      throw new AppError(
        'conflict',
        `Должность «${row.name}» удалить нельзя: она указана у ${countOf(row.candidateCount, CANDIDATE_FORMS)} резерва.`,
        { usage: { candidates: row.candidateCount } },
      );
    }
  },
};

/**
 * The reserve is read by those who manage its owner: the proposing organization's manager and the department
 * (a candidate included by the department, without an organization, by the department only).
 */
function assertMayReadCandidate(user: AuthUser, owner: Owner) {
  if (canManageOwner(user, owner)) return;
  throw forbidden(
    owner.organizationId === null
      ? 'Кандидатов, включённых в резерв отделом образования, видят администратор и координатор муниципалитета.'
      : 'Нет доступа к кадровому резерву этой организации.',
  );
}

/**
 * A list filtered by an organization the caller does not manage is refused (403), as is one of a
 * municipality the caller does not read — rather than answered with an empty list that looks like «no data».
 */
export async function assertCandidateFilter(
  db: Db,
  user: AuthUser,
  filter: { organizationId?: number; municipalityId?: number },
) {
  await assertListFilter(db, user, filter);
  if (filter.organizationId !== undefined) {
    const organization = (await findOrganizationOwner(db, filter.organizationId))!;
    assertMayReadCandidate(user, {
      municipalityId: organization.municipalityId,
      organizationId: organization.id,
    });
  }
}

const TRANSITIONS: Record<ReserveStatus, ReserveStatus[]> = {
  reserve: ['appointed', 'excluded'],
  appointed: ['reserve'],
  excluded: ['reserve'],
};

const has = (changes: Record<string, unknown>, key: string) => key in changes;

export const candidateRecords: OwnedKind<CandidateRow> = {
  entity: 'reserveCandidate',
  noun: 'Кандидат кадрового резерва',
  kind: reserveCandidateKind,
  table: reserveCandidates,
  ownership: 'mixed',
  storesMunicipality: true,
  findById: findCandidateById,
  authorizeRead: (user, row) =>
    assertMayReadCandidate(user, { municipalityId: row.municipalityId, organizationId: row.organizationId }),
  describe: (row) =>
    `кандидат кадрового резерва ${row.name} (${row.positionKindName}, ${reserveStatus.label[row.status]}), приказ № ${row.orderNumber} от ${formatRuDate(row.orderDate)}`,
  async check({ db, values, changes, owner, before }) {
    // A new candidate is in the reserve; the decision is a later change of its status.
    if (!before && (values.status === null || values.status === undefined)) values.status = 'reserve';
    const status = values.status as ReserveStatus;
    if (before && has(changes, 'status') && status !== before.status) {
      if (!TRANSITIONS[before.status].includes(status)) {
        throw invalid(
          'status',
          `Из статуса «${reserveStatus.label[before.status]}» нельзя перейти в «${reserveStatus.label[status]}»: сначала верните кандидата в резерв.`,
        );
      }
    }
    const municipalityId = owner.municipalityId!;
    if (!before || has(changes, 'positionKindId')) {
      const kind = await findPositionKindById(db, Number(values.positionKindId));
      if (!kind || (kind.municipalityId !== null && kind.municipalityId !== municipalityId)) {
        throw invalid('positionKindId', 'Должность резерва не найдена в справочнике муниципалитета.');
      }
    }
    const teacherId =
      values.teacherId === null || values.teacherId === undefined ? null : Number(values.teacherId);
    const teacherChanged =
      !before ||
      has(changes, 'teacherId') ||
      has(changes, 'organizationId') ||
      has(changes, 'positionKindId');
    if (teacherId !== null && teacherChanged) {
      const teacher = (await findTeachers(db, [teacherId])).get(teacherId);
      if (!teacher || teacher.municipalityId !== municipalityId) {
        throw invalid('teacherId', 'Педагог не найден в реестре педагогов муниципалитета.');
      }
      if (owner.organizationId !== null) {
        const working = await teachersWorkingIn(
          db,
          owner.organizationId,
          [teacherId],
          String(values.includedDate),
        );
        if (!working.has(teacherId)) {
          throw invalid(
            'teacherId',
            `${teacher.name} не работает в выдвинувшей организации: организация выдвигает своих педагогов.`,
          );
        }
      }
      if (
        status === 'reserve' &&
        (await findTeacherInReserve(db, teacherId, Number(values.positionKindId), before?.id)).length
      ) {
        throw new AppError('conflict', `${teacher.name} уже в резерве на эту должность.`, {
          field: 'teacherId',
        });
      }
    }
    if (values.appointedOrganizationId !== null && values.appointedOrganizationId !== undefined) {
      const target = await findOrganizationOwner(db, Number(values.appointedOrganizationId));
      if (!target || target.municipalityId !== municipalityId) {
        throw invalid('appointedOrganizationId', 'Организация назначения не найдена в муниципалитете.');
      }
    }
  },
};

// ——— development plan ———

async function checkPlanLinks(db: Db, candidate: CandidateRow, values: Record<string, unknown>) {
  const kind = values.kind as PlanItemRow['kind'];
  const links = await findLinkOwners(db, {
    trainingId: kind === 'training' ? (values.trainingId as number) : null,
    routeId: kind === 'route' ? (values.routeId as number) : null,
    eventId: kind === 'event' ? (values.eventId as number) : null,
  });
  if ((kind === 'training' || kind === 'route') && candidate.teacherId === null) {
    throw invalid(
      kind === 'training' ? 'trainingId' : 'routeId',
      'У кандидата не из реестра педагогов нет записей об обучении и ИОМ: добавьте пункт вида «мероприятие» или «другое».',
    );
  }
  if (kind === 'training' && links.training?.teacherId !== candidate.teacherId) {
    throw invalid('trainingId', 'Запись об обучении не найдена у этого кандидата.');
  }
  if (kind === 'route' && links.route?.teacherId !== candidate.teacherId) {
    throw invalid('routeId', 'ИОМ не найден у этого кандидата.');
  }
  if (kind === 'event' && links.event?.municipalityId !== candidate.municipalityId) {
    throw invalid('eventId', 'Мероприятие не найдено в муниципалитете.');
  }
}

/** Only the link of the item's kind is kept: a free item links nothing, a training item only its training. */
function onlyOwnLink(values: Record<string, unknown>) {
  const kind = values.kind;
  return {
    trainingId: kind === 'training' ? values.trainingId : null,
    routeId: kind === 'route' ? values.routeId : null,
    eventId: kind === 'event' ? values.eventId : null,
  };
}

export const planItemRecords: OwnedKind<PlanItemRow> = {
  entity: 'reservePlanItem',
  noun: 'Пункт плана развития',
  kind: reservePlanItemKind,
  table: reservePlanItems,
  ownership: 'mixed',
  storesMunicipality: false,
  findById: findPlanItemById,
  authorizeRead: (user, row) =>
    assertMayReadCandidate(user, { municipalityId: row.municipalityId, organizationId: row.organizationId }),
  describe: (row) =>
    `пункт плана развития (${planItemKind.label[row.kind]}) «${row.title ?? row.linkedTitle ?? ''}»`,
  async check({ db, values, changes, before, today }) {
    const candidate = (await findCandidateById(db, before!.candidateId, today))!;
    await checkPlanLinks(db, candidate, values);
    Object.assign(changes, onlyOwnLink(values));
  },
};

/** Adds an item to a candidate's plan: the manager of the candidate's owner, written to the audit log. */
export async function createPlanItem(options: {
  db: Db;
  actor: Actor;
  candidateId: number;
  input: Record<string, unknown>;
  today: string;
}): Promise<PlanItemRow> {
  const user = requireUser(options.actor.user);
  return options.db.transaction(async (tx) => {
    const candidate = await getOwned(candidateRecords, {
      db: tx,
      user,
      id: options.candidateId,
      today: options.today,
    });
    assertCanManageOwner(user, {
      municipalityId: candidate.municipalityId,
      organizationId: candidate.organizationId,
    });
    const values = Object.fromEntries(
      reservePlanItemKind.fields.map((f) => [f.key, options.input[f.key] ?? null]),
    );
    assertKindChecks(reservePlanItemKind, values);
    await checkPlanLinks(tx, candidate, values);
    const [{ id }] = await tx
      .insert(reservePlanItems)
      .values({
        candidateId: candidate.id,
        kind: values.kind as PlanItemRow['kind'],
        title: values.title as string | null,
        dueDate: values.dueDate as string | null,
        doneDate: values.doneDate as string | null,
        ...(onlyOwnLink(values) as {
          trainingId: number | null;
          routeId: number | null;
          eventId: number | null;
        }),
      })
      .returning({ id: reservePlanItems.id });
    const created = (await findPlanItemById(tx, id))!;
    await recordAudit(tx, options.actor, {
      action: 'create',
      entity: planItemRecords.entity,
      entityId: id,
      municipalityId: candidate.municipalityId,
      organizationId: candidate.organizationId,
      summary: `Добавлено: ${planItemRecords.describe(created)} кандидата ${candidate.name}`,
      after: created,
    });
    return created;
  });
}
