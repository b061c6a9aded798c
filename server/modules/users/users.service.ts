import type { Db } from '../../db/client.ts';
import { users } from '../../db/schema/index.ts';
import { updateIfVersion } from '../../db/versioned.ts';
import { AppError, forbidden, notFound, versionConflict } from '../../errors.ts';
import { recordAudit, recordUpdate } from '../audit/audit.repository.ts';
import { requireUser, type Actor, type AuthUser } from '../auth/access.ts';
import { deleteSessionsOfUser } from '../auth/auth.repository.ts';
import { passwordChangeKey, type AttemptLimiter } from '../auth/attempts.ts';
import { generatePassword, hashPassword, verifyPassword } from '../auth/passwords.ts';
import { assertGrantsWithinScope, normalizeGrant, userAdminScope } from './users.policy.ts';
import {
  findGrantsWithNames,
  findPasswordHash,
  findScopeMunicipalities,
  findTeacherMunicipality,
  findUserById,
  findUsers,
  insertUser,
  isLoginTaken,
  municipalityExists,
  regionExists,
  replaceGrants,
  setPasswordHash,
} from './users.repository.ts';
import type {
  CreateUserInput,
  GrantInput,
  ListUsersQuery,
  UpdateUserInput,
  UserOutput,
} from './users.schema.ts';

export async function listUsers(options: { db: Db; user: AuthUser; query: ListUsersQuery }) {
  const scope = userAdminScope(options.user);
  const { rows, total } = await findUsers(options.db, scope, options.query);
  return { users: await withGrants(options.db, rows), total };
}

export async function getUser(options: { db: Db; user: AuthUser; id: number }) {
  const scope = userAdminScope(options.user);
  const [found] = await withGrants(options.db, [await requireExisting(options.db, options.id)]);
  assertUserInScope(scope, found);
  return found;
}

/** Creates a user with roles; without a password a random one is generated and returned once. */
export async function createUser(options: { db: Db; actor: Actor; input: CreateUserInput }) {
  const { db, actor, input } = options;
  const scope = userAdminScope(requireUser(actor.user));
  const password = input.password ?? generatePassword();
  const passwordHash = await hashPassword(password);
  const user = await db.transaction(async (tx) => {
    if (await isLoginTaken(tx, input.login)) {
      throw new AppError('conflict', `Логин «${input.login}» уже занят.`, { field: 'login' });
    }
    const grants = await checkGrants(tx, scope, input.roles);
    await checkTeacherLink(tx, scope, input.teacherId);
    const id = await insertUser(tx, { ...input, passwordHash });
    await replaceGrants(tx, id, grants);
    const [created] = await withGrants(tx, [(await findUserById(tx, id))!]);
    await recordAudit(tx, actor, {
      action: 'create',
      entity: 'user',
      entityId: id,
      summary: `Создан пользователь ${input.login}`,
      after: created,
    });
    return created;
  });
  return { user, password: input.password ? null : password };
}

export async function updateUser(options: { db: Db; actor: Actor; id: number; input: UpdateUserInput }) {
  const { db, actor, id, input } = options;
  const current = requireUser(actor.user);
  const scope = userAdminScope(current);
  return db.transaction(async (tx) => {
    const [before] = await withGrants(tx, [await requireExisting(tx, id)]);
    assertUserInScope(scope, before);
    if (id === current.id && input.isActive === false) {
      throw new AppError('bad_request', 'Нельзя заблокировать собственную учётную запись.');
    }
    const { version, roles, ...patch } = input;
    await checkTeacherLink(tx, scope, input.teacherId);
    if (!(await updateIfVersion(tx, users, id, version, patch))) throw versionConflict();
    if (roles) await replaceGrants(tx, id, await checkGrants(tx, scope, roles));
    if (input.isActive === false) await deleteSessionsOfUser(tx, id);
    const [after] = await withGrants(tx, [(await findUserById(tx, id))!]);
    await recordUpdate(tx, actor, {
      entity: 'user',
      entityId: id,
      summary: `Изменён пользователь ${after.login}`,
      before,
      after,
    });
    return after;
  });
}

/** Sets a new password (given, or generated and returned once) and closes the user's sessions. */
export async function resetPassword(options: { db: Db; actor: Actor; id: number; password?: string }) {
  const { db, actor, id } = options;
  const scope = userAdminScope(requireUser(actor.user));
  const password = options.password ?? generatePassword();
  const passwordHash = await hashPassword(password);
  await db.transaction(async (tx) => {
    const [target] = await withGrants(tx, [await requireExisting(tx, id)]);
    assertUserInScope(scope, target);
    await setPasswordHash(tx, id, passwordHash);
    await deleteSessionsOfUser(tx, id);
    await recordAudit(tx, actor, {
      action: 'reset_password',
      entity: 'user',
      entityId: id,
      summary: `Сброшен пароль пользователя ${target.login}`,
    });
  });
  return { password: options.password ? null : password };
}

export async function changeOwnPassword(options: {
  db: Db;
  actor: Actor;
  currentPassword: string;
  newPassword: string;
  /** Wrong current passwords are counted: a stolen session must not become a way to guess the password. */
  attempts: AttemptLimiter;
  /** The session the change is made in: it stays; every other session of the user ends. */
  currentSessionId?: string;
}) {
  const user = requireUser(options.actor.user);
  const key = passwordChangeKey(user.id);
  options.attempts.assertAllowed(key);
  const stored = await findPasswordHash(options.db, user.id);
  if (!(await verifyPassword(stored, options.currentPassword))) {
    options.attempts.fail(key);
    throw new AppError('validation_failed', 'Текущий пароль введён неверно.', { field: 'currentPassword' });
  }
  options.attempts.succeed(key);
  const passwordHash = await hashPassword(options.newPassword);
  await options.db.transaction(async (tx) => {
    await setPasswordHash(tx, user.id, passwordHash);
    await deleteSessionsOfUser(tx, user.id, options.currentSessionId);
    await recordAudit(tx, options.actor, {
      action: 'change_password',
      entity: 'user',
      entityId: user.id,
      summary: `Пользователь ${user.login} сменил пароль`,
    });
  });
}

async function requireExisting(db: Db, id: number) {
  const row = await findUserById(db, id);
  if (!row) throw notFound('Пользователь');
  return row;
}

async function checkGrants(db: Db, scope: number[] | null, input: GrantInput[]) {
  const grants = input.map(normalizeGrant);
  const known = await findScopeMunicipalities(db, grants);
  const resolved: { grant: GrantInput; municipalityId: number | null }[] = [];
  for (const [index, grant] of grants.entries()) {
    let municipalityId: number | null = grant.municipalityId ?? null;
    if (grant.organizationId) {
      municipalityId = known.organizations.get(grant.organizationId) ?? null;
      if (municipalityId === null) throw roleError(index, `организация №${grant.organizationId} не найдена`);
    }
    if (grant.associationId) {
      municipalityId = known.associations.get(grant.associationId) ?? null;
      if (municipalityId === null)
        throw roleError(index, `методическое объединение №${grant.associationId} не найдено`);
    }
    if (grant.municipalityId && !(await municipalityExists(db, grant.municipalityId))) {
      throw roleError(index, `муниципалитет №${grant.municipalityId} не найден`);
    }
    if (grant.regionId && !(await regionExists(db, grant.regionId))) {
      throw roleError(index, `регион №${grant.regionId} не найден`);
    }
    resolved.push({ grant, municipalityId });
  }
  assertGrantsWithinScope(scope, resolved);
  return grants;
}

/**
 * The teacher an account is linked to reads its own card and records through it (users.teacher_id), so a
 * municipal admin links accounts only to teachers of its own municipality.
 */
async function checkTeacherLink(db: Db, scope: number[] | null, teacherId: number | null | undefined) {
  if (teacherId === null || teacherId === undefined) return;
  const municipalityId = await findTeacherMunicipality(db, teacherId);
  if (municipalityId === undefined || (scope !== null && !scope.includes(municipalityId))) {
    throw new AppError(
      'validation_failed',
      `Педагог №${teacherId} не найден в реестре вашего муниципалитета.`,
      {
        field: 'teacherId',
      },
    );
  }
}

const roleError = (index: number, message: string) =>
  new AppError('validation_failed', `Роль №${index + 1}: ${message}.`, { field: `roles.${index}` });

function assertUserInScope(scope: number[] | null, user: UserOutput) {
  if (scope === null) return;
  const inScope = user.roles.some((g) => g.municipalityId !== null && scope.includes(g.municipalityId));
  const outside = user.roles.some((g) => g.municipalityId === null || !scope.includes(g.municipalityId));
  if (!inScope || outside) throw forbidden('Этот пользователь вне вашего муниципалитета.');
}

async function withGrants(
  db: Db,
  rows: NonNullable<Awaited<ReturnType<typeof findUserById>>>[],
): Promise<UserOutput[]> {
  const grants = await findGrantsWithNames(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({
    ...r,
    lastLoginAt: r.lastLoginAt?.toISOString() ?? null,
    roles: grants
      .filter((g) => g.userId === r.id)
      .map((g) => ({
        role: g.role,
        municipalityId: g.municipalityId === null ? null : Number(g.municipalityId),
        organizationId: g.organizationId,
        associationId: g.associationId,
        regionId: g.regionId,
        personalData: g.personalData,
        scopeName: g.scopeName,
      })),
  }));
}
