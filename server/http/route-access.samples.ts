import { sql, type SQL } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { queryRows, type Db } from '../db/client.ts';
import * as s from '../db/schema/index.ts';
import { createUser } from '../seed/factories.ts';
import type { AccessWorld, Caller } from './route-access.world.ts';

/** The password of every account of the sweep. */
export const PASSWORD = 'route-access-pass-1';

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

export const one = async <T>(db: Db, label: string, query: SQL): Promise<T> => {
  const [row] = await queryRows<{ v: T }>(db, query);
  if (row?.v === undefined || row.v === null) throw new Error(`the demo district has no ${label}`);
  return row.v;
};

/**
 * Sample records of an organization: taken from the demo where it has them; where it does not (the demo
 * has no vacancies or institutional events in every school) one is added, so every route has a target.
 */
export async function resolveSamples(
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
