import { sql, type SQL } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { addDays, addMonths } from '../../core/dates.ts';
import type { SurveyDefinition } from '../../core/surveys/definition.ts';
import { queryRows, type Db } from '../db/client.ts';
import * as s from '../db/schema/index.ts';
import { createUser } from '../seed/factories.ts';
import { PROGRAM_FILE_FORMAT, PROGRAM_FILE_VERSION } from '../../core/programs/program-file.ts';
import { readProgramDefinition } from '../modules/programs/program-file.service.ts';
import { TODAY, type AccessWorld, type Caller } from './route-access.world.ts';
import { resolveMethodicalSamples, type MethodicalSamples } from './route-access.methodical-samples.ts';

/** A regional program of the demo's region, published once (from the demo program's file) for both samples. */
async function sampleRegionalProgram(db: Db, municipality: number, program: number) {
  const region = await one<number>(
    db,
    'region',
    sql`select region_id as v from municipalities where id = ${municipality}`,
  );
  const regionalProgramFile = JSON.stringify({
    format: PROGRAM_FILE_FORMAT,
    formatVersion: PROGRAM_FILE_VERSION,
    exportedAt: TODAY,
    exportedBy: 'Региональный координатор',
    program: await readProgramDefinition(db, program),
  });
  const [existing] = await queryRows<{ id: number }>(
    db,
    sql`select min(id) as id from regional_programs where region_id = ${region}`,
  );
  const regionalProgram =
    existing?.id ??
    (
      await db
        .insert(s.regionalPrograms)
        .values({ regionId: region, title: 'Региональная программа', file: JSON.parse(regionalProgramFile) })
        .returning()
    )[0].id;
  // A second one the demo's program counts as adopted from: its roll-up, analysis, drill-down and documents.
  const [adopted] = await queryRows<{ id: number }>(
    db,
    sql`select regional_program_id as id from programs where id = ${program} and regional_program_id is not null`,
  );
  const adoptedRegionalProgram =
    adopted?.id ??
    (
      await db
        .insert(s.regionalPrograms)
        .values({
          regionId: region,
          title: 'Принятая региональная программа',
          file: JSON.parse(regionalProgramFile),
        })
        .returning()
    )[0].id;
  await db.execute(
    sql`update programs set regional_program_id = ${adoptedRegionalProgram} where id = ${program}`,
  );
  return { region, regionalProgram, regionalProgramFile, adoptedRegionalProgram };
}

/**
 * The closed campaign sent to the region (a row written as the service would, once for both samples): the
 * regional coordinator accepts or returns it; reopening it is refused while it is with the region.
 */
async function sampleRegionalSubmission(
  db: Db,
  sample: { campaign: number; municipality: number; region: number; regionalProgram: number },
) {
  const [existing] = await queryRows<{ id: number }>(
    db,
    sql`select id from regional_submissions where campaign_id = ${sample.campaign}`,
  );
  if (existing) return existing.id;
  const [row] = await db
    .insert(s.regionalSubmissions)
    .values({
      campaignId: sample.campaign,
      municipalityId: sample.municipality,
      regionId: sample.region,
      regionalProgramId: sample.regionalProgram,
      status: 'sent',
      sentAt: new Date(`${TODAY}T09:00:00Z`),
    })
    .returning();
  return row.id;
}

/** The password of every account of the sweep. */
export const PASSWORD = 'route-access-pass-1';

/** Real records of one demo organization (and of its municipality), to point every route at. */
export interface Samples extends JourneySamples, MethodicalSamples {
  municipality: number;
  organization: number;
  /** A teacher working (now and before) only in this organization. */
  teacher: number;
  teacherSnils: string;
  /** Pending requests of another organization to attach `teacher` (to confirm) and `colleague` (to refuse). */
  attachRequest: number;
  attachRequestToRefuse: number;
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
  /** A day inside the period of `route`: the deadline of a step added to it. */
  routeDeadline: string;
  routeStep: number;
  vacancy: number;
  targetStudent: number;
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
  /** The demo's region, a program it published (adopted by nobody yet) and the file it publishes again. */
  region: number;
  regionalProgram: number;
  regionalProgramFile: string;
  /** A regional program the demo's program (`program`, with `closedCampaign` of `year`) was adopted from. */
  adoptedRegionalProgram: number;
  /** The closed campaign's results sent to the region, awaiting its decision. */
  regionalSubmission: number;
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
  /** A file of the organization's report on `recommendation`, attached by its manager. */
  reportFile: number;
  /** A recommendation to a group holding the organization, and a file of the organization's report on it. */
  groupRecommendation: number;
  groupReportFile: number;
  /** Uploads and document jobs are kept per user in memory: these belong to the organization's manager. */
  importId: string;
  /** A second checked upload, to cancel (the first one is applied). */
  importToCancel: string;
  documentJob: string;
  provider: number;
  deficit: string;
  /** A kind of position of the reserve the demo district's department added. */
  reservePositionKind: number;
  /** A candidate of the reserve proposed by the organization (`teacher`), with an item of its plan. */
  reserveCandidate: number;
  reservePlanItem: number;
  /** An open anonymous survey asking the organization only, its organization link, and an open named one. */
  survey: number;
  surveyLinkCode: string;
  namedSurvey: number;
  /** A group of the department holding the organization alone. */
  organizationGroup: number;
  /** A partnership supporting the organization; its partner is a school other than those of the sweep. */
  partnership: number;
  partnerOrganization: number;
  /** A specialist of the methodical service of the municipality (the register the department keeps). */
  specialist: number;
  /** A file the department attached to `campaign`, and an indicator code of that campaign's program. */
  campaignFile: number;
  /** A sending of `campaign`'s announcement letter that reached the organization. */
  campaignAnnouncement: number;
  campaignIndicatorCode: string;
}

/** Records of the teacher's support journeys: meetings, the ИОМ builder and catalog, approvals, progress. */
export interface JourneySamples {
  /** A meeting of `association` whose day has come, with `meetingMember` a member on that day. */
  meeting: number;
  meetingDate: string;
  meetingMember: number;
  /** A resource of the municipality's catalog for ИОМ. */
  resource: number;
  /** A diagnostic of `teacher` with deficits and no route yet: where the builder starts. */
  iomDiagnostic: number;
  /** One of its deficits, in the catalog. */
  iomDeficit: string;
  /** A draft route of `teacher` with a step, waiting for its approvals. */
  draftRoute: number;
  /** A planned step of an approved route of `teacher` (not of `route`, whose plan the sweep changes). */
  approvedStep: number;
  /** The approved route of that step. */
  approvedRoute: number;
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
  const ensure = (table: string, where: SQL, insert: () => Promise<unknown>) =>
    ensureRow(db, table, where, insert);
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
      ...approvals('2025-10-20'),
    }),
  );
  // The demo's ЦНППМ curator with an account (login kurator) supervises it: the owner of its supervised view.
  await db.execute(
    sql`update routes set curator_id = (select s.id from methodical_specialists s join users u on u.id = s.user_id where u.login = 'kurator') where id = ${route}`,
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
  const targetStudent = await ofOrganization('target_students', () =>
    db.insert(s.targetStudents).values({
      organizationId: organization,
      fullName: 'Студентова Анна Сергеевна',
      university: 'Смоленский государственный университет',
      specialty: '44.03.05 Педагогическое образование',
      subject: 'математика',
      graduationYear: 2028,
      contractNumber: '7-ц',
      contractDate: '2024-08-20',
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

  const asker = await one<number>(
    db,
    'another organization',
    sql`select min(id) as v from organizations where municipality_id = ${m} and id <> ${organization}`,
  );
  const attachRequests: number[] = [];
  for (const [asked, title] of [
    [teacher, 'совместитель'],
    [colleague, 'педагог-психолог'],
  ] as const) {
    const [row] = await db
      .insert(s.teacherAttachRequests)
      .values({
        teacherId: asked,
        municipalityId: m,
        organizationId: asker,
        position: { organizationId: asker, title, rate: 0.5, startDate: '2026-09-01', isMainJob: false },
        requestedByName: 'Ответственный другой школы',
      })
      .returning({ id: s.teacherAttachRequests.id });
    attachRequests.push(row.id);
  }

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
  const regional = await sampleRegionalProgram(db, m, program);
  const regionalSubmission = await sampleRegionalSubmission(db, {
    campaign: closedCampaign,
    municipality: m,
    region: regional.region,
    regionalProgram: regional.regionalProgram,
  });
  const file = await uploadSampleFile(world);
  const recommendation = await sampleRecommendation(world, closedCampaign, { organizationId: organization });
  // A recommendation to a group holding only this organization: its report is the organization's own.
  const groupRecommendation = await sampleRecommendation(world, closedCampaign, {
    organizationId: null,
    audience: { organizationIds: [organization] },
  });
  const importId = await uploadSampleImport(world, manager, organization);
  const importToCancel = await uploadSampleImport(world, manager, organization);
  const documentJob = await startSampleJob(world, manager, closedCampaign, organization);
  return {
    ...regional,
    regionalSubmission,
    municipality: m,
    organization,
    teacher,
    teacherSnils: await one<string>(db, 'snils', sql`select snils as v from teachers where id = ${teacher}`),
    attachRequest: attachRequests[0],
    attachRequestToRefuse: attachRequests[1],
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
    routeDeadline: await one<string>(
      db,
      'route period',
      sql`select (start_date + (end_date - start_date) / 2)::text as v from routes where id = ${route}`,
    ),
    routeStep,
    vacancy,
    targetStudent,
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
    recommendation,
    reportFile: await uploadSampleReportFile(world, manager, `/api/recommendations/${recommendation}`),
    groupRecommendation,
    groupReportFile: await uploadSampleReportFile(
      world,
      manager,
      `/api/recommendations/${groupRecommendation}/reports/${organization}`,
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
    // Catalog entries the demo district's department added: kept by it, refused to other municipalities.
    provider: await ensure('providers', sql`municipality_id = ${m}`, () =>
      db.insert(s.providers).values({ municipalityId: m, name: 'Методический центр района', kind: 'other' }),
    ),
    deficit: await ensureDeficit(db, m),
    ...(await ensureReserve(db, m, organization, teacher)),
    ...(await ensureSurveys(db, m, organization)),
    ...(await ensureGroupAndPartnership(db, m, organization)),
    ...(await ensureCampaignCommunications(db, m, campaign, organization)),
    specialist: await ensure('methodical_specialists', sql`municipality_id = ${m}`, () =>
      db
        .insert(s.methodicalSpecialists)
        .values({ municipalityId: m, fullName: 'Методистова Нина Павловна', roles: ['methodist'] }),
    ),
    ...(await resolveJourneySamples(world, { teacher, route, association, associationMember })),
    ...(await resolveMethodicalSamples(db, m, organization, teacher)),
  };
}

export const SAMPLE_SURVEY_DEFINITION: SurveyDefinition = {
  pages: [
    {
      name: 'p1',
      elements: [
        { type: 'rating', name: 'q1', title: 'Оценка', isRequired: true },
        // The «план-заказ» routes read this question.
        {
          type: 'checkbox',
          name: 'topics',
          title: 'Темы ПК',
          trainingOrder: true,
          choices: ['М-01', 'topic:talents'],
        },
      ],
    },
  ],
};

/** The survey samples: an anonymous and a named survey, open, asking the organization only. */
async function ensureSurveys(db: Db, m: number, organization: number) {
  const make = async (kind: 'anonymous' | 'named') => {
    const code = `access_${kind}_${organization}`;
    const survey = await ensureRow(db, 'surveys', sql`code = ${code}`, async () => {
      const [row] = await db
        .insert(s.surveys)
        .values({
          municipalityId: m,
          code,
          title: `Анкета ${kind}`,
          kind,
          audience: { target: 'teachers', organizationIds: [organization] },
          opensOn: addMonths(TODAY, -1),
          closesOn: addMonths(TODAY, 1),
          status: 'open',
        })
        .returning();
      await db
        .insert(s.surveyVersions)
        .values({ surveyId: row.id, number: 1, definition: SAMPLE_SURVEY_DEFINITION });
      if (kind === 'anonymous')
        await db.insert(s.surveyLinks).values({
          surveyId: row.id,
          organizationId: organization,
          code: `link${row.id}x${organization}`,
          audienceCount: 3,
        });
    });
    return survey;
  };
  const survey = await make('anonymous');
  const namedSurvey = await make('named');
  const [link] = await queryRows<{ code: string }>(
    db,
    sql`select code from survey_links where survey_id = ${survey}`,
  );
  return { survey, surveyLinkCode: link.code, namedSurvey };
}

/** The reserve samples: a kind of position of the municipality, a candidate of the organization, a plan item. */
async function ensureReserve(db: Db, m: number, organization: number, teacher: number) {
  const reservePositionKind = await ensureRow(db, 'reserve_position_kinds', sql`municipality_id = ${m}`, () =>
    db.insert(s.reservePositionKinds).values({ municipalityId: m, name: 'Советник директора по воспитанию' }),
  );
  const reserveCandidate = await ensureRow(
    db,
    'reserve_candidates',
    sql`organization_id = ${organization}`,
    () =>
      db.insert(s.reserveCandidates).values({
        municipalityId: m,
        organizationId: organization,
        teacherId: teacher,
        positionKindId: reservePositionKind,
        orderNumber: '12-к',
        orderDate: '2025-09-01',
        includedDate: '2025-09-01',
      }),
  );
  const reservePlanItem = await ensureRow(
    db,
    'reserve_plan_items',
    sql`candidate_id = ${reserveCandidate}`,
    () =>
      db
        .insert(s.reservePlanItems)
        .values({ candidateId: reserveCandidate, kind: 'free', title: 'Стажировка' }),
  );
  return { reservePositionKind, reserveCandidate, reservePlanItem };
}

/**
 * A file attached to the active campaign, and the campaign's announcement letter sent to the organization
 * (the sending written directly: the sweep's world has no SMTP server).
 */
async function ensureCampaignCommunications(db: Db, m: number, campaign: number, organization: number) {
  const campaignFile = await one<number>(
    db,
    'campaign file',
    sql`select min(file_id) as v from campaign_files where campaign_id = ${campaign}`,
  ).catch(async () => {
    const [file] = await db
      .insert(s.files)
      .values({
        municipalityId: m,
        name: 'Инструкция по заполнению.pdf',
        mimeType: 'application/pdf',
        size: 20,
        content: Buffer.from('%PDF-1.4 инструкция'),
        uploadedBy: 'Координатор',
      })
      .returning();
    await db.insert(s.campaignFiles).values({ campaignId: campaign, fileId: file.id });
    return file.id;
  });
  const announcement = await ensureRow(
    db,
    'campaign_announcements',
    sql`campaign_id = ${campaign}`,
    async () => {
      const [file] = await db
        .insert(s.files)
        .values({
          municipalityId: m,
          name: 'Информационное письмо.docx',
          mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
          size: 4,
          content: Buffer.from([0x50, 0x4b, 0x03, 0x04]),
          uploadedBy: 'Координатор',
        })
        .returning();
      await db
        .insert(s.campaignAnnouncements)
        .values({ campaignId: campaign, fileId: file.id, sentByName: 'Координатор' });
    },
  );
  await db
    .insert(s.campaignAnnouncementRecipients)
    .values({
      announcementId: announcement,
      organizationId: organization,
      organizationName: 'Организация выборки',
    })
    .onConflictDoNothing();
  return {
    campaignFile,
    campaignAnnouncement: announcement,
    campaignIndicatorCode: await one<string>(
      db,
      'indicator of the active campaign',
      sql`select min(i.code) as v from indicators i join campaigns c on c.program_id = i.program_id where c.id = ${campaign}`,
    ),
  };
}

/** A group of the organization alone, and a partnership in which another school supports it. */
async function ensureGroupAndPartnership(db: Db, m: number, organization: number) {
  const organizationGroup = await ensureRow(
    db,
    'organization_groups',
    sql`municipality_id = ${m} and name = ${`Выборка ${organization}`}`,
    async () => {
      const [g] = await db
        .insert(s.organizationGroups)
        .values({ municipalityId: m, name: `Выборка ${organization}` })
        .returning();
      await db.insert(s.organizationGroupMembers).values({ groupId: g.id, organizationId: organization });
    },
  );
  const partnerOrganization = await one<number>(
    db,
    'partner school',
    sql`select max(id) as v from organizations where municipality_id = ${m} and kind = 'school'
      and id <> ${organization} and short_name not in ('МБОУ СОШ № 1', 'МБОУ СОШ № 5')`,
  );
  const partnership = await ensureRow(
    db,
    'school_partnerships',
    sql`weak_organization_id = ${organization} and strong_organization_id = ${partnerOrganization}`,
    () =>
      db.insert(s.schoolPartnerships).values({
        municipalityId: m,
        strongOrganizationId: partnerOrganization,
        weakOrganizationId: organization,
        title: 'Партнёрство выборки',
        startDate: '2025-09-01',
      }),
  );
  return { organizationGroup, partnership, partnerOrganization };
}

/** The first row of `table` matching `where`, added by `insert` if there is none. */
async function ensureRow(db: Db, table: string, where: SQL, insert: () => Promise<unknown>) {
  const first = sql`select min(id) as v from ${sql.identifier(table)} where ${where}`;
  const [found] = await queryRows<{ v: number | null }>(db, first);
  if (found?.v == null) await insert();
  return one<number>(db, table, first);
}

/** A deficit of the catalog owned by the municipality `m`, added if the demo has none. */
async function ensureDeficit(db: Db, m: number) {
  const owned = sql`select min(code) as v from deficits where municipality_id = ${m}`;
  const [found] = await queryRows<{ v: string | null }>(db, owned);
  if (found?.v == null)
    await db
      .insert(s.deficits)
      .values({ code: 'М-90', municipalityId: m, area: 'methodical', title: 'Свой дефицит района' });
  return one<string>(db, 'deficit of the municipality', owned);
}

/** The approvals of a route by the department's methodist (curator) and the school (tutor) on a day. */
const approvals = (day: string) => ({
  approvedAt: day,
  curatorApprovedAt: new Date(`${day}T10:00:00Z`),
  curatorApprovedBy: 'Сафонова Ирина Петровна',
  tutorApprovedAt: new Date(`${day}T14:00:00Z`),
  tutorApprovedBy: 'Ответственный ОО',
});

async function resolveJourneySamples(
  world: AccessWorld,
  o: { teacher: number; route: number; association: number; associationMember: number },
): Promise<JourneySamples> {
  const { db, today } = world;
  const m = world.municipalityId;
  const ensure = (table: string, where: SQL, insert: () => Promise<unknown>) =>
    ensureRow(db, table, where, insert);

  // The days on which the sample member belonged to the association, up to today.
  const [member] = await queryRows<{ teacherId: number; from: string; to: string }>(
    db,
    sql`select am.teacher_id as "teacherId", greatest(a.start_date, am.joined_on)::text as "from",
          least(${today}::date, coalesce(a.end_date, ${today}::date), coalesce(am.left_on, ${today}::date))::text as "to"
        from association_members am join associations a on a.id = am.association_id
        where am.id = ${o.associationMember}`,
  );
  if (!member || member.from > member.to) throw new Error('the sample member belonged to no past meeting');
  const meeting = await ensure(
    'association_meetings',
    sql`association_id = ${o.association} and date between ${member.from} and ${member.to}`,
    () =>
      db.insert(s.associationMeetings).values({
        associationId: o.association,
        date: member.to,
        topic: 'Итоги первой четверти',
        plan: 'Анализ успеваемости; подготовка к олимпиадам',
      }),
  );

  const catalogDeficit = await one<string>(
    db,
    'deficit with a resource',
    sql`select min(deficit_code) as v from deficit_resources where municipality_id = ${m}`,
  );
  const resource = await one<number>(
    db,
    'resource of the catalog',
    sql`select min(id) as v from deficit_resources where municipality_id = ${m}`,
  );
  const iomDiagnostic = await ensure(
    'diagnostics',
    sql`teacher_id = ${o.teacher} and cardinality(deficit_codes) > 0
        and id not in (select diagnostic_id from routes where diagnostic_id is not null)`,
    () =>
      db.insert(s.diagnostics).values({
        teacherId: o.teacher,
        date: addDays(today, -14),
        level: 'municipal',
        instrument: 'Диагностика профессиональных дефицитов',
        deficitCodes: [catalogDeficit],
      }),
  );

  const otherRoute = sql`teacher_id = ${o.teacher} and id <> ${o.route}`;
  const draftRoute = await ensure(
    'routes',
    sql`${otherRoute} and status = 'draft' and curator_approved_at is null and tutor_approved_at is null
        and exists (select 1 from route_steps x where x.route_id = routes.id and x.status <> 'cancelled')`,
    async () => {
      const [route] = await db
        .insert(s.routes)
        .values({ teacherId: o.teacher, startDate: today, endDate: addMonths(today, 6), status: 'draft' })
        .returning();
      await db
        .insert(s.routeSteps)
        .values({ routeId: route.id, title: 'Открытый урок для коллег', deadline: addMonths(today, 3) });
    },
  );
  const approvedStep = await ensure(
    'route_steps',
    sql`status in ('planned', 'in_progress') and route_id in (select id from routes where ${otherRoute}
        and id <> ${draftRoute} and curator_approved_at is not null and tutor_approved_at is not null)`,
    async () => {
      const start = addMonths(today, -2);
      const [route] = await db
        .insert(s.routes)
        .values({
          teacherId: o.teacher,
          startDate: start,
          endDate: addMonths(start, 9),
          status: 'approved',
          ...approvals(addDays(start, 5)),
        })
        .returning();
      await db
        .insert(s.routeSteps)
        .values({ routeId: route.id, title: 'Курсы повышения квалификации', deadline: addMonths(today, 2) });
    },
  );

  return {
    meeting,
    meetingDate: await one<string>(
      db,
      'meeting date',
      sql`select date::text as v from association_meetings where id = ${meeting}`,
    ),
    meetingMember: member.teacherId,
    resource,
    iomDiagnostic,
    iomDeficit: await one<string>(
      db,
      'deficit of the diagnostic',
      sql`select min(c) as v from diagnostics, unnest(deficit_codes) c
          where id = ${iomDiagnostic} and c in (select code from deficits)`,
    ),
    draftRoute,
    approvedStep,
    approvedRoute: await one<number>(
      db,
      'approved route',
      sql`select route_id as v from route_steps where id = ${approvedStep}`,
    ),
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

/**
 * A recommendation of the closed campaign to the organization (or to a group): the demo's own when its
 * draws gave the organization one, otherwise added by the department — the demo's values decide which
 * schools get recommendations, and every route needs a target.
 */
async function sampleRecommendation(
  world: AccessWorld,
  campaign: number,
  to: { organizationId: number | null; audience?: { organizationIds: number[] } },
) {
  const find = () =>
    queryRows<{ v: number | null }>(
      world.db,
      to.audience
        ? sql`select min(id) as v from recommendations where campaign_id = ${campaign} and audience->'organizationIds' = ${JSON.stringify(to.audience.organizationIds)}::jsonb`
        : sql`select min(id) as v from recommendations where campaign_id = ${campaign} and organization_id = ${to.organizationId}`,
    );
  const [found] = await find();
  if (found?.v) return found.v;
  const added = await world.call('metodist', {
    method: 'POST',
    url: `/api/campaigns/${campaign}/recommendations`,
    body: { ...to, text: 'Провести методический семинар по итогам мониторинга.', deadline: null },
  });
  await expectStatus(added, 201, 'add a recommendation');
  const [row] = await find();
  return row.v!;
}

/** A file of the organization's report on a recommendation (its own report or its part of a group one). */
async function uploadSampleReportFile(world: AccessWorld, manager: Caller, report: string) {
  const response = await world.call(manager, {
    method: 'POST',
    url: `${report}/files`,
    file: { name: 'отчёт о выполнении.pdf', type: 'application/pdf', content: Buffer.from('%PDF-1.4 отчёт') },
  });
  return (await expectStatus(response, 201, 'attach a report file')).json().id as number;
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
