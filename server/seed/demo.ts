import { seedDemoGroups } from './demo-groups.ts';
import { eq } from 'drizzle-orm';
import { toIsoDate, type IsoDate } from '../../core/dates.ts';
import { DEFAULT_DEFICITS } from '../../core/deficits.ts';
import { ORGANIZATION_FORMS, TEACHER_FORMS, countOf } from '../../core/format.ts';
import type { Role } from '../../core/enums.ts';
import { Random } from '../../core/random.ts';
import type { Db } from '../db/client.ts';
import * as s from '../db/schema/index.ts';
import { recordAudit } from '../modules/audit/audit.repository.ts';
import { systemActor } from '../modules/auth/access.ts';
import { generatePassword, hashPassword } from '../modules/auth/passwords.ts';
import { generateActivity, DEMO_PROVIDERS } from './demo-activity.ts';
import {
  DEMO_MUNICIPALITY,
  DEMO_ORGANIZATIONS,
  DEMO_REGION,
  type DemoOrganizationSpec,
} from './demo-district.ts';
import { generateTeachers } from './demo-people.ts';
import { seedDemoCampaigns } from './demo-campaigns.ts';
import { seedDemoManagement } from './demo-management.ts';
import { seedDemoJourneys } from './demo-journeys.ts';
import { seedDemoReserve } from './demo-reserve.ts';
import { seedDemoPractices } from './demo-practices.ts';
import { seedDemoForecast } from './demo-forecast.ts';
import { seedDemoSpecialists } from './demo-specialists.ts';
import { seedDemoTargets } from './demo-targets.ts';
import { findTemplate } from '../../core/templates/index.ts';
import { insertProgramFromTemplate } from '../modules/programs/programs.repository.ts';
import { withOpenLessonsReport } from '../../core/templates/open-lessons-report.ts';

export interface DemoAccount {
  login: string;
  password: string;
  role: Role;
  description: string;
}

export interface DemoResult {
  municipalityId: number;
  organizations: number;
  teachers: number;
  accounts: DemoAccount[];
}

/** Inserts rows in chunks (PostgreSQL takes at most 65 535 parameters a statement) and returns their ids in order. */
async function insertMany<T extends { id: unknown }>(db: Db, table: any, rows: object[]): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < rows.length; i += 500) {
    const chunk = rows.slice(i, i + 500);
    if (!chunk.length) continue;
    const inserted = (await db.insert(table).values(chunk).returning({ id: table.id })) as T[];
    ids.push(...inserted.map((r) => Number(r.id)));
  }
  return ids;
}

async function insertPlain(db: Db, table: any, rows: object[]) {
  for (let i = 0; i < rows.length; i += 1000) {
    const chunk = rows.slice(i, i + 1000);
    if (chunk.length) await db.insert(table).values(chunk);
  }
}

/** The deficit catalog and providers every district starts with. Idempotent. */
export async function ensureCatalogs(db: Db) {
  await db.insert(s.deficits).values(DEFAULT_DEFICITS).onConflictDoNothing();
  await db
    .insert(s.providers)
    .values(DEMO_PROVIDERS.map((p) => ({ ...p })))
    .onConflictDoNothing();
}

/**
 * The demo district: ~25 organizations, ~600 teachers and three years of their professional development,
 * with demo accounts for each role. Deterministic for a given seed and date.
 */
export async function seedDemo(options: {
  db: Db;
  seed?: number;
  today?: IsoDate;
  password?: string;
  /** A smaller district for tests: these organizations instead of the demo's 25. */
  organizations?: DemoOrganizationSpec[];
  /** Only the registry (organizations, teachers, their records): no accounts, programs or campaigns. */
  isRegistryOnly?: boolean;
}): Promise<DemoResult> {
  const seed = options.seed ?? 1;
  const today = options.today ?? toIsoDate(new Date());
  const rng = new Random(seed);
  const orgSpecs = options.organizations ?? DEMO_ORGANIZATIONS;
  const people = generateTeachers(rng, orgSpecs, today);
  const activity = generateActivity(rng, orgSpecs, people, today);

  return options.db.transaction(async (db) => {
    await ensureCatalogs(db);
    const [region] = await db.insert(s.regions).values(DEMO_REGION).returning();
    const [municipality] = await db
      .insert(s.municipalities)
      .values({ ...DEMO_MUNICIPALITY, regionId: region.id })
      .returning();
    const m = municipality.id;
    const orgIds = await insertMany(
      db,
      s.organizations,
      orgSpecs.map((o, i) => ({
        municipalityId: m,
        name: o.name,
        shortName: o.shortName,
        kind: o.kind,
        isLowResults: o.isLowResults ?? false,
        isHardSocialConditions: o.isHardSocialConditions ?? false,
        address: o.address,
        phone: `8 (86349) ${2 + (i % 5)}-${String(10 + i).padStart(2, '0')}-${String(30 + i * 2).padStart(2, '0')}`,
        email: `oo${i + 1}@prirechensky.example.ru`,
        inn: String(6122000000 + i * 137),
      })),
    );
    const teacherIds = await insertMany(
      db,
      s.teachers,
      people.map((p) => ({
        municipalityId: m,
        lastName: p.lastName,
        firstName: p.firstName,
        middleName: p.middleName,
        sex: p.sex,
        birthDate: p.birthDate,
        pedagogicalStartDate: p.pedagogicalStartDate,
        snils: p.snils,
        qualificationCategory: p.qualificationCategory,
        categoryDate: p.categoryDate,
        isManager: p.isManager,
      })),
    );
    const T = (key: number) => teacherIds[key];
    const O = (index: number) => orgIds[index];
    // A teacher's records are entered by its main employer (as migration 0007 files the existing ones).
    const employer = new Map(
      people.map((p) => {
        const main = p.positions.find((x) => x.isMainJob && !x.endDate) ?? p.positions[0];
        return [p.key, main ? O(main.org) : null];
      }),
    );
    const E = (key: number) => employer.get(key) ?? null;
    for (const p of people) {
      const directors = p.positions.find((x) => x.title === 'директор' || x.title === 'заведующий');
      if (directors)
        await db
          .update(s.organizations)
          .set({ headName: `${p.lastName} ${p.firstName[0]}.${p.middleName[0]}.` })
          .where(eq(s.organizations.id, O(directors.org)));
    }
    // The person who answers for the monitoring forms: a deputy where the school has one, else the head.
    for (const [index, orgId] of orgIds.entries()) {
      const at = (title: (t: string) => boolean) =>
        people.find((p) => p.positions.some((x) => x.org === index && !x.endDate && title(x.title)));
      const person =
        at((t) => t.startsWith('заместитель')) ?? at((t) => t === 'директор' || t === 'заведующий');
      if (!person) continue;
      await db
        .update(s.organizations)
        .set({
          responsibleName: `${person.lastName} ${person.firstName} ${person.middleName}`,
          responsiblePhone: `8 (928) ${String(100 + index * 7).padStart(3, '0')}-${String(10 + index).padStart(2, '0')}-${String(40 + index).padStart(2, '0')}`,
        })
        .where(eq(s.organizations.id, orgId));
    }
    await insertPlain(
      db,
      s.positions,
      people.flatMap((p) =>
        p.positions.map((x) => ({
          teacherId: T(p.key),
          organizationId: O(x.org),
          title: x.title,
          isMainJob: x.isMainJob,
          rate: x.rate,
          startDate: x.startDate,
          endDate: x.endDate,
        })),
      ),
    );
    await insertPlain(
      db,
      s.teacherSubjects,
      people.flatMap((p) => p.subjects.map((subject) => ({ teacherId: T(p.key), subject }))),
    );
    await insertPlain(
      db,
      s.educations,
      people.flatMap((p) =>
        p.educations.map((e) => ({ ...e, teacherId: T(p.key), organizationId: E(p.key) })),
      ),
    );
    await insertPlain(
      db,
      s.certifications,
      people.flatMap((p) =>
        p.certifications.map((c) => ({ ...c, teacherId: T(p.key), organizationId: E(p.key) })),
      ),
    );

    const providerRows = await db.select({ id: s.providers.id, name: s.providers.name }).from(s.providers);
    const providerId = (i: number) => providerRows.find((p) => p.name === DEMO_PROVIDERS[i].name)!.id;
    const diagnosticIds = await insertMany(
      db,
      s.diagnostics,
      activity.diagnostics.map((d) => ({
        ...d,
        teacherId: T(d.teacher),
        organizationId: E(d.teacher),
        areas: d.areas as never,
      })),
    );
    await insertPlain(
      db,
      s.trainings,
      activity.trainings.map((t) => ({
        ...t,
        teacherId: T(t.teacher),
        organizationId: E(t.teacher),
        providerId: providerId(t.provider),
      })),
    );
    // The curators and tutors of the routes are people of the register of the methodical service.
    const specialists = await seedDemoSpecialists(db, m);
    const routeIds = await insertMany(
      db,
      s.routes,
      activity.routes.map((r) => ({
        teacherId: T(r.teacher),
        organizationId: E(r.teacher),
        diagnosticId: diagnosticIds[r.diagnostic],
        startDate: r.startDate,
        endDate: r.endDate,
        curatorId: specialists.find(r.curatorName)?.id ?? null,
        tutorId: specialists.find(r.tutorName)?.id ?? null,
        curatorName: specialists.find(r.curatorName)?.fullName ?? r.curatorName,
        tutorName: specialists.find(r.tutorName)?.fullName ?? r.tutorName,
        status: r.status,
        approvedAt: r.approvedAt,
      })),
    );
    await insertPlain(
      db,
      s.routeSteps,
      activity.routes.flatMap((r, i) => r.steps.map((step) => ({ ...step, routeId: routeIds[i] }))),
    );
    const programIds = await insertMany(
      db,
      s.mentoringPrograms,
      activity.programs.map((p) => ({ ...p, organizationId: O(p.org) })),
    );
    await insertPlain(
      db,
      s.mentoringPairs,
      activity.pairs.map((p) => ({
        programId: programIds[p.program],
        organizationId: O(p.org),
        mentorId: T(p.mentor),
        menteeId: T(p.mentee),
        form: p.form,
        startDate: p.startDate,
        endDate: p.endDate,
        outcome: p.outcome,
      })),
    );
    const associationIds = await insertMany(
      db,
      s.associations,
      activity.associations.map((x) => ({
        municipalityId: m,
        organizationId: x.org === null ? null : O(x.org),
        name: x.name,
        level: x.level,
        type: x.type as never,
        subject: x.subject,
        leaderId: x.leader === null ? null : T(x.leader),
        startDate: x.startDate,
      })),
    );
    await insertPlain(
      db,
      s.associationMembers,
      activity.members.map((x) => ({
        associationId: associationIds[x.association],
        teacherId: T(x.teacher),
        joinedOn: x.joinedOn,
      })),
    );
    const eventIds = await insertMany(
      db,
      s.events,
      activity.events.map((e) => ({
        ...e,
        municipalityId: m,
        organizationId: e.org === null ? null : O(e.org),
      })),
    );
    await insertPlain(
      db,
      s.eventParticipations,
      activity.participations.map((p) => ({
        eventId: eventIds[p.event],
        teacherId: T(p.teacher),
        role: p.role,
      })),
    );
    await insertPlain(
      db,
      s.competitionParticipations,
      activity.competitions.map((c) => ({ ...c, teacherId: T(c.teacher), organizationId: E(c.teacher) })),
    );
    await insertPlain(
      db,
      s.vacancies,
      activity.vacancies.map((v) => ({ ...v, organizationId: O(v.org) })),
    );
    await insertPlain(
      db,
      s.normativeActs,
      activity.acts.map((x) => ({
        ...x,
        municipalityId: m,
        organizationId: x.org === null ? null : O(x.org),
      })),
    );

    if (options.isRegistryOnly)
      return { municipalityId: m, organizations: orgIds.length, teachers: teacherIds.length, accounts: [] };
    // Demo accounts, one or more per role.
    const schoolTeacher =
      people.find(
        (p) =>
          p.positions[0].org === 0 &&
          !p.isManager &&
          p.subjects.includes('математика') &&
          !p.positions[0].endDate,
      ) ?? people[5];
    const mathRmo = activity.associations.findIndex((x) => x.subject === 'математика');
    const specs: {
      login: string;
      fullName: string;
      role: Role;
      scope: object;
      description: string;
      teacherId?: number;
    }[] = [
      {
        login: 'metodist',
        fullName: 'Сафонова Ирина Петровна',
        role: 'coordinator',
        scope: { municipalityId: m },
        description: `координатор: ${DEMO_MUNICIPALITY.name}`,
      },
      {
        login: 'school1',
        fullName: 'Ответственный МБОУ СОШ № 1',
        role: 'org_manager',
        scope: { organizationId: O(0) },
        description: `ответственный ОО: ${orgSpecs[0].shortName}`,
      },
      {
        login: 'school5',
        fullName: 'Ответственный МБОУ СОШ № 5',
        role: 'org_manager',
        scope: { organizationId: O(4) },
        description: `ответственный ОО: ${orgSpecs[4].shortName} (ШНОР, ШССУ)`,
      },
      {
        login: 'sad1',
        fullName: 'Ответственный МБДОУ д/с № 1',
        role: 'org_manager',
        scope: { organizationId: O(13) },
        description: `ответственный ОО: ${orgSpecs[13].shortName}`,
      },
      {
        login: 'teacher',
        fullName: `${schoolTeacher.lastName} ${schoolTeacher.firstName} ${schoolTeacher.middleName}`,
        role: 'teacher',
        scope: { organizationId: O(schoolTeacher.positions[0].org) },
        description: `педагог: ${schoolTeacher.lastName} ${schoolTeacher.firstName[0]}.${schoolTeacher.middleName[0]}., ${orgSpecs[schoolTeacher.positions[0].org].shortName}`,
        teacherId: T(schoolTeacher.key),
      },
      {
        login: 'kurator',
        fullName: specialists.curator.fullName,
        role: 'specialist',
        scope: { municipalityId: m },
        description: 'специалист методической службы: куратор ЦНППМ Степанова О. В. (её ИОМ)',
      },
      {
        login: 'rmo',
        fullName: 'Руководитель РМО учителей математики',
        role: 'association_leader',
        scope: { associationId: associationIds[mathRmo] },
        description: 'руководитель МО: РМО учителей математики',
      },
      {
        login: 'region',
        fullName: 'Региональный координатор ЦНППМ',
        role: 'regional_coordinator',
        scope: { regionId: region.id },
        description: `региональный координатор: ${DEMO_REGION.name} (сводные данные, без персональных)`,
      },
    ];
    const accounts: DemoAccount[] = [];
    for (const spec of specs) {
      const password = options.password ?? generatePassword();
      const [user] = await db
        .insert(s.users)
        .values({
          login: spec.login,
          fullName: spec.fullName,
          passwordHash: await hashPassword(password),
          teacherId: spec.teacherId ?? null,
        })
        .returning();
      await db.insert(s.userRoles).values({ userId: user.id, role: spec.role, ...spec.scope });
      accounts.push({ login: spec.login, password, role: spec.role, description: spec.description });
      if (spec.role === 'specialist')
        await db
          .update(s.methodicalSpecialists)
          .set({ userId: user.id })
          .where(eq(s.methodicalSpecialists.id, specialists.curator.id));
    }
    await seedDemoJourneys({
      db,
      seed,
      today,
      municipalityId: m,
      demoTeacherId: T(schoolTeacher.key),
      firstSchoolId: O(0),
      curatorName: specs[0].fullName,
    });
    await seedDemoReserve({ db, seed, today, municipalityId: m });
    await seedDemoPractices({ db, today, municipalityId: m });
    await seedDemoForecast({ db, seed, today, municipalityId: m });
    // The monitoring programs of three seed districts, and the campaigns run with them.
    const monitoringPrograms: number[] = [];
    const programCodes = ['seed-004-myasnikovsky', 'seed-002-zhirnovsky', 'seed-000-kardymovsky'];
    for (const code of programCodes) {
      // The district collects its own report of open lessons beside seed 000's 3.3 from the records (3.4).
      const template = findTemplate(code)!;
      monitoringPrograms.push(
        await insertProgramFromTemplate(
          db,
          m,
          code === 'seed-000-kardymovsky' ? withOpenLessonsReport(template) : template,
        ),
      );
    }
    // Before the analysis drafts its conclusions, so the missed targets are among them.
    await seedDemoTargets({
      db,
      year: Number(today.slice(0, 4)),
      programs: Object.fromEntries(programCodes.map((code, i) => [code, monitoringPrograms[i]])),
    });
    const { closed } = await seedDemoCampaigns({
      db,
      rng,
      today,
      municipalityId: m,
      organizationIds: orgIds,
      schoolIds: orgIds.filter((_, i) => orgSpecs[i].kind === 'school'),
      programs: { myasnikovsky: monitoringPrograms[0], kardymovsky: monitoringPrograms[2] },
    });
    await seedDemoManagement({
      db,
      municipalityId: m,
      programId: monitoringPrograms[0],
      closedCampaigns: closed,
    });
    await seedDemoGroups({ db, municipalityId: m, closedCampaigns: closed, today });
    await recordAudit(db, systemActor, {
      action: 'seed',
      entity: 'municipality',
      entityId: m,
      municipalityId: m,
      summary: `Создан демонстрационный район: ${countOf(orgIds.length, ORGANIZATION_FORMS)}, ${countOf(teacherIds.length, TEACHER_FORMS)} (seed ${seed})`,
    });
    return { municipalityId: m, organizations: orgIds.length, teachers: teacherIds.length, accounts };
  });
}
