import { associationType, level as levelLabels } from '../../../../core/enums.ts';
import { formatRuDate } from '../../../../core/dates.ts';
import { associationKind } from '../../../../core/registry/kinds.ts';
import type { Db } from '../../../db/client.ts';
import { associationMembers, associations } from '../../../db/schema/index.ts';
import { AppError, notFound } from '../../../errors.ts';
import type { Actor, AuthUser } from '../../auth/access.ts';
import { assertKindChecks, type OwnedKind } from '../shared/owned-records.ts';
import { addTeacherLinks } from '../shared/teacher-links.ts';
import { findTeacherCandidates, findTeachers, teachersWorkingIn } from '../shared/teachers.ts';
import { assertCanManageMembers, assertCanReadAssociation } from './associations.policy.ts';
import {
  currentMemberIds,
  currentMembersOf,
  findAssociationById,
  findMemberById,
  findMembers,
  insertMembers,
  type AssociationRow,
  type MemberRow,
} from './associations.repository.ts';
import { membershipPeriodKind } from '../../../../core/registry/register-kinds.ts';
import type { AddMembersInput } from './associations.schema.ts';
import type { CandidatesQuery, Page } from '../shared/http.ts';

const invalid = (field: string, message: string) => new AppError('validation_failed', message, { field });

/** An institutional association (ШМО) belongs to an organization; a municipal or higher one does not. */
function assertLevelMatchesOwner(values: Record<string, unknown>) {
  const hasOrganization = values.organizationId !== null && values.organizationId !== undefined;
  if (values.level === 'institutional' && !hasOrganization)
    throw invalid('organizationId', 'Для объединения институционального уровня (ШМО) укажите организацию.');
  if (values.level !== 'institutional' && hasOrganization)
    throw invalid(
      'level',
      `Объединение организации — институционального уровня. Для уровня «${levelLabels.label[values.level as 'municipal']}» не указывайте организацию.`,
    );
  if (values.type === 'shmo' && !hasOrganization)
    throw invalid('organizationId', 'ШМО — объединение одной организации: укажите её.');
}

export const associationRecords: OwnedKind<AssociationRow> = {
  entity: 'association',
  noun: 'Методическое объединение',
  kind: associationKind,
  table: associations,
  ownership: 'mixed',
  storesMunicipality: true,
  findById: findAssociationById,
  describe: (row) =>
    `${associationType.label[row.type]} «${row.name}»${row.organizationShortName ? `, ${row.organizationShortName}` : ''}`,
  authorizeRead: assertCanReadAssociation,
  async check({ db, values, owner, today }) {
    assertLevelMatchesOwner(values);
    if (values.leaderId === null || values.leaderId === undefined) return;
    const leaderId = Number(values.leaderId);
    const leader = (await findTeachers(db, [leaderId])).get(leaderId);
    if (!leader) throw invalid('leaderId', 'Руководитель не найден в реестре педагогов.');
    if (leader.municipalityId !== owner.municipalityId)
      // Not named: who works in another district is not this district's to know.
      throw invalid('leaderId', 'Руководитель — педагог другого муниципалитета.');
    if (
      owner.organizationId !== null &&
      !(await teachersWorkingIn(db, owner.organizationId, [leaderId], today)).has(leaderId)
    )
      throw invalid('leaderId', `${leader.name} не работает в этой организации.`);
  },
};

export const memberRecords: OwnedKind<MemberRow> = {
  entity: 'associationMember',
  noun: 'Участие в объединении',
  kind: membershipPeriodKind,
  table: associationMembers,
  ownership: 'mixed',
  storesMunicipality: false,
  findById: findMemberById,
  describe: (row) =>
    `${row.teacherName} в объединении «${row.associationName}» с ${formatRuDate(row.joinedOn)}${row.leftOn ? ` по ${formatRuDate(row.leftOn)}` : ''}`,
  authorizeWrite: ({ user, owner, before }) =>
    assertCanManageMembers(user, { ...owner, id: before!.associationId }),
};

async function loadAssociation(db: Db, id: number, today: string) {
  const association = await findAssociationById(db, id, today);
  if (!association) throw notFound('Методическое объединение');
  return association;
}

export async function listAssociationMembers(options: {
  db: Db;
  user: AuthUser;
  associationId: number;
  query: Page;
  today: string;
}) {
  const association = await loadAssociation(options.db, options.associationId, options.today);
  assertCanReadAssociation(options.user, association);
  return findMembers(
    options.db,
    options.user,
    { ...options.query, associationId: association.id },
    options.today,
  );
}

export async function listMemberCandidates(options: {
  db: Db;
  user: AuthUser;
  associationId: number;
  query: CandidatesQuery;
  today: string;
}) {
  const association = await loadAssociation(options.db, options.associationId, options.today);
  assertCanManageMembers(options.user, association);
  return findTeacherCandidates(options.db, {
    municipalityId: association.municipalityId,
    organizationIds: association.organizationId === null ? null : [association.organizationId],
    members: currentMembersOf(association.id, options.today),
    q: options.query.q,
    limit: options.query.limit,
    today: options.today,
  });
}

export async function addAssociationMembers(options: {
  db: Db;
  actor: Actor;
  associationId: number;
  input: AddMembersInput;
  today: string;
}) {
  const { input } = options;
  assertKindChecks(membershipPeriodKind, input);
  const isSingle = input.teacherId !== undefined && !input.teacherIds?.length;
  return addTeacherLinks<AssociationRow, MemberRow>({
    db: options.db,
    actor: options.actor,
    kind: memberRecords,
    teacherIds: isSingle ? [input.teacherId!] : input.teacherIds!,
    isSingle,
    loadParent: (db) => loadAssociation(db, options.associationId, options.today),
    authorize: ({ user, parent }) => assertCanManageMembers(user, parent),
    workplaceOf: (parent) => parent.organizationId,
    alreadyLinked: (db, parent, ids) => currentMemberIds(db, parent.id, ids, input.joinedOn),
    alreadyLinkedReason: 'уже состоит в объединении',
    insert: (db, parent, ids) =>
      insertMembers(
        db,
        ids.map((teacherId) => ({
          associationId: parent.id,
          teacherId,
          joinedOn: input.joinedOn,
          leftOn: input.leftOn ?? null,
        })),
      ),
    today: options.today,
  });
}
