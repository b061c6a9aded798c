import type { OrgGroupRef } from '../../../core/indicators/applicability.ts';
import type { Db } from '../../db/client.ts';
import { organizationGroups } from '../../db/schema/index.ts';
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
import { defaultMunicipality, isDepartmentOf } from '../registers/shared/ownership.ts';
import {
  deleteGroup,
  findGroup,
  findGroups,
  findGroupsById,
  findOrganizationsOf,
  insertGroup,
  isGroupNameTaken,
  renameGroupReferences,
  setGroupMembers,
  type GroupRow,
} from './groups.repository.ts';
import type { CreateGroupInput, GroupsQuery, UpdateGroupInput } from './groups.schema.ts';

/**
 * The department (its coordinator, an administrator) keeps the groups of its municipality; an organization
 * reads only the groups it is in, and of their members only itself.
 */
export function presentGroup(user: AuthUser, group: GroupRow) {
  const canEdit = isDepartmentOf(user, group.municipalityId);
  const own = organizationScope(user, 'read').organizationIds;
  return {
    id: group.id,
    municipalityId: group.municipalityId,
    name: group.name,
    description: group.description,
    organizationIds: canEdit ? group.organizationIds : group.organizationIds.filter((id) => own.includes(id)),
    canEdit,
    version: group.version,
  };
}

/** Whether a user reads all the groups of a municipality (the department) rather than their own. */
const readsMunicipality = (user: AuthUser, municipalityId: number) => isDepartmentOf(user, municipalityId);

export async function listGroups(options: { db: Db; user: AuthUser; query: GroupsQuery }) {
  const { db, user, query } = options;
  const department = municipalityScope(user, 'manage');
  const own = organizationScope(user, 'read').organizationIds;
  if (query.organizationId !== undefined) {
    const [org] = await findOrganizationsOf(db, [query.organizationId]);
    if (!org) throw notFound('Организация');
    if (!readsMunicipality(user, org.municipalityId) && !own.includes(org.id))
      throw forbidden('Нет доступа к данным этой организации.');
    return findGroups(db, { municipalityIds: [org.municipalityId], organizationId: org.id });
  }
  if (query.municipalityId !== undefined && readsMunicipality(user, query.municipalityId))
    return findGroups(db, { municipalityIds: [query.municipalityId] });
  const departmentGroups =
    department.all || department.ids.length
      ? await findGroups(db, {
          municipalityIds: department.all
            ? query.municipalityId
              ? [query.municipalityId]
              : null
            : department.ids,
        })
      : [];
  // An organization's people: the groups their organizations are in.
  const ownGroups = [];
  for (const id of own)
    ownGroups.push(...(await findGroups(db, { municipalityIds: null, organizationId: id })));
  const byId = new Map([...departmentGroups, ...ownGroups].map((g) => [g.id, g]));
  return [...byId.values()]
    .filter((g) => query.municipalityId === undefined || g.municipalityId === query.municipalityId)
    .sort((a, b) => a.name.localeCompare(b.name, 'ru') || a.id - b.id);
}

export async function getGroup(options: { db: Db; user: AuthUser; id: number }) {
  const group = await findGroup(options.db, options.id);
  if (!group) throw notFound('Группа организаций');
  const own = organizationScope(options.user, 'read').organizationIds;
  if (
    !readsMunicipality(options.user, group.municipalityId) &&
    !group.organizationIds.some((id) => own.includes(id))
  )
    throw forbidden('Нет доступа к этой группе организаций.');
  return group;
}

function assertDepartment(user: AuthUser, municipalityId: number) {
  if (!isDepartmentOf(user, municipalityId))
    throw forbidden('Группы организаций ведёт отдел образования (координатор муниципалитета).');
}

/** Members must be organizations of the group's municipality; named by number otherwise. */
async function checkMembers(db: Db, municipalityId: number, ids: number[]) {
  const unique = [...new Set(ids)];
  const found = await findOrganizationsOf(db, unique);
  const stray = unique.filter((id) => found.find((o) => o.id === id)?.municipalityId !== municipalityId);
  if (stray.length)
    throw new AppError(
      'validation_failed',
      `«Организации группы»: организации № ${stray.join(', ')} нет в муниципалитете группы.`,
      { field: 'organizationIds' },
    );
  return unique.sort((a, b) => a - b);
}

async function assertNameFree(db: Db, municipalityId: number, name: string, exceptId?: number) {
  if (await isGroupNameTaken(db, municipalityId, name, exceptId))
    throw new AppError('conflict', `Группа «${name}» в муниципалитете уже есть.`, { field: 'name' });
}

export async function createGroup(options: { db: Db; actor: Actor; input: CreateGroupInput }) {
  const { db, actor, input } = options;
  const user = requireUser(actor.user);
  const municipalityId = input.municipalityId ?? defaultMunicipality(user);
  if (municipalityId === null)
    throw new AppError('validation_failed', 'Укажите муниципалитет группы.', { field: 'municipalityId' });
  assertDepartment(user, municipalityId);
  return db.transaction(async (tx) => {
    await assertNameFree(tx, municipalityId, input.name);
    const members = await checkMembers(tx, municipalityId, input.organizationIds);
    const id = await insertGroup(tx, { municipalityId, name: input.name, description: input.description });
    await setGroupMembers(tx, id, members);
    const created = (await findGroup(tx, id))!;
    await recordAudit(tx, actor, {
      action: 'create',
      entity: 'organization_group',
      entityId: id,
      municipalityId,
      summary: `Создана группа организаций «${input.name}»`,
      after: created,
    });
    return created;
  });
}

export async function updateGroup(options: { db: Db; actor: Actor; id: number; input: UpdateGroupInput }) {
  const { db, actor, id, input } = options;
  const user = requireUser(actor.user);
  return db.transaction(async (tx) => {
    const before = await findGroup(tx, id);
    if (!before) throw notFound('Группа организаций');
    assertDepartment(user, before.municipalityId);
    if (input.name !== undefined) await assertNameFree(tx, before.municipalityId, input.name, id);
    const members =
      input.organizationIds === undefined
        ? undefined
        : await checkMembers(tx, before.municipalityId, input.organizationIds);
    const { version, organizationIds: _members, ...patch } = input;
    if (!(await updateIfVersion(tx, organizationGroups, id, version, patch))) throw versionConflict();
    if (members) await setGroupMembers(tx, id, members);
    if (input.name !== undefined && input.name !== before.name)
      await renameGroupReferences(tx, id, input.name);
    const after = (await findGroup(tx, id))!;
    await recordUpdate(tx, actor, {
      entity: 'organization_group',
      entityId: id,
      municipalityId: after.municipalityId,
      summary: `Изменена группа организаций «${after.name}»`,
      before,
      after,
    });
    return after;
  });
}

export async function removeGroup(options: { db: Db; actor: Actor; id: number; version: number }) {
  const { db, actor, id } = options;
  const user = requireUser(actor.user);
  await db.transaction(async (tx) => {
    const before = await findGroup(tx, id);
    if (!before) throw notFound('Группа организаций');
    assertDepartment(user, before.municipalityId);
    if (before.version !== options.version) throw versionConflict();
    await deleteGroup(tx, id);
    await recordAudit(tx, actor, {
      action: 'delete',
      entity: 'organization_group',
      entityId: id,
      municipalityId: before.municipalityId,
      summary: `Удалена группа организаций «${before.name}»`,
      before,
    });
  });
  return (await findGroup(db, id)) === undefined;
}

/**
 * The department's groups named by an indicator's applicability or a recommendation's audience, by id, with
 * the names to print; a group of another municipality (or none) is refused naming the field.
 */
export async function resolveGroupRefs(
  db: Db,
  municipalityId: number | null,
  ids: readonly number[] | null | undefined,
  field: string,
): Promise<OrgGroupRef[] | null> {
  if (!ids?.length) return null;
  const found = await findGroupsById(db, [...new Set(ids)]);
  const stray = [...new Set(ids)].filter(
    (id) =>
      !found.some((g) => g.id === id && (municipalityId === null || g.municipalityId === municipalityId)),
  );
  if (stray.length)
    throw new AppError(
      'validation_failed',
      `«Группы организаций»: групп № ${stray.join(', ')} нет в муниципалитете.`,
      { field },
    );
  return found.map((g) => ({ id: g.id, name: g.name })).sort((a, b) => a.id - b.id);
}

/**
 * The members of a group a campaign's analysis or results are narrowed to (`orgGroupId`): the group must be
 * one the reader may open (getGroup) and of the campaign's municipality, otherwise refused naming the field.
 */
export async function membersOfGroupFilter(options: {
  db: Db;
  user: AuthUser;
  groupId: number;
  municipalityId: number;
}): Promise<Set<number>> {
  const found = await findGroup(options.db, options.groupId);
  if (!found || found.municipalityId !== options.municipalityId)
    throw new AppError(
      'validation_failed',
      `«Группа организаций»: группы № ${options.groupId} нет в муниципалитете мониторинга.`,
      { field: 'orgGroupId' },
    );
  const group = await getGroup({ db: options.db, user: options.user, id: options.groupId });
  return new Set(group.organizationIds);
}
