import { specialistRole } from '../../../../core/enums.ts';
import { countOf } from '../../../../core/format.ts';
import { methodicalSpecialistKind } from '../../../../core/registry/specialist-kinds.ts';
import type { Db } from '../../../db/client.ts';
import { methodicalSpecialists } from '../../../db/schema/index.ts';
import { AppError, forbidden, notFound } from '../../../errors.ts';
import { listToXlsx } from '../../../http/xlsx-export.ts';
import { recordAudit } from '../../audit/audit.repository.ts';
import { municipalityScope, requireUser, type Actor, type AuthUser } from '../../auth/access.ts';
import { generatePassword, hashPassword } from '../../auth/passwords.ts';
import { insertUser, isLoginTaken, replaceGrants } from '../../users/users.repository.ts';
import type { OwnedKind } from '../shared/owned-records.ts';
import { isDepartmentOf } from '../shared/ownership.ts';
import {
  findAllSpecialists,
  findSpecialistById,
  findSpecialistNames,
  findSpecialists,
  linkSpecialistUser,
  type SpecialistRow,
} from './specialists.repository.ts';
import type { ListSpecialistsFilter, ListSpecialistsQuery, SpecialistOutput } from './specialists.schema.ts';

const ROUTE_FORMS = ['ИОМ', 'ИОМ', 'ИОМ'] as const;

export const KEEP_MESSAGE =
  'Реестр методической службы ведут администратор и координатор (отдел образования) муниципалитета.';
const READ_MESSAGE =
  'Сведения о специалистах методической службы видят отдел образования муниципалитета и сам специалист.';

export function assertDepartment(user: AuthUser, municipalityId: number | null, message = KEEP_MESSAGE) {
  if (municipalityId === null || !isDepartmentOf(user, municipalityId)) throw forbidden(message);
}

/**
 * The register of the methodical service: kept by the department of the municipality, read in full (with
 * contacts) by the department and by the specialist itself; schools see the names only (specialistNames).
 */
export const specialistRecords: OwnedKind<SpecialistRow> = {
  entity: 'methodicalSpecialist',
  noun: 'Специалист методической службы',
  kind: methodicalSpecialistKind,
  table: methodicalSpecialists,
  ownership: 'catalog',
  storesMunicipality: true,
  findById: findSpecialistById,
  describe: (row) => `специалист методической службы ${row.fullName}`,
  authorizeRead(user, row) {
    if (row.userId !== null && row.userId === user.id) return;
    assertDepartment(user, row.municipalityId, READ_MESSAGE);
  },
  authorizeWrite({ user, owner, before }) {
    if (!before && owner.municipalityId === null)
      throw new AppError('validation_failed', 'Укажите муниципалитет, к которому относится специалист.', {
        field: 'municipalityId',
      });
    assertDepartment(user, before ? before.municipalityId : owner.municipalityId);
  },
  async beforeDelete(_db, row) {
    const used = row.curatedRouteCount + row.tutoredRouteCount;
    if (used > 0)
      throw new AppError(
        'conflict',
        `${row.fullName} — куратор или тьютор ${countOf(used, ROUTE_FORMS)}: запись удалить нельзя. ` +
          'Снимите отметку «Работает», чтобы специалист больше не предлагался в новых маршрутах.',
      );
  },
};

export const presentSpecialist = (row: SpecialistRow): SpecialistOutput => ({
  id: row.id,
  municipalityId: row.municipalityId,
  fullName: row.fullName,
  roles: row.roles,
  otherRole: row.otherRole,
  workplace: row.workplace,
  subjects: row.subjects,
  email: row.email,
  phone: row.phone,
  isActive: row.isActive,
  login: row.login,
  notes: row.notes,
  curatedRouteCount: Number(row.curatedRouteCount),
  tutoredRouteCount: Number(row.tutoredRouteCount),
  version: row.version,
});

/** A list filtered by a municipality whose register the caller does not keep is refused, not answered empty. */
function assertFilter(user: AuthUser, filter: ListSpecialistsFilter) {
  if (filter.municipalityId !== undefined) assertDepartment(user, filter.municipalityId, READ_MESSAGE);
  else if (!municipalityScope(user, 'manage').all && !municipalityScope(user, 'manage').ids.length)
    throw forbidden(READ_MESSAGE);
}

export function listSpecialists(options: { db: Db; user: AuthUser; query: ListSpecialistsQuery }) {
  assertFilter(options.user, options.query);
  return findSpecialists(options.db, options.user, options.query);
}

/** The names to choose a curator or a tutor from: everyone working in the municipality reads them. */
export function listSpecialistNames(options: {
  db: Db;
  user: AuthUser;
  query: { municipalityId?: number; q?: string };
}) {
  const scope = municipalityScope(options.user, 'read');
  const { municipalityId } = options.query;
  if (municipalityId !== undefined) {
    if (!scope.all && !scope.ids.includes(municipalityId))
      throw forbidden('Нет доступа к данным этого муниципалитета.');
    return findSpecialistNames(options.db, { all: false, ids: [municipalityId] }, options.query.q);
  }
  return findSpecialistNames(options.db, scope, options.query.q);
}

const list = (values: string[]) => values.join('; ') || null;

/** The register as a workbook: the rows of the list's filter, every one of them. */
export async function specialistsWorkbook(options: {
  db: Db;
  user: AuthUser;
  query: ListSpecialistsFilter;
  today: string;
}) {
  assertFilter(options.user, options.query);
  const rows = await findAllSpecialists(options.db, options.user, options.query);
  return listToXlsx({
    sheet: 'Методическая служба',
    title: 'Специалисты методической службы',
    notes: options.query.isActive === undefined ? [] : [options.query.isActive ? 'Работают' : 'Не работают'],
    date: options.today,
    columns: [
      { header: 'ФИО', width: 34 },
      { header: 'Роль', width: 30 },
      { header: 'Место работы', width: 28 },
      { header: 'Предметы', width: 24 },
      { header: 'Электронная почта', width: 24 },
      { header: 'Телефон', width: 16 },
      { header: 'Работает', width: 10 },
      { header: 'Учётная запись', width: 16 },
      { header: 'Куратор ИОМ', width: 10 },
      { header: 'Тьютор ИОМ', width: 10 },
    ],
    rows: rows.map((r) => [
      r.fullName,
      list(
        r.roles.map((role) => (role === 'other' && r.otherRole ? r.otherRole : specialistRole.label[role])),
      ),
      r.workplace,
      list(r.subjects),
      r.email,
      r.phone,
      r.isActive ? 'да' : 'нет',
      r.login,
      Number(r.curatedRouteCount),
      Number(r.tutoredRouteCount),
    ]),
  });
}

/**
 * The department creates the account a specialist logs in with: one grant, «специалист методической
 * службы» of the specialist's municipality, which opens the routes the specialist supervises and nothing of
 * the schools' data. The password is generated and shown once.
 */
export async function createSpecialistAccount(options: {
  db: Db;
  actor: Actor;
  id: number;
  input: { login: string; email?: string | null };
}) {
  const { db, actor, input } = options;
  const user = requireUser(actor.user);
  const password = generatePassword();
  const passwordHash = await hashPassword(password);
  const specialist = await db.transaction(async (tx) => {
    const row = await findSpecialistById(tx, options.id);
    if (!row) throw notFound('Специалист методической службы');
    assertDepartment(user, row.municipalityId);
    if (row.userId !== null)
      throw new AppError('conflict', `У специалиста уже есть учётная запись «${row.login ?? ''}».`);
    if (await isLoginTaken(tx, input.login))
      throw new AppError('conflict', `Логин «${input.login}» уже занят.`, { field: 'login' });
    const userId = await insertUser(tx, {
      login: input.login,
      fullName: row.fullName,
      email: input.email ?? row.email,
      passwordHash,
    });
    await replaceGrants(tx, userId, [{ role: 'specialist', municipalityId: row.municipalityId }]);
    await linkSpecialistUser(tx, row.id, userId);
    await recordAudit(tx, actor, {
      action: 'create',
      entity: 'user',
      entityId: userId,
      municipalityId: row.municipalityId,
      summary: `Создана учётная запись ${input.login} специалиста методической службы ${row.fullName}`,
    });
    return (await findSpecialistById(tx, row.id))!;
  });
  return { specialist: presentSpecialist(specialist), login: input.login, password };
}
