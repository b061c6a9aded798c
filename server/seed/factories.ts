import type { Db } from '../db/client.ts';
import {
  campaigns,
  municipalities,
  organizations,
  positions,
  programs,
  regions,
  teacherSubjects,
  teachers,
  userRoles,
  users,
} from '../db/schema/index.ts';
import type { Role } from '../../core/enums.ts';
import { DEFAULT_PROGRAM_PARAMETERS } from '../../core/indicators/period.ts';
import { completeSnils } from '../../core/registry/snils.ts';
import { hashPassword } from '../modules/auth/passwords.ts';

/**
 * Factories: build a valid record with overrides, and insert it. Tests and the demo generator share them,
 * so test data always looks like the real thing.
 */

let counter = 0;
const next = () => ++counter;

export type NewOrganization = typeof organizations.$inferInsert;
export type NewTeacher = typeof teachers.$inferInsert;

export async function createMunicipality(
  db: Db,
  overrides: Partial<typeof municipalities.$inferInsert> = {},
) {
  const [region] = await db.insert(regions).values({ name: 'Ростовская область', code: '61' }).returning();
  const n = next();
  const [row] = await db
    .insert(municipalities)
    .values({
      regionId: region.id,
      name: `Тестовый район ${n}`,
      departmentName: `Отдел образования Администрации Тестового района ${n}`,
      ...overrides,
    })
    .returning();
  return row;
}

export function buildOrganization(
  municipalityId: number,
  overrides: Partial<NewOrganization> = {},
): NewOrganization {
  const n = next();
  return {
    municipalityId,
    name: `Муниципальное бюджетное общеобразовательное учреждение средняя общеобразовательная школа № ${n}`,
    shortName: `МБОУ СОШ № ${n}`,
    kind: 'school',
    address: `ул. Школьная, д. ${n}`,
    ...overrides,
  };
}

export async function createOrganization(
  db: Db,
  municipalityId: number,
  overrides: Partial<NewOrganization> = {},
) {
  const [row] = await db
    .insert(organizations)
    .values(buildOrganization(municipalityId, overrides))
    .returning();
  return row;
}

export function buildTeacher(municipalityId: number, overrides: Partial<NewTeacher> = {}): NewTeacher {
  const n = next();
  return {
    municipalityId,
    lastName: 'Иванова',
    firstName: 'Мария',
    middleName: 'Петровна',
    birthDate: '1985-03-15',
    sex: 'female',
    pedagogicalStartDate: '2008-09-01',
    qualificationCategory: 'first',
    categoryDate: '2021-12-20',
    snils: completeSnils(String(100_000_000 + n)),
    ...overrides,
  };
}

/** A teacher with one position in the organization (main job, rate 1) and optional subjects. */
export async function createTeacher(
  db: Db,
  organization: { id: number; municipalityId: number },
  overrides: Partial<NewTeacher> & { title?: string; subjects?: string[]; positionStart?: string } = {},
) {
  const { title = 'учитель', subjects = [], positionStart, ...teacherOverrides } = overrides;
  const [teacher] = await db
    .insert(teachers)
    .values(buildTeacher(organization.municipalityId, teacherOverrides))
    .returning();
  await db.insert(positions).values({
    teacherId: teacher.id,
    organizationId: organization.id,
    title,
    isMainJob: true,
    rate: 1,
    startDate: positionStart ?? teacher.pedagogicalStartDate,
  });
  if (subjects.length)
    await db.insert(teacherSubjects).values(subjects.map((subject) => ({ teacherId: teacher.id, subject })));
  return teacher;
}

export interface GrantSpec {
  role: Role;
  municipalityId?: number | null;
  organizationId?: number | null;
  associationId?: number | null;
  regionId?: number | null;
  personalData?: boolean;
}

/** A user with the given roles; the password is hashed with the real argon2id. */
export async function createUser(
  db: Db,
  options: {
    login: string;
    password: string;
    fullName?: string;
    grants: GrantSpec[];
    teacherId?: number | null;
  },
) {
  const [user] = await db
    .insert(users)
    .values({
      login: options.login,
      fullName: options.fullName ?? options.login,
      passwordHash: await hashPassword(options.password),
      teacherId: options.teacherId ?? null,
    })
    .returning();
  await db.insert(userRoles).values(
    options.grants.map((g) => ({
      userId: user.id,
      role: g.role,
      municipalityId: g.municipalityId ?? null,
      organizationId: g.organizationId ?? null,
      associationId: g.associationId ?? null,
      regionId: g.regionId ?? null,
      personalData: g.personalData ?? false,
    })),
  );
  return user;
}

/**
 * A program of a municipality with one closed campaign of `year` (stages of September–November), written
 * straight to the database: for tests of what the database itself allows around a campaign.
 */
export async function createClosedCampaign(db: Db, municipalityId: number, year = 2024) {
  const [program] = await db
    .insert(programs)
    .values({ municipalityId, title: 'Мониторинг', parameters: DEFAULT_PROGRAM_PARAMETERS })
    .returning();
  const [campaign] = await db
    .insert(campaigns)
    .values({
      municipalityId,
      programId: program.id,
      title: `Мониторинг ${year}`,
      year,
      initialStart: `${year}-09-01`,
      initialEnd: `${year}-09-10`,
      mainStart: `${year}-09-10`,
      mainEnd: `${year}-10-22`,
      finalStart: `${year}-10-22`,
      finalEnd: `${year}-11-05`,
      status: 'closed',
    })
    .returning();
  return { program, campaign };
}
