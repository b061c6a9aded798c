import { sql, type SQL } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import JSZip from 'jszip';
import { queryRows, type Db } from '../db/client.ts';
import * as s from '../db/schema/index.ts';
import { seedDemo } from '../seed/demo.ts';
import { createOrganization, createTeacher, createUser } from '../seed/factories.ts';
import { createTestApp, type TestApp } from '../test/harness.ts';
import { formatSnils } from '../modules/teachers/teachers.presenter.ts';

/**
 * The world of the route sweep (route-access.test.ts): the demo district, a second municipality with its
 * own organization, teacher and coordinator, the sample records every route is called with, a fingerprint
 * of the database to prove that a refused write wrote nothing, and the personal data a response must not
 * carry to a given caller.
 */

export const PASSWORD = 'route-access-pass-1';
export const TODAY = '2026-11-01';

/**
 * The callers of the sweep: demo accounts (server/seed/demo.ts), the second municipality's coordinator and
 * admin, and a global admin (the owner of users and municipalities).
 */
export type Caller =
  'admin' | 'metodist' | 'school1' | 'school5' | 'teacher' | 'rmo' | 'foreign' | 'foreignAdmin';

/** Real records of one demo organization (and of its municipality), to point every route at. */
export interface Samples {
  municipality: number;
  organization: number;
  /** A teacher working (now and before) only in this organization. */
  teacher: number;
  teacherSnils: string;
  /** Another teacher of the organization only (a mentor, a member to add). */
  colleague: number;
  /** An account of the organization (its deputy manager). */
  user: number;
  position: number;
  education: number;
  certification: number;
  diagnostic: number;
  training: number;
  competition: number;
  route: number;
  routeStep: number;
  vacancy: number;
  act: number;
  municipalAct: number;
  mentoringProgram: number;
  mentoringPair: number;
  /** A ШМО of the organization, with a member of the organization. */
  association: number;
  associationMember: number;
  /** An РМО of the municipality. */
  municipalAssociation: number;
  event: number;
  eventParticipation: number;
  municipalEvent: number;
  program: number;
  criterion: number;
  indicator: number;
  indicatorCode: string;
  /** The code of an indicator counting teachers (its drill-down lists people). */
  teacherIndicatorCode: string;
  formField: number;
  rule: number;
  /** The active campaign the organization takes part in. */
  campaign: number;
  /** The organization's form of that campaign as its manager downloads it. */
  formWorkbook: Buffer;
  /** The published closed campaign (its report is public). */
  closedCampaign: number;
  year: number;
  conclusion: number;
  /** A recommendation addressed to the organization. */
  recommendation: number;
  roadmap: number;
  measure: number;
  decision: number;
  file: number;
  /** Uploads and document jobs are kept per user in memory: these belong to the organization's manager. */
  importId: string;
  /** A second checked upload, to cancel (the first one is applied). */
  importToCancel: string;
  documentJob: string;
  provider: number;
  deficit: string;
}

export interface DemoTeacher {
  id: number;
  fullName: string;
  snils: string | null;
  /** Organizations where it has or had a position. */
  organizations: number[];
}

export interface AccessWorld {
  t: TestApp;
  db: Db;
  municipalityId: number;
  school1: number;
  school5: number;
  teacherAccountTeacherId: number;
  rmoAssociationId: number;
  foreign: { municipalityId: number; organizationId: number; teacherId: number; names: string[] };
  samples: { school1: Samples; school5: Samples };
  demoTeachers: DemoTeacher[];
  demoNames: string[];
  call(
    who: Caller | null,
    options: { method: string; url: string; body?: unknown; file?: UploadFile },
  ): Promise<LightMyRequestResponse>;
  fingerprint(): Promise<Map<string, string>>;
  close(): Promise<void>;
}

export interface UploadFile {
  name: string;
  type: string;
  content: Buffer;
}

const one = async <T>(db: Db, label: string, query: SQL): Promise<T> => {
  const [row] = await queryRows<{ v: T }>(db, query);
  if (row?.v === undefined || row.v === null) throw new Error(`the demo district has no ${label}`);
  return row.v;
};

/** A multipart body with one file, as a browser sends it. */
export function multipart(file: UploadFile) {
  const boundary = '----route-access-boundary';
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\n` +
        `Content-Type: ${file.type}\r\n\r\n`,
    ),
    file.content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

export async function createAccessWorld(): Promise<AccessWorld> {
  const t = await createTestApp({ fixedToday: TODAY });
  const db = t.database.db;
  const demo = await seedDemo({ db, seed: 5, today: TODAY, password: PASSWORD });
  const orgId = (shortName: string) =>
    one<number>(db, shortName, sql`select id as v from organizations where short_name = ${shortName}`);
  const school1 = await orgId('МБОУ СОШ № 1');
  const school5 = await orgId('МБОУ СОШ № 5');

  // The second municipality: names that appear nowhere in the demo, so a leak is recognisable.
  const [region] = await db.insert(s.regions).values({ name: 'Соседняя область', code: '99' }).returning();
  const [other] = await db
    .insert(s.municipalities)
    .values({
      regionId: region.id,
      name: 'Заозёрный муниципальный округ',
      departmentName: 'Управление образования Заозёрного округа',
    })
    .returning();
  const otherOrg = await createOrganization(db, other.id, {
    name: 'Муниципальное казённое общеобразовательное учреждение «Заозёрная школа»',
    shortName: 'МКОУ Заозёрная школа',
  });
  const otherTeacher = await createTeacher(db, otherOrg, {
    lastName: 'Заозёрная',
    firstName: 'Снежана',
    middleName: 'Тимуровна',
    snils: '99988877766',
  });
  await createUser(db, {
    login: 'foreign',
    password: PASSWORD,
    grants: [{ role: 'coordinator', municipalityId: other.id }],
  });

  await createUser(db, {
    login: 'foreignadmin',
    password: PASSWORD,
    grants: [{ role: 'admin', municipalityId: other.id }],
  });
  await createUser(db, { login: 'admin', password: PASSWORD, grants: [{ role: 'admin' }] });

  const cookies = new Map<Caller, string>();
  for (const login of ['admin', 'metodist', 'school1', 'school5', 'teacher', 'rmo', 'foreign'] as const) {
    cookies.set(login, await t.login(login, PASSWORD));
  }
  cookies.set('foreignAdmin', await t.login('foreignadmin', PASSWORD));
  const call: AccessWorld['call'] = (who, { method, url, body, file }) => {
    const headers: Record<string, string> = who ? { cookie: cookies.get(who)! } : {};
    if (file) {
      const form = multipart(file);
      return t.app.inject({
        method: method as 'POST',
        url,
        payload: form.payload,
        headers: { ...headers, ...form.headers },
      });
    }
    return t.app.inject({
      method: method as 'GET',
      url,
      headers,
      ...(body === undefined ? {} : { payload: body as object }),
    });
  };

  const teacherAccountTeacherId = await one<number>(
    db,
    'teacher account',
    sql`select teacher_id as v from users where login = 'teacher'`,
  );
  const rmoAssociationId = await one<number>(
    db,
    'association leader',
    sql`select association_id as v from user_roles r join users u on u.id = r.user_id where u.login = 'rmo'`,
  );
  const demoTeachers = (
    await queryRows<{ id: number; name: string; snils: string | null; orgs: number[] }>(
      db,
      sql`select t.id, concat_ws(' ', t.last_name, t.first_name, t.middle_name) as name, t.snils,
            array_agg(distinct p.organization_id) as orgs
          from teachers t join positions p on p.teacher_id = t.id
          where t.municipality_id = ${demo.municipalityId} group by t.id`,
    )
  ).map((r) => ({ id: r.id, fullName: r.name, snils: r.snils, organizations: r.orgs.map(Number) }));
  const demoNames = [
    ...(
      await queryRows<{ v: string }>(
        db,
        sql`select name as v from organizations where municipality_id = ${demo.municipalityId}
          union select name from municipalities where id = ${demo.municipalityId}`,
      )
    ).map((r) => r.v),
    ...demoTeachers.map((x) => x.fullName),
  ];
  const foreignNames = [other.name, otherOrg.name, 'Заозёрная Снежана Тимуровна'];
  if (foreignNames.some((n) => demoNames.includes(n)))
    throw new Error('foreign names must differ from the demo');

  const world: AccessWorld = {
    t,
    db,
    municipalityId: demo.municipalityId,
    school1,
    school5,
    teacherAccountTeacherId,
    rmoAssociationId,
    foreign: {
      municipalityId: other.id,
      organizationId: otherOrg.id,
      teacherId: otherTeacher.id,
      names: foreignNames,
    },
    samples: {} as AccessWorld['samples'],
    demoTeachers,
    demoNames,
    call,
    fingerprint: () => fingerprint(db),
    close: () => t.close(),
  };
  world.samples.school5 = await resolveSamples(world, school5, 'school5', []);
  world.samples.school1 = await resolveSamples(world, school1, 'school1', [teacherAccountTeacherId]);
  return world;
}

/**
 * Sample records of an organization: taken from the demo where it has them; where it does not (the demo
 * has no vacancies or institutional events in every school) one is added, so every route has a target.
 */
async function resolveSamples(
  world: AccessWorld,
  organization: number,
  manager: Caller,
  excludeTeachers: number[],
): Promise<Samples> {
  const { db } = world;
  const m = world.municipalityId;
  const excluded = sql.join(
    [-1, ...excludeTeachers].map((id) => sql`${id}`),
    sql`, `,
  );
  // Teachers with positions in this organization only, so no other school has a claim on them.
  const onlyHere = sql`(select teacher_id from positions group by teacher_id
    having bool_and(organization_id = ${organization})) and teacher_id not in (${excluded})`;
  const teacher = await one<number>(
    db,
    'teacher of the organization',
    sql`select min(teacher_id) as v from positions where teacher_id in ${onlyHere}`,
  );
  const find = (table: string, where: SQL) =>
    queryRows<{ v: number | null }>(
      db,
      sql`select min(id) as v from ${sql.identifier(table)} where ${where}`,
    );
  const ensure = async (table: string, where: SQL, insert: () => Promise<unknown>): Promise<number> => {
    if ((await find(table, where))[0]?.v == null) await insert();
    return one<number>(db, table, sql`select min(id) as v from ${sql.identifier(table)} where ${where}`);
  };
  const ofTeacher = (table: string, insert: () => Promise<unknown> = async () => undefined) =>
    ensure(table, sql`teacher_id = ${teacher}`, insert);
  const ofOrganization = (table: string, insert: () => Promise<unknown>) =>
    ensure(table, sql`organization_id = ${organization}`, insert);
  const diagnostic = await ofTeacher('diagnostics', () =>
    db
      .insert(s.diagnostics)
      .values({ teacherId: teacher, date: '2025-10-01', level: 'municipal', instrument: 'Диагностика' }),
  );
  const training = await ofTeacher('trainings', () =>
    db.insert(s.trainings).values({
      teacherId: teacher,
      type: 'upskilling',
      title: 'Курсы повышения квалификации',
      hours: 36,
      startDate: '2025-10-01',
      endDate: '2025-10-10',
    }),
  );
  const education = await ofTeacher('educations', () =>
    db
      .insert(s.educations)
      .values({ teacherId: teacher, level: 'higher', institution: 'Педагогический университет' }),
  );
  const certification = await ofTeacher('certifications', () =>
    db.insert(s.certifications).values({ teacherId: teacher, date: '2024-12-20', result: 'first' }),
  );
  const competition = await ofTeacher('competition_participations', () =>
    db.insert(s.competitionParticipations).values({
      teacherId: teacher,
      name: 'Учитель года',
      level: 'municipal',
      date: '2025-02-10',
      result: 'participant',
    }),
  );
  const route = await ofTeacher('routes', () =>
    db.insert(s.routes).values({
      teacherId: teacher,
      diagnosticId: diagnostic,
      startDate: '2025-10-15',
      endDate: '2026-05-31',
      status: 'approved',
    }),
  );
  const routeStep = await ensure('route_steps', sql`route_id = ${route}`, () =>
    db
      .insert(s.routeSteps)
      .values({ routeId: route, title: 'Посетить семинар', deadline: '2025-12-01', status: 'done' }),
  );
  const colleague = await one<number>(
    db,
    'second teacher',
    sql`select max(teacher_id) as v from positions where teacher_id in ${onlyHere} and teacher_id <> ${teacher}`,
  );
  const mentoringProgram = await ofOrganization('mentoring_programs', () =>
    db
      .insert(s.mentoringPrograms)
      .values({ organizationId: organization, title: 'Программа наставничества', startDate: '2025-09-01' }),
  );
  const mentoringPair = await ofOrganization('mentoring_pairs', () =>
    db.insert(s.mentoringPairs).values({
      programId: mentoringProgram,
      organizationId: organization,
      mentorId: colleague,
      menteeId: teacher,
      form: 'педагог — педагог',
      startDate: '2025-09-01',
    }),
  );
  const vacancy = await ofOrganization('vacancies', () =>
    db.insert(s.vacancies).values({
      organizationId: organization,
      month: '2026-09-01',
      position: 'учитель',
      subject: 'физика',
      count: 1,
    }),
  );
  const act = await ofOrganization('normative_acts', () =>
    db.insert(s.normativeActs).values({
      municipalityId: m,
      organizationId: organization,
      kind: 'mentoring',
      number: '12-од',
      date: '2025-08-30',
      title: 'Положение о наставничестве',
      validFrom: '2025-09-01',
    }),
  );
  const association = await ofOrganization('associations', () =>
    db.insert(s.associations).values({
      municipalityId: m,
      organizationId: organization,
      name: 'ШМО учителей естественно-научного цикла',
      level: 'institutional',
      type: 'shmo',
      startDate: '2024-09-01',
    }),
  );
  const associationMember = await ensure(
    'association_members',
    sql`association_id = ${association} and teacher_id in ${onlyHere}`,
    () =>
      db
        .insert(s.associationMembers)
        .values({ associationId: association, teacherId: teacher, joinedOn: '2024-09-01' }),
  );
  const event = await ofOrganization('events', () =>
    db.insert(s.events).values({
      municipalityId: m,
      organizationId: organization,
      title: 'Школьный методический день',
      level: 'institutional',
      date: '2026-03-20',
      format: 'offline',
    }),
  );
  const eventParticipation = await ensure(
    'event_participations',
    sql`event_id = ${event} and teacher_id in ${onlyHere}`,
    () => db.insert(s.eventParticipations).values({ eventId: event, teacherId: teacher, role: 'speaker' }),
  );

  const closedCampaign = await one<number>(
    db,
    'published campaign',
    sql`select c.id as v from campaigns c join campaign_reports r on r.campaign_id = c.id
        where c.municipality_id = ${m} and r.is_published order by c.year desc limit 1`,
  );
  const program = await one<number>(
    db,
    'program',
    sql`select program_id as v from campaigns where id = ${closedCampaign}`,
  );
  const campaign = await one<number>(
    db,
    'active campaign',
    sql`select min(c.id) as v from campaigns c join campaign_participants p on p.campaign_id = c.id where c.municipality_id = ${m} and c.status = 'active' and p.organization_id = ${organization}`,
  );
  const form = await world.call(manager, {
    method: 'GET',
    url: `/api/campaigns/${campaign}/organizations/${organization}/submission/form.xlsx`,
  });
  await expectStatus(form, 200, 'download a form');
  const indicator = await one<number>(
    db,
    'indicator',
    sql`select min(id) as v from indicators where program_id = ${program}`,
  );
  const file = await uploadSampleFile(world);
  const importId = await uploadSampleImport(world, manager, organization);
  const importToCancel = await uploadSampleImport(world, manager, organization);
  const documentJob = await startSampleJob(world, manager, closedCampaign, organization);
  return {
    municipality: m,
    organization,
    teacher,
    teacherSnils: await one<string>(db, 'snils', sql`select snils as v from teachers where id = ${teacher}`),
    colleague,
    // Not the manager itself: a password reset would close the session the sweep runs in.
    user: (
      await createUser(db, {
        login: `${manager}-deputy`,
        password: PASSWORD,
        grants: [{ role: 'org_manager', organizationId: organization }],
      })
    ).id,
    position: await ofTeacher('positions'),
    education,
    certification,
    diagnostic,
    training,
    competition,
    route,
    routeStep,
    vacancy,
    act,
    municipalAct: await one<number>(
      db,
      'municipal act',
      sql`select min(id) as v from normative_acts where municipality_id = ${m} and organization_id is null`,
    ),
    mentoringProgram,
    mentoringPair,
    association,
    associationMember,
    municipalAssociation: await one<number>(
      db,
      'РМО',
      sql`select min(id) as v from associations where municipality_id = ${m} and organization_id is null`,
    ),
    event,
    eventParticipation,
    municipalEvent: await one<number>(
      db,
      'municipal event',
      sql`select min(id) as v from events where municipality_id = ${m} and organization_id is null`,
    ),
    program,
    criterion: await one<number>(
      db,
      'criterion',
      sql`select min(id) as v from criteria where program_id = ${program}`,
    ),
    indicator,
    indicatorCode: await one<string>(
      db,
      'indicator code',
      sql`select code as v from indicators where id = ${indicator}`,
    ),
    teacherIndicatorCode: await one<string>(
      db,
      'teacher indicator',
      sql`select min(code) as v from indicators where program_id = ${program} and numerator like 'teachers(%'`,
    ),
    formField: await one<number>(
      db,
      'form field',
      sql`select min(f.id) as v from form_fields f join campaigns c on c.program_id = f.program_id where c.municipality_id = ${m}`,
    ),
    rule: await one<number>(
      db,
      'rule',
      sql`select min(id) as v from recommendation_rules where program_id = ${program}`,
    ),
    campaign,
    formWorkbook: form.rawPayload,
    closedCampaign,
    year: await one<number>(db, 'year', sql`select year as v from campaigns where id = ${closedCampaign}`),
    conclusion: await one<number>(
      db,
      'conclusion',
      sql`select min(id) as v from conclusions where campaign_id = ${closedCampaign}`,
    ),
    recommendation: await one<number>(
      db,
      'recommendation',
      sql`select min(id) as v from recommendations where campaign_id = ${closedCampaign} and organization_id = ${organization}`,
    ),
    roadmap: await one<number>(
      db,
      'roadmap',
      sql`select min(id) as v from roadmaps where municipality_id = ${m}`,
    ),
    measure: await one<number>(
      db,
      'measure',
      sql`select min(x.id) as v from measures x join roadmaps r on r.id = x.roadmap_id where r.municipality_id = ${m}`,
    ),
    decision: await one<number>(
      db,
      'decision',
      sql`select min(id) as v from decisions where municipality_id = ${m}`,
    ),
    file,
    importId,
    importToCancel,
    documentJob,
    provider: await one<number>(db, 'provider', sql`select min(id) as v from providers`),
    deficit: await one<string>(db, 'deficit', sql`select min(code) as v from deficits`),
  };
}

async function expectStatus(response: LightMyRequestResponse, status: number, what: string) {
  if (response.statusCode !== status)
    throw new Error(`${what}: ${response.statusCode} ${response.body.slice(0, 300)}`);
  return response;
}

/** A document of the department (the demo has none): uploaded by the coordinator. */
async function uploadSampleFile(world: AccessWorld): Promise<number> {
  const response = await world.call('metodist', {
    method: 'POST',
    url: `/api/files?municipalityId=${world.municipalityId}`,
    file: { name: 'приказ.txt', type: 'text/plain', content: Buffer.from('Приказ о мониторинге') },
  });
  return (await expectStatus(response, 201, 'upload a file')).json().id;
}

/** The organization's own workbook, uploaded back by its manager: a checked import waiting to be applied. */
async function uploadSampleImport(world: AccessWorld, manager: Caller, organization: number) {
  const workbook = await world.call(manager, {
    method: 'GET',
    url: `/api/organizations/${organization}/workbook`,
  });
  await expectStatus(workbook, 200, 'export a workbook');
  const response = await world.call(manager, {
    method: 'POST',
    url: `/api/organizations/${organization}/imports`,
    file: {
      name: 'сведения.xlsx',
      type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      content: workbook.rawPayload,
    },
  });
  return (await expectStatus(response, 201, 'upload a workbook')).json().importId as string;
}

/** The letter of addressed recommendations to the organization, generated by its manager. */
async function startSampleJob(world: AccessWorld, manager: Caller, campaign: number, organization: number) {
  const response = await world.call(manager, {
    method: 'POST',
    url: `/api/campaigns/${campaign}/documents`,
    body: { kind: 'letters', organizationId: organization },
  });
  return (await expectStatus(response, 202, 'start a document job')).json().id as string;
}

/** A hash of every table's rows (sessions aside: each request extends its own). */
async function fingerprint(db: Db): Promise<Map<string, string>> {
  const tables = await queryRows<{ name: string }>(
    db,
    sql`select tablename as name from pg_tables where schemaname = 'public' and tablename <> 'sessions' order by 1`,
  );
  const parts = tables.map(
    (x) =>
      sql`select ${x.name} as t, count(*)::text || ':' || md5(coalesce(string_agg(r::text, '|' order by r::text), '')) as h from ${sql.identifier(x.name)} r`,
  );
  const rows = await queryRows<{ t: string; h: string }>(db, sql.join(parts, sql` union all `));
  return new Map(rows.map((r) => [r.t, r.h]));
}

export function changedTables(before: Map<string, string>, after: Map<string, string>): string[] {
  return [...after.keys()].filter((table) => before.get(table) !== after.get(table));
}

/** The text of a response: JSON as it is, and the XML inside an XLSX, DOCX or ZIP answer. */
export async function responseText(response: LightMyRequestResponse): Promise<string> {
  const payload = response.rawPayload;
  if (payload.length > 4 && payload.subarray(0, 2).toString() === 'PK') {
    const zip = await JSZip.loadAsync(payload);
    const texts: string[] = [];
    for (const entry of Object.values(zip.files)) {
      if (entry.dir) continue;
      if (/\.(xml|rels|txt|csv)$/i.test(entry.name)) texts.push(await entry.async('string'));
      else if (/\.(xlsx|docx|zip)$/i.test(entry.name)) {
        const inner = await entry.async('nodebuffer');
        texts.push(await responseText({ rawPayload: inner } as LightMyRequestResponse));
      }
    }
    return texts.join('\n');
  }
  return payload.toString('utf8');
}

/** The ways a СНИЛС may be written in a response. */
export const snilsForms = (digits: string) => [digits, formatSnils(digits)];
