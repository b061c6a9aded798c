import { and, eq, gte, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import {
  ACTION_LIST_LABEL,
  attestationDueWithin,
  isWithoutTraining,
  isYoungWithoutMentor,
  MONTHS_DEFAULT,
  pensionDate,
  vacanciesOpenLongerThan,
  type ActionList,
} from '../../../../core/action-lists.ts';
import { ageAt, DEFAULT_YOUNG_TEACHER_RULE, experienceAt, formatRuDate } from '../../../../core/dates.ts';
import { qualificationCategory } from '../../../../core/enums.ts';
import { plural } from '../../../../core/format.ts';
import { formatRuMonth } from '../../../../core/months.ts';
import type { Db } from '../../../db/client.ts';
import { inOrder } from '../../../db/in-order.ts';
import * as s from '../../../db/schema/index.ts';
import { AppError, forbidden, notFound } from '../../../errors.ts';
import { organizationScope, type AuthUser } from '../../auth/access.ts';
import { listToXlsx, tableOf } from '../../../http/xlsx-export.ts';
import {
  canManageOwner,
  defaultMunicipality,
  findOrganizationOwner,
  isDepartmentOf,
} from '../shared/ownership.ts';

/** Whose teachers and vacancies a list covers: a municipality, or some organizations. */
interface ListScope {
  municipalityId: number | null;
  organizationIds: number[] | null;
}

/**
 * The lists are about people's personal data and dates: the department reads its municipality's, an
 * organization's manager its own organization's; other accounts none.
 */
export async function resolveListScope(
  db: Db,
  user: AuthUser,
  query: { organizationId?: number; municipalityId?: number },
): Promise<ListScope> {
  if (query.organizationId !== undefined) {
    const organization = await findOrganizationOwner(db, query.organizationId);
    if (!organization) throw notFound('Организация');
    if (
      !canManageOwner(user, { municipalityId: organization.municipalityId, organizationId: organization.id })
    )
      throw forbidden('Нет доступа к спискам этой организации.');
    return { municipalityId: organization.municipalityId, organizationIds: [organization.id] };
  }
  const municipalityId = query.municipalityId ?? defaultMunicipality(user);
  if (municipalityId !== null && isDepartmentOf(user, municipalityId))
    return { municipalityId, organizationIds: null };
  if (query.municipalityId !== undefined) throw forbidden('Нет доступа к данным этого муниципалитета.');
  const managed = organizationScope(user, 'manage').organizationIds;
  if (managed.length) return { municipalityId: null, organizationIds: managed };
  if (user.roles.some((g) => g.role === 'admin' && g.municipalityId === null))
    throw new AppError('validation_failed', 'Укажите муниципалитет (municipalityId).', {
      field: 'municipalityId',
    });
  throw forbidden('Списки ведут отдел образования и ответственные организаций.');
}

export interface ListColumnSpec {
  key: string;
  label: string;
}

export type ListRow = Record<string, string | number | null>;

export interface ActionListResult {
  list: ActionList;
  title: string;
  months: number | null;
  columns: ListColumnSpec[];
  rows: ListRow[];
}

const TEACHER_COLUMNS: ListColumnSpec[] = [
  { key: 'name', label: 'ФИО' },
  { key: 'organizations', label: 'Организация' },
  { key: 'positions', label: 'Должность' },
];

const COLUMNS: Record<ActionList, ListColumnSpec[]> = {
  attestation: [
    ...TEACHER_COLUMNS,
    { key: 'category', label: 'Категория' },
    { key: 'date', label: 'Срок аттестации' },
    { key: 'note', label: 'Состояние' },
  ],
  'no-training': [...TEACHER_COLUMNS, { key: 'date', label: 'Последнее ПК' }],
  'no-mentor': [
    ...TEACHER_COLUMNS,
    { key: 'date', label: 'Начало педагогической деятельности' },
    { key: 'note', label: 'Возраст, стаж' },
  ],
  pension: [
    ...TEACHER_COLUMNS,
    { key: 'date', label: 'Пенсионный возраст с' },
    { key: 'note', label: 'Возраст' },
  ],
  vacancies: [
    { key: 'organizations', label: 'Организация' },
    { key: 'positions', label: 'Должность' },
    { key: 'subject', label: 'Предмет' },
    { key: 'count', label: 'Вакансий' },
    { key: 'date', label: 'Открыта с' },
    { key: 'months', label: 'Месяцев подряд' },
  ],
};

const YEARS = ['год', 'года', 'лет'] as const;

/** The teachers with a position today in the scope, with their positions and organizations. */
async function teachersInScope(db: Db, scope: ListScope, today: string) {
  const rows = await db
    .select({
      teacherId: s.teachers.id,
      lastName: s.teachers.lastName,
      firstName: s.teachers.firstName,
      middleName: s.teachers.middleName,
      sex: s.teachers.sex,
      birthDate: s.teachers.birthDate,
      pedagogicalStartDate: s.teachers.pedagogicalStartDate,
      qualificationCategory: s.teachers.qualificationCategory,
      categoryDate: s.teachers.categoryDate,
      organization: s.organizations.shortName,
      title: s.positions.title,
    })
    .from(s.positions)
    .innerJoin(s.teachers, eq(s.teachers.id, s.positions.teacherId))
    .innerJoin(s.organizations, eq(s.organizations.id, s.positions.organizationId))
    .where(
      and(
        eq(s.organizations.isActive, true),
        scope.organizationIds
          ? inArray(s.positions.organizationId, scope.organizationIds)
          : eq(s.organizations.municipalityId, scope.municipalityId!),
        lte(s.positions.startDate, today),
        or(isNull(s.positions.endDate), gte(s.positions.endDate, today)),
      ),
    )
    .orderBy(s.teachers.lastName, s.teachers.firstName, s.teachers.id);
  const byTeacher = new Map<
    number,
    (typeof rows)[number] & { organizations: Set<string>; titles: Set<string> }
  >();
  for (const r of rows) {
    const t = byTeacher.get(r.teacherId) ?? { ...r, organizations: new Set(), titles: new Set() };
    t.organizations.add(r.organization);
    t.titles.add(r.title);
    byTeacher.set(r.teacherId, t);
  }
  return [...byTeacher.values()].map((t) => ({
    ...t,
    name: [t.lastName, t.firstName, t.middleName].filter(Boolean).join(' '),
    organizationsText: [...t.organizations].join(', '),
    titlesText: [...t.titles].join(', '),
  }));
}

const groupBy = <T extends { teacherId: number }, V>(rows: T[], value: (r: T) => V) => {
  const map = new Map<number, V[]>();
  for (const r of rows) map.set(r.teacherId, [...(map.get(r.teacherId) ?? []), value(r)]);
  return (id: number) => map.get(id) ?? [];
};

/** One list of the caller's scope, by its rule (core/action-lists.ts). */
export async function buildActionList(options: {
  db: Db;
  user: AuthUser;
  list: ActionList;
  query: { organizationId?: number; municipalityId?: number; months?: number; q?: string };
  today: string;
}): Promise<ActionListResult> {
  const { db, list, today } = options;
  const scope = await resolveListScope(db, options.user, options.query);
  const months = list in MONTHS_DEFAULT ? (options.query.months ?? MONTHS_DEFAULT[list]!) : null;
  const title =
    list === 'attestation'
      ? `Аттестация в ближайшие ${months} мес. (и просроченная)`
      : list === 'vacancies'
        ? `Вакансии, открытые дольше ${months} мес.`
        : ACTION_LIST_LABEL[list];
  const words = (options.query.q ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  const matches = (text: string) => words.every((w) => text.toLowerCase().includes(w));
  let rows: ListRow[] = [];

  if (list === 'vacancies') {
    const vacancies = await db
      .select({
        organizationId: s.vacancies.organizationId,
        organization: s.organizations.shortName,
        month: s.vacancies.month,
        position: s.vacancies.position,
        subject: s.vacancies.subject,
        count: s.vacancies.count,
      })
      .from(s.vacancies)
      .innerJoin(s.organizations, eq(s.organizations.id, s.vacancies.organizationId))
      .where(
        and(
          eq(s.organizations.isActive, true),
          scope.organizationIds
            ? inArray(s.vacancies.organizationId, scope.organizationIds)
            : eq(s.organizations.municipalityId, scope.municipalityId!),
          lte(s.vacancies.month, today),
        ),
      );
    const names = new Map(vacancies.map((v) => [v.organizationId, v.organization]));
    rows = vacanciesOpenLongerThan(vacancies, months!).map((v) => ({
      organizationId: v.organizationId,
      organizations: names.get(v.organizationId) ?? '',
      positions: v.position,
      subject: v.subject,
      count: v.count,
      date: formatRuMonth(v.since),
      months: v.months,
    }));
    rows = rows.filter((r) => matches(`${r.organizations} ${r.positions} ${r.subject ?? ''}`));
    return { list, title, months, columns: COLUMNS[list], rows };
  }

  const teachers = (await teachersInScope(db, scope, today)).filter((t) => matches(t.name));
  const ids = teachers.map((t) => t.teacherId);
  const none = sql`false`;
  const [certifications, trainings, pairs] = await inOrder([
    db
      .select({ teacherId: s.certifications.teacherId, date: s.certifications.date })
      .from(s.certifications)
      .where(list === 'attestation' && ids.length ? inArray(s.certifications.teacherId, ids) : none),
    db
      .select({ teacherId: s.trainings.teacherId, endDate: s.trainings.endDate })
      .from(s.trainings)
      .where(
        list === 'no-training' && ids.length
          ? and(inArray(s.trainings.teacherId, ids), eq(s.trainings.type, 'upskilling'))
          : none,
      ),
    db
      .select({
        teacherId: s.mentoringPairs.menteeId,
        startDate: s.mentoringPairs.startDate,
        endDate: s.mentoringPairs.endDate,
      })
      .from(s.mentoringPairs)
      .where(list === 'no-mentor' && ids.length ? inArray(s.mentoringPairs.menteeId, ids) : none),
  ]);
  const certificationsOf = groupBy(certifications, (c) => c.date);
  const trainingsOf = groupBy(trainings, (t) => t.endDate);
  const pairsOf = groupBy(pairs, (p) => ({ startDate: p.startDate, endDate: p.endDate }));
  const base = (t: (typeof teachers)[number]) => ({
    teacherId: t.teacherId,
    name: t.name,
    organizations: t.organizationsText,
    positions: t.titlesText,
  });
  for (const t of teachers) {
    if (list === 'attestation') {
      const last = certificationsOf(t.teacherId).sort().at(-1) ?? null;
      const due = attestationDueWithin(
        { categoryDate: t.categoryDate, lastCertificationDate: last },
        today,
        months!,
      );
      if (due)
        rows.push({
          ...base(t),
          category: qualificationCategory.label[t.qualificationCategory],
          date: formatRuDate(due),
          note: due < today ? 'просрочена' : 'предстоит',
        });
    } else if (list === 'no-training') {
      const ends = trainingsOf(t.teacherId).filter((d) => d <= today);
      if (isWithoutTraining(ends, today)) {
        const last = ends.sort().at(-1);
        rows.push({ ...base(t), date: last ? formatRuDate(last) : 'не проходил(а)' });
      }
    } else if (list === 'no-mentor') {
      if (isYoungWithoutMentor(t, pairsOf(t.teacherId), today, DEFAULT_YOUNG_TEACHER_RULE)) {
        const age = ageAt(t.birthDate, today);
        const experience = experienceAt(t.pedagogicalStartDate, today);
        rows.push({
          ...base(t),
          date: formatRuDate(t.pedagogicalStartDate),
          note: `${age} ${plural(age, YEARS)}, стаж ${experience} ${plural(experience, YEARS)}`,
        });
      }
    } else if (list === 'pension') {
      const from = pensionDate(t);
      if (from <= today) {
        const age = ageAt(t.birthDate, today);
        rows.push({ ...base(t), date: formatRuDate(from), note: `${age} ${plural(age, YEARS)}` });
      }
    }
  }
  return { list, title, months, columns: COLUMNS[list], rows };
}

/** A list as a workbook: the download of the list page and `pedmonitor action-lists export`. */
export function actionListWorkbook(result: ActionListResult, today: string) {
  return listToXlsx({
    sheet: ACTION_LIST_LABEL[result.list],
    title: result.title,
    date: today,
    ...tableOf<ListRow>(
      result.columns.map((c) => ({
        header: c.label,
        width: c.key === 'name' ? 34 : 22,
        value: (row) => row[c.key],
      })),
      result.rows,
    ),
  });
}
