import { inOrder } from '../../db/in-order.ts';
import { managesTeacherAlready, requestAttach, type AttachRequestView } from './attach-requests.ts';
import {
  ageAt,
  DEFAULT_YOUNG_TEACHER_RULE,
  experienceAt,
  isYoungTeacher,
  type IsoDate,
} from '../../../core/dates.ts';
import { teacherKind } from '../../../core/registry/kinds.ts';
import type { Db } from '../../db/client.ts';
import { teachers } from '../../db/schema/index.ts';
import { updateIfVersion } from '../../db/versioned.ts';
import { AppError, forbidden, versionConflict } from '../../errors.ts';
import { diffRecords, recordAudit } from '../audit/audit.repository.ts';
import { organizationScope, requireUser, scopeIncludes, type Actor, type AuthUser } from '../auth/access.ts';
import { countOf, formatNumber, TEACHER_FORMS } from '../../../core/format.ts';
import { formatRuDate } from '../../../core/dates.ts';
import { qualificationCategory } from '../../../core/enums.ts';
import { listToXlsx } from '../../http/xlsx-export.ts';
import { fullNameOf, loadTeacherContext, shortNameOf, type TeacherContext } from './teacher-access.ts';
import {
  assertMayHireIn,
  assertTeacherManage,
  assertTeacherRead,
  teacherSearchScope,
  type TeacherAccess,
} from './teachers.policy.ts';
import { describeFilters, formatSnils, normalizeSnils } from './teachers.presenter.ts';
import {
  deletePositionsIn,
  deleteTeacherRow,
  findCurrentOrganizationNames,
  findEducationsAndCertifications,
  findLinkedTeacherId,
  findOrganization,
  findPositionsOfTeacher,
  findSubjects,
  findTeacherById,
  findTeacherBySnils,
  insertPosition,
  insertTeacher,
  replaceSubjects,
  type NewPositionRow,
  type TeacherRow,
} from './teachers.repository.ts';
import type {
  AttachTeacherInput,
  CreateTeacherInput,
  ListTeachersQuery,
  TeacherCard,
  TeacherFilters,
  UpdateTeacherInput,
} from './teachers.schema.ts';
import {
  countSubjects,
  findVisiblePositions,
  searchTeachers,
  summarizeTeachers,
  withKind,
  type SearchContext,
} from './teachers.search.ts';

async function searchContext(
  db: Db,
  user: AuthUser,
  filters: TeacherFilters,
  today: IsoDate,
): Promise<SearchContext> {
  return withKind(db, {
    scope: teacherSearchScope(user),
    filters,
    referenceDate: filters.referenceDate ?? today,
    youngRule: {
      maxAge: filters.youngMaxAge ?? DEFAULT_YOUNG_TEACHER_RULE.maxAge,
      maxExperience: filters.youngMaxExperience ?? DEFAULT_YOUNG_TEACHER_RULE.maxExperience,
    },
  });
}

/** The municipality and organization an audit entry of a search is filed under. */
function searchAuditTarget(user: AuthUser, filters: TeacherFilters) {
  const scope = organizationScope(user, 'manage');
  return {
    municipalityId: user.roles.find((g) => g.municipalityId !== null)?.municipalityId ?? null,
    organizationId:
      filters.organizationId ?? (scope.organizationIds.length === 1 ? scope.organizationIds[0] : null),
  };
}

export async function listTeachers(options: {
  db: Db;
  actor: Actor;
  query: ListTeachersQuery;
  today: IsoDate;
}) {
  const { db, actor, query } = options;
  const user = requireUser(actor.user);
  const ctx = await searchContext(db, user, query, options.today);
  const { rows, total } = await searchTeachers(db, ctx, query);
  const jobs = await findVisiblePositions(db, {
    teacherIds: rows.map((r) => r.id),
    scope: ctx.scope,
    referenceDate: ctx.referenceDate,
    includeFormer: Boolean(query.includeFormer),
  });
  await recordAudit(db, actor, {
    action: 'view_personal',
    entity: 'teacher',
    ...searchAuditTarget(user, query),
    summary: `Поиск педагогов (${describeFilters(query, ctx.referenceDate)}): найдено ${total}, показано ${rows.length}`,
    after: { filters: query, referenceDate: ctx.referenceDate, total, returned: rows.length },
  });
  return {
    total,
    rows: rows.map((r) => ({
      id: r.id,
      fullName: fullNameOf(r),
      birthDate: r.birthDate,
      age: Number(r.age),
      experience: Number(r.experience),
      isYoung: Boolean(r.isYoung),
      category: r.category,
      isManager: r.isManager,
      subjects: r.subjects ?? [],
      positions: jobs
        .filter((p) => p.teacherId === r.id)
        .map(({ teacherId: _teacherId, ...p }) => ({ ...p, rate: Number(p.rate) })),
    })),
  };
}

/** Rows one export writes at most: the whole staff of a large municipality fits. */
export const TEACHERS_EXPORT_LIMIT = 20_000;

/**
 * The teachers list with the current filters as an .xlsx workbook: the same people and fields the list
 * shows to the same callers (the department — the municipality, a school head — its staff; nobody else),
 * named in the heading by the filters and the date. An organization outside the caller's scope is refused,
 * not silently emptied. Recorded in the audit log like the search.
 */
export async function exportTeachers(options: {
  db: Db;
  actor: Actor;
  filters: TeacherFilters & { sort?: ListTeachersQuery['sort'] };
  today: string;
}) {
  const { db, actor, filters } = options;
  const user = requireUser(actor.user);
  const ctx = await searchContext(db, user, filters, options.today);
  let organizationName: string | null = null;
  if (filters.organizationId) {
    const organization = await findOrganization(db, filters.organizationId);
    if (!organization || !scopeIncludes(ctx.scope, organization))
      throw forbidden('Нет доступа к педагогам этой организации.');
    organizationName = organization.shortName;
  }
  const { rows, total } = await searchTeachers(db, ctx, {
    page: 1,
    pageSize: TEACHERS_EXPORT_LIMIT,
    sort: filters.sort ?? 'name',
  });
  const jobs = await findVisiblePositions(db, {
    teacherIds: rows.map((r) => r.id),
    scope: ctx.scope,
    referenceDate: ctx.referenceDate,
    includeFormer: Boolean(filters.includeFormer),
  });
  const jobsOf = new Map<number, typeof jobs>();
  for (const p of jobs) jobsOf.set(p.teacherId, [...(jobsOf.get(p.teacherId) ?? []), p]);
  const described = describeFilters(filters, ctx.referenceDate).replace(
    `организация № ${filters.organizationId}`,
    organizationName ? `организация «${organizationName}»` : '',
  );
  await recordAudit(db, actor, {
    action: 'view_personal',
    entity: 'teacher',
    ...searchAuditTarget(user, filters),
    summary: `Выгрузка списка педагогов в Excel (${described}): ${rows.length} из ${total}`,
    after: { filters, referenceDate: ctx.referenceDate, total, exported: rows.length },
  });
  const content = await listToXlsx({
    sheet: 'Педагоги',
    title: organizationName ? `Педагоги: ${organizationName}` : 'Педагоги',
    notes: [
      `Фильтры: ${described}`,
      `Найдено: ${countOf(total, TEACHER_FORMS)}${rows.length < total ? `, выгружено ${rows.length}` : ''}`,
    ],
    date: options.today,
    columns: [
      { header: '№', width: 6 },
      { header: 'ФИО', width: 34 },
      { header: 'Дата рождения', width: 14 },
      { header: 'Возраст', width: 9 },
      { header: 'Педагогический стаж', width: 12 },
      { header: 'Молодой педагог', width: 11 },
      { header: 'Категория', width: 18 },
      { header: 'Руководитель', width: 12 },
      { header: 'Должности', width: 46 },
      { header: 'Предметы', width: 30 },
    ],
    rows: rows.map((r, i) => [
      i + 1,
      fullNameOf(r),
      formatRuDate(r.birthDate),
      Number(r.age),
      Number(r.experience),
      r.isYoung ? 'да' : 'нет',
      qualificationCategory.label[r.category],
      r.isManager ? 'да' : 'нет',
      (jobsOf.get(r.id) ?? [])
        .map(
          (p) =>
            `${p.organizationShortName} — ${p.title}, ${formatNumber(Number(p.rate), 2)} ст.` +
            (p.endDate ? ` (по ${formatRuDate(p.endDate)})` : ''),
        )
        .join('; '),
      (r.subjects ?? []).join(', '),
    ]),
  });
  return {
    content,
    fileName: `Педагоги ${organizationName ?? ''} ${formatRuDate(options.today)}.xlsx`.replace(/\s+/g, ' '),
  };
}

interface SearchOptions {
  db: Db;
  user: AuthUser;
  filters: TeacherFilters;
  today: IsoDate;
}

const searchContextOf = (o: SearchOptions) => searchContext(o.db, o.user, o.filters, o.today);

export async function summarizeVisibleTeachers(options: SearchOptions) {
  return summarizeTeachers(options.db, await searchContextOf(options));
}

export async function listSubjects(options: SearchOptions) {
  return countSubjects(options.db, await searchContextOf(options));
}

function permissionsOf(access: TeacherAccess) {
  return {
    canEdit: access.level === 'manage',
    canDelete: access.level === 'manage',
    positionOrganizationIds: [] as number[],
    isLimited: access.level === 'limited',
  };
}

async function buildCard(db: Db, ctx: TeacherContext, access: TeacherAccess): Promise<TeacherCard> {
  const { teacher: t, today } = ctx;
  const jobs = await findPositionsOfTeacher(db, t.id);
  const permissions = permissionsOf(access);
  permissions.positionOrganizationIds =
    access.positionOrganizationIds === 'municipality'
      ? [...new Set(jobs.map((j) => j.organizationId))]
      : access.positionOrganizationIds;
  const positions = jobs.map((j) => ({ ...j, rate: Number(j.rate) }));
  const base = {
    id: t.id,
    municipalityId: t.municipalityId,
    fullName: fullNameOf(t),
    lastName: t.lastName,
    firstName: t.firstName,
    middleName: t.middleName,
    referenceDate: today,
    permissions,
    version: t.version,
  };
  if (access.level === 'limited') {
    return {
      ...base,
      birthDate: null,
      sex: null,
      snils: null,
      email: null,
      phone: null,
      pedagogicalStartDate: null,
      qualificationCategory: null,
      categoryDate: null,
      isManager: null,
      subjects: [],
      age: null,
      experience: null,
      isYoung: null,
      positions: positions.filter((p) => p.endDate === null || p.endDate >= today),
      educations: [],
      certifications: [],
      updatedAt: null,
    };
  }
  const [subjects, records] = await inOrder([
    () => findSubjects(db, t.id),
    () => findEducationsAndCertifications(db, t.id),
  ]);
  return {
    ...base,
    birthDate: t.birthDate,
    sex: t.sex,
    snils: t.snils ? formatSnils(t.snils) : null,
    email: t.email,
    phone: t.phone,
    pedagogicalStartDate: t.pedagogicalStartDate,
    qualificationCategory: t.qualificationCategory,
    categoryDate: t.categoryDate,
    isManager: t.isManager,
    subjects,
    age: ageAt(t.birthDate, today),
    experience: experienceAt(t.pedagogicalStartDate, today),
    isYoung: isYoungTeacher(t, today, DEFAULT_YOUNG_TEACHER_RULE),
    positions,
    educations: records.educations.map(({ createdAt: _c, updatedAt, ...e }) => ({
      ...e,
      updatedAt: updatedAt.toISOString(),
    })),
    certifications: records.certifications.map(({ createdAt: _c, updatedAt, ...c }) => ({
      ...c,
      updatedAt: updatedAt.toISOString(),
    })),
    updatedAt: t.updatedAt.toISOString(),
  };
}

/** The card as a write answers it (the change itself is in the audit log, not a view). */
export async function readTeacherCard(options: { db: Db; user: AuthUser; id: number; today: IsoDate }) {
  const ctx = await loadTeacherContext(options.db, options.user, options.id, options.today);
  return buildCard(options.db, ctx, assertTeacherRead(ctx.access));
}

export async function getTeacherCard(options: { db: Db; actor: Actor; id: number; today: IsoDate }) {
  const { db, actor } = options;
  const ctx = await loadTeacherContext(db, requireUser(actor.user), options.id, options.today);
  const access = assertTeacherRead(ctx.access);
  const card = await buildCard(db, ctx, access);
  await recordAudit(db, actor, {
    action: 'view_personal',
    entity: 'teacher',
    entityId: ctx.teacher.id,
    municipalityId: ctx.teacher.municipalityId,
    organizationId: ctx.organizationId,
    summary: `Просмотр карточки педагога ${shortNameOf(ctx.teacher)}${access.level === 'limited' ? ' (ФИО и место работы)' : ''}`,
  });
  return card;
}

/** Teacher fields as stored: the СНИЛС as 11 digits, the subjects in their own table. */
function teacherValues(input: Record<string, unknown>) {
  const { subjects: _subjects, position: _position, version: _version, ...fields } = input;
  if (typeof fields.snils === 'string') fields.snils = normalizeSnils(fields.snils);
  return fields as Partial<typeof teachers.$inferInsert>;
}

/**
 * The answer to a СНИЛС already in the municipality's registry. Only a caller who already manages that
 * teacher (the department, a current employer) learns whose СНИЛС it is and where the teacher works; anyone
 * else is told only that the СНИЛС is taken and offered the attach request — a СНИЛС must not open a name.
 */
async function duplicateSnilsError(db: Db, user: AuthUser, existing: TeacherRow, today: IsoDate) {
  if (!(await managesTeacherAlready(db, user, existing, today))) {
    return new AppError(
      'conflict',
      `Педагог с СНИЛС ${formatSnils(existing.snils!)} уже есть в реестре муниципалитета. Если он работает и в ` +
        'вашей организации, отправьте запрос на добавление («Добавить к существующему»): должность появится ' +
        'после подтверждения организацией, где педагог работает, или координатором.',
      { field: 'snils', canAttach: true },
    );
  }
  const where = await findCurrentOrganizationNames(db, existing.id, today);
  return new AppError(
    'conflict',
    `Педагог с СНИЛС ${formatSnils(existing.snils!)} уже есть в реестре муниципалитета: ${fullNameOf(existing)}` +
      `${where.length ? ` (${where.join(', ')})` : ''}. Если он работает и в вашей организации, ` +
      'добавьте ему должность («Добавить к существующему»), а не заводите второго педагога.',
    {
      field: 'snils',
      existingTeacherId: existing.id,
      existingTeacherName: fullNameOf(existing),
      canAttach: true,
    },
  );
}

async function hiringOrganization(db: Db, user: AuthUser, organizationId: number) {
  const organization = await findOrganization(db, organizationId);
  if (!organization) {
    const message = '«Организация»: организация не найдена';
    throw new AppError('validation_failed', message, {
      field: 'position.organizationId',
      issues: [{ path: 'position.organizationId', message }],
    });
  }
  assertMayHireIn(user, organization);
  return organization;
}

export async function createTeacher(options: {
  db: Db;
  actor: Actor;
  input: CreateTeacherInput;
  today: IsoDate;
}) {
  const { db, actor, input } = options;
  const user = requireUser(actor.user);
  return db.transaction(async (tx) => {
    const position = input.position as Record<string, unknown>;
    const organization = await hiringOrganization(tx, user, Number(position.organizationId));
    const values = teacherValues(input);
    if (values.snils) {
      const existing = await findTeacherBySnils(tx, organization.municipalityId, values.snils);
      if (existing) throw await duplicateSnilsError(tx, user, existing, options.today);
    }
    const teacher = await insertTeacher(tx, {
      ...(values as typeof teachers.$inferInsert),
      municipalityId: organization.municipalityId,
    });
    await replaceSubjects(tx, teacher.id, (input.subjects as string[]) ?? []);
    const job = await insertPosition(tx, { ...position, teacherId: teacher.id } as NewPositionRow);
    await recordAudit(tx, actor, {
      action: 'create',
      entity: 'teacher',
      entityId: teacher.id,
      municipalityId: teacher.municipalityId,
      organizationId: organization.id,
      summary: `Добавлен педагог ${shortNameOf(teacher)} (${organization.shortName}, ${job.title})`,
      after: { ...teacher, subjects: input.subjects ?? [], position: job },
    });
    return teacher.id;
  });
}

/**
 * Adds a position in the caller's organization to a teacher already in the registry (found by СНИЛС). The
 * department of the municipality, or a head who already employs the teacher, adds it at once
 * (`attached`); a school asking for a teacher of another organization sends a request that the teacher's
 * organization or the coordinator confirms (`requested`, see attach-requests.ts). A СНИЛС of another
 * municipality is answered as unknown: the search never leaves the organization's municipality.
 */
export async function attachTeacher(options: {
  db: Db;
  actor: Actor;
  input: AttachTeacherInput;
  today: string;
}): Promise<{ kind: 'attached'; teacherId: number } | { kind: 'requested'; request: AttachRequestView }> {
  const { db, actor, input } = options;
  const user = requireUser(actor.user);
  return db.transaction(async (tx) => {
    const organization = await hiringOrganization(tx, user, Number(input.position.organizationId));
    const teacher = await findTeacherBySnils(tx, organization.municipalityId, normalizeSnils(input.snils));
    if (!teacher) {
      throw new AppError('not_found', `Педагог с СНИЛС ${input.snils} в реестре муниципалитета не найден.`, {
        field: 'snils',
      });
    }
    if (!(await managesTeacherAlready(tx, user, teacher, options.today))) {
      const request = await requestAttach(tx, actor, {
        teacher,
        organization,
        position: { ...(input.position as Record<string, unknown>), organizationId: organization.id },
        today: options.today,
      });
      return { kind: 'requested' as const, request };
    }
    const job = await insertPosition(tx, {
      ...(input.position as Record<string, unknown>),
      teacherId: teacher.id,
    } as NewPositionRow);
    await recordAudit(tx, actor, {
      action: 'create',
      entity: 'position',
      entityId: job.id,
      municipalityId: teacher.municipalityId,
      organizationId: organization.id,
      summary: `Педагогу ${shortNameOf(teacher)} добавлена должность «${job.title}» в ${organization.shortName}`,
      after: job,
    });
    return { kind: 'attached' as const, teacherId: teacher.id };
  });
}

export async function updateTeacher(options: {
  db: Db;
  actor: Actor;
  id: number;
  input: UpdateTeacherInput;
  today: IsoDate;
}) {
  const { db, actor, id, input } = options;
  const user = requireUser(actor.user);
  return db.transaction(async (tx) => {
    const ctx = await loadTeacherContext(tx, user, id, options.today);
    assertTeacherManage(ctx.access);
    const before = ctx.teacher;
    const patch = teacherValues(input);
    const merged = { ...before, ...patch } as Record<string, unknown>;
    for (const check of teacherKind.checks ?? []) {
      if (!check.isValid(merged)) {
        throw new AppError('validation_failed', check.message, {
          field: check.field,
          issues: [{ path: check.field, message: check.message }],
        });
      }
    }
    if (patch.snils) {
      const existing = await findTeacherBySnils(tx, before.municipalityId, patch.snils, id);
      if (existing) throw await duplicateSnilsError(tx, user, existing, ctx.today);
    }
    if (!(await updateIfVersion(tx, teachers, id, input.version as number, patch))) throw versionConflict();
    const subjectsBefore = await findSubjects(tx, id);
    if (Array.isArray(input.subjects)) await replaceSubjects(tx, id, input.subjects as string[]);
    const after = (await findTeacherById(tx, id))!;
    const diff = diffRecords(
      { ...before, subjects: subjectsBefore },
      { ...after, subjects: await findSubjects(tx, id) },
    );
    await recordAudit(tx, actor, {
      action: 'update',
      entity: 'teacher',
      entityId: id,
      municipalityId: after.municipalityId,
      organizationId: ctx.organizationId,
      summary: `Изменены сведения о педагоге ${shortNameOf(after)}`,
      before: diff.before,
      after: diff.after,
    });
    return id;
  });
}

/**
 * The department removes a teacher from the registry. An org_manager removes a teacher that works only in
 * its organization; one that also works (or worked) elsewhere keeps its other positions and records — only
 * the positions in the manager's organization go.
 */
export async function deleteTeacher(options: { db: Db; actor: Actor; id: number; today: IsoDate }) {
  const { db, actor, id } = options;
  const user = requireUser(actor.user);
  return db.transaction(async (tx) => {
    const ctx = await loadTeacherContext(tx, user, id, options.today);
    const access = assertTeacherManage(ctx.access);
    const teacher = ctx.teacher;
    const own = access.positionOrganizationIds;
    const elsewhere =
      own !== 'municipality' && ctx.facts.positions.some((p) => !own.includes(p.organizationId));
    if (elsewhere) {
      const removed = await deletePositionsIn(tx, id, own as number[]);
      for (const job of removed) {
        await recordAudit(tx, actor, {
          action: 'delete',
          entity: 'position',
          entityId: job.id,
          municipalityId: teacher.municipalityId,
          organizationId: job.organizationId,
          summary: `Удалена должность «${job.title}» педагога ${shortNameOf(teacher)}: педагог работает и в других организациях`,
          before: job,
        });
      }
      return {
        deleted: false,
        removedPositions: removed.length,
        message:
          `Педагог работает и в других организациях, поэтому из реестра не удалён: удалены только должности ` +
          `в вашей организации (${removed.length}). Сведения других организаций не затронуты.`,
      };
    }
    await deleteTeacherRow(tx, id);
    await recordAudit(tx, actor, {
      action: 'delete',
      entity: 'teacher',
      entityId: id,
      municipalityId: teacher.municipalityId,
      organizationId: ctx.organizationId,
      summary: `Педагог ${shortNameOf(teacher)} удалён из реестра`,
      before: teacher,
    });
    return {
      deleted: true,
      removedPositions: ctx.facts.positions.length,
      message: 'Педагог удалён из реестра вместе со всеми сведениями о нём.',
    };
  });
}

export async function getMyProfile(options: { db: Db; user: AuthUser }) {
  const teacherId = await findLinkedTeacherId(options.db, options.user.id);
  const teacher = teacherId === null ? undefined : await findTeacherById(options.db, teacherId);
  if (!teacher) throw new AppError('not_found', 'Учётная запись не связана с педагогом.');
  return { teacherId: teacher.id, fullName: fullNameOf(teacher) };
}
