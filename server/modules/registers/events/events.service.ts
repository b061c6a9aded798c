import { eventRole, level as levelLabels } from '../../../../core/enums.ts';
import { formatRuDate } from '../../../../core/dates.ts';
import { eventKind } from '../../../../core/registry/kinds.ts';
import type { Db } from '../../../db/client.ts';
import { eventParticipations, events } from '../../../db/schema/index.ts';
import { AppError, forbidden, notFound } from '../../../errors.ts';
import { organizationScope, type Actor, type AuthUser } from '../../auth/access.ts';
import type { OwnedKind } from '../shared/owned-records.ts';
import { assertCanReadOwner, canManageOwner, canReadOwner, isDepartmentOf } from '../shared/ownership.ts';
import { addTeacherLinks } from '../shared/teacher-links.ts';
import { findTeacherCandidates, teachersOfOrganizations } from '../shared/teachers.ts';
import type { CandidatesQuery, Page } from '../shared/http.ts';
import {
  findEventById,
  findParticipationById,
  findParticipations,
  insertParticipations,
  participantIds,
  participantsOf,
  type EventRow,
  type ParticipationRow,
} from './events.repository.ts';
import { participationRoleKind } from '../../../../core/registry/register-kinds.ts';
import type { AddParticipantsInput } from './events.schema.ts';
import { assertDeficitCodesExist } from '../../teachers/records/record-checks.ts';

/** An institutional event is an organization's; a municipal or higher one belongs to the municipality. */
function assertLevelMatchesOwner(values: Record<string, unknown>) {
  const hasOrganization = values.organizationId !== null && values.organizationId !== undefined;
  if (values.level === 'institutional' && !hasOrganization) {
    throw new AppError('validation_failed', 'Для институционального мероприятия укажите организацию.', {
      field: 'organizationId',
    });
  }
  if (values.level !== 'institutional' && hasOrganization) {
    throw new AppError(
      'validation_failed',
      `Мероприятие организации — институционального уровня. Для уровня «${levelLabels.label[values.level as 'municipal']}» не указывайте организацию.`,
      { field: 'level' },
    );
  }
}

export const eventRecords: OwnedKind<EventRow> = {
  entity: 'event',
  noun: 'Мероприятие',
  kind: eventKind,
  table: events,
  ownership: 'mixed',
  storesMunicipality: true,
  findById: findEventById,
  describe: (row) =>
    `мероприятие «${row.title}» ${formatRuDate(row.date)} (${levelLabels.label[row.level]})${row.organizationShortName ? `, ${row.organizationShortName}` : ''}`,
  check: async ({ db, values }) => {
    assertLevelMatchesOwner(values);
    await assertDeficitCodesExist({ db, kind: eventKind, values }, 'deficitCodes');
  },
};

/**
 * Whose participation a user may keep in an event: any teacher of the municipality for whoever manages the
 * event (null), or — for an org_manager in a municipal (or higher) event of its municipality — the teachers
 * of its own organizations.
 */
function participantOrganizations(user: AuthUser, event: EventRow): number[] | null {
  const own = organizationScope(user, 'manage').organizationIds;
  if (isDepartmentOf(user, event.municipalityId)) return null;
  // An organization's own event: its manager keeps the participation of its own teachers, not the district's.
  if (canManageOwner(user, event)) return own;
  if (event.organizationId === null && own.length && canReadOwner(user, event)) return own;
  throw forbidden(
    event.organizationId === null
      ? 'Участников муниципальных мероприятий ведут координатор и администратор.'
      : 'Нет прав изменять данные этой организации.',
  );
}

async function assertCanManageParticipants(db: Db, user: AuthUser, event: EventRow, teacherIds: number[]) {
  const own = participantOrganizations(user, event);
  if (own === null) return;
  const theirs = await teachersOfOrganizations(db, own, teacherIds);
  if (!teacherIds.every((id) => theirs.has(id)))
    throw forbidden(
      'Ответственный ОО может добавлять участниками мероприятия только педагогов своей организации.',
    );
}

export const participationRecords: OwnedKind<ParticipationRow> = {
  entity: 'eventParticipation',
  noun: 'Участие в мероприятии',
  kind: participationRoleKind,
  table: eventParticipations,
  ownership: 'mixed',
  storesMunicipality: false,
  findById: findParticipationById,
  describe: (row) =>
    `${row.teacherName} — ${eventRole.label[row.role]} мероприятия «${row.eventTitle}» ${formatRuDate(row.eventDate)}`,
  async authorizeWrite({ db, user, before }) {
    const event = (await findEventById(db, before!.eventId))!;
    await assertCanManageParticipants(db, user, event, [before!.teacherId]);
  },
};

async function loadEvent(db: Db, id: number) {
  const event = await findEventById(db, id);
  if (!event) throw notFound('Мероприятие');
  return event;
}

export async function listEventParticipants(options: {
  db: Db;
  user: AuthUser;
  eventId: number;
  query: Page;
  today: string;
}) {
  const event = await loadEvent(options.db, options.eventId);
  assertCanReadOwner(options.user, event);
  return findParticipations(options.db, options.user, { ...options.query, eventId: event.id }, options.today);
}

export async function listParticipantCandidates(options: {
  db: Db;
  user: AuthUser;
  eventId: number;
  query: CandidatesQuery;
  today: string;
}) {
  const event = await loadEvent(options.db, options.eventId);
  return findTeacherCandidates(options.db, {
    municipalityId: event.municipalityId,
    organizationIds: participantOrganizations(options.user, event),
    members: participantsOf(event.id),
    q: options.query.q,
    limit: options.query.limit,
    today: options.today,
  });
}

export async function addEventParticipants(options: {
  db: Db;
  actor: Actor;
  eventId: number;
  input: AddParticipantsInput;
  today: string;
}) {
  return addTeacherLinks<EventRow, ParticipationRow>({
    db: options.db,
    actor: options.actor,
    kind: participationRecords,
    teacherIds: options.input.teacherIds,
    isSingle: false,
    loadParent: (db) => loadEvent(db, options.eventId),
    authorize: ({ db, user, parent, teacherIds }) =>
      assertCanManageParticipants(db, user, parent, teacherIds),
    alreadyLinked: (db, parent, ids) => participantIds(db, parent.id, ids),
    alreadyLinkedReason: 'уже в списке участников',
    insert: (db, parent, ids) =>
      insertParticipations(
        db,
        ids.map((teacherId) => ({ eventId: parent.id, teacherId, role: options.input.role })),
      ),
    today: options.today,
  });
}
