import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as s from '../../db/schema/index.ts';
import { ensureCatalogs } from '../../seed/demo.ts';
import { createMunicipality, createOrganization, createTeacher, createUser } from '../../seed/factories.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';

/** The teacher's cabinet: everything of its own, nothing of anyone else, for the teacher only. */
let t: TestApp;
const TODAY = '2026-11-10';
const PASSWORD = 'cabinet-password-1';
const ids = { own: 0, mentor: 0, association: 0, meetingHeld: 0 };
const cookies: Record<string, string> = {};

const get = (who: string, url: string) => t.request({ method: 'GET', url, cookie: cookies[who] });
const post = (who: string, url: string, body: object) =>
  t.request({ method: 'POST', url, cookie: cookies[who], body });

beforeAll(async () => {
  t = await createTestApp({ fixedToday: TODAY });
  const db = t.database.db;
  await ensureCatalogs(db);
  const m = await createMunicipality(db);
  const a1 = await createOrganization(db, m.id, { shortName: 'Школа А1' });
  const own = await createTeacher(db, a1, {
    lastName: 'Кабинетова',
    firstName: 'Анна',
    middleName: 'Сергеевна',
    birthDate: '1998-04-02',
    pedagogicalStartDate: '2024-09-01',
    qualificationCategory: 'none',
    categoryDate: null,
    subjects: ['математика'],
    title: 'учитель математики',
  });
  const mentor = await createTeacher(db, a1, { lastName: 'Наставникова', categoryDate: '2021-12-20' });
  Object.assign(ids, { own: own.id, mentor: mentor.id });
  await createUser(db, {
    login: 'coord',
    password: PASSWORD,
    grants: [{ role: 'coordinator', municipalityId: m.id }],
  });
  await createUser(db, {
    login: 'own',
    password: PASSWORD,
    grants: [{ role: 'teacher', organizationId: a1.id }],
    teacherId: own.id,
  });
  await createUser(db, {
    login: 'mentor',
    password: PASSWORD,
    grants: [{ role: 'teacher', organizationId: a1.id }],
    teacherId: mentor.id,
  });
  for (const login of ['coord', 'own', 'mentor']) cookies[login] = await t.login(login, PASSWORD);

  await post('coord', `/api/teachers/${own.id}/diagnostics`, {
    date: '2026-10-20',
    level: 'municipal',
    instrument: 'Муниципальная диагностика',
    deficitCodes: ['М-02', 'О-02'],
  });
  await post('coord', `/api/teachers/${mentor.id}/diagnostics`, {
    date: '2026-10-21',
    level: 'municipal',
    instrument: 'Диагностика наставника',
    deficitCodes: ['П-01'],
  });
  await post('coord', `/api/teachers/${mentor.id}/routes`, {
    startDate: '2026-11-01',
    endDate: '2027-10-31',
    status: 'draft',
  });
  await post('coord', `/api/teachers/${mentor.id}/certifications`, { date: '2021-12-20', result: 'first' });
  const [pair] = await db
    .insert(s.mentoringPairs)
    .values({
      organizationId: a1.id,
      mentorId: mentor.id,
      menteeId: own.id,
      form: 'педагог — педагог',
      startDate: '2025-09-01',
      endDate: '2026-06-30',
      outcome: 'подготовлен открытый урок',
    })
    .returning();
  expect(pair.id).toBeGreaterThan(0);
  const [association] = await db
    .insert(s.associations)
    .values({
      municipalityId: m.id,
      name: '«Школа молодого специалиста»',
      level: 'municipal',
      type: 'young_school',
      startDate: '2020-09-01',
    })
    .returning();
  ids.association = association.id;
  await db.insert(s.associationMembers).values([
    { associationId: association.id, teacherId: own.id, joinedOn: '2024-09-01' },
    { associationId: association.id, teacherId: mentor.id, joinedOn: '2024-09-01' },
  ]);
  const [held, next] = await db
    .insert(s.associationMeetings)
    .values([
      { associationId: association.id, date: '2026-10-05', topic: 'Установочное заседание', isHeld: true },
      {
        associationId: association.id,
        date: '2026-12-07',
        topic: 'Формирующее оценивание',
        plan: 'Практикум',
      },
      { associationId: association.id, date: '2025-12-07', topic: 'Прошлый год', isHeld: true },
    ])
    .returning();
  ids.meetingHeld = held.id;
  expect(next.id).toBeGreaterThan(held.id);
  await db.insert(s.meetingAttendance).values([
    { meetingId: held.id, teacherId: own.id, isPresent: true },
    { meetingId: held.id, teacherId: mentor.id, isPresent: false },
  ]);
  const [event] = await db
    .insert(s.events)
    .values({
      municipalityId: m.id,
      title: 'Фестиваль открытых уроков',
      level: 'municipal',
      date: '2026-03-15',
      format: 'offline',
    })
    .returning();
  await db.insert(s.eventParticipations).values({ eventId: event.id, teacherId: own.id, role: 'speaker' });
  await post('coord', `/api/teachers/${own.id}/competitions`, {
    name: 'Педагогический дебют',
    level: 'municipal',
    date: '2026-02-14',
    result: 'laureate',
  });
});
afterAll(() => t.close());

describe('the teacher’s cabinet', () => {
  it('shows the profile with experience, category and the certification due', async () => {
    const response = await get('own', '/api/my-cabinet');
    expect(response.statusCode, response.body).toBe(200);
    const cabinet = response.json();
    expect(cabinet.profile).toMatchObject({
      id: ids.own,
      fullName: 'Кабинетова Анна Сергеевна',
      age: 28,
      experience: 2,
      isYoung: true,
      qualificationCategory: 'none',
      certification: { state: 'none', dueDate: null },
      subjects: ['математика'],
      positions: [{ organizationShortName: 'Школа А1', title: 'учитель математики', isMainJob: true }],
    });
    const mentor = (await get('mentor', '/api/my-cabinet')).json();
    expect(mentor.profile.certification).toEqual({
      since: '2021-12-20',
      dueDate: '2026-12-20',
      state: 'due_soon',
    });
    expect(mentor.profile.lastCertification).toEqual({ date: '2021-12-20', result: 'first' });
  });

  it('has only the teacher’s own diagnostics and routes', async () => {
    const cabinet = (await get('own', '/api/my-cabinet')).json();
    expect(cabinet.diagnostics).toHaveLength(1);
    expect(cabinet.diagnostics[0]).toMatchObject({
      instrument: 'Муниципальная диагностика',
      routeId: null,
      deficits: [
        { code: 'М-02', title: 'Формирование функциональной грамотности обучающихся', area: 'methodical' },
        { code: 'О-02', title: 'Критериальное оценивание и формирующее оценивание', area: 'assessment' },
      ],
    });
    expect(cabinet.routes).toEqual([]);
    const mentor = (await get('mentor', '/api/my-cabinet')).json();
    expect(mentor.diagnostics.map((d: { instrument: string }) => d.instrument)).toEqual([
      'Диагностика наставника',
    ]);
    expect(mentor.routes).toHaveLength(1);
  });

  it('mentoring from both sides with the outcome', async () => {
    const own = (await get('own', '/api/my-cabinet')).json();
    expect(own.mentoring).toEqual([
      expect.objectContaining({
        role: 'mentee',
        partnerName: 'Наставникова Мария Петровна',
        outcome: 'подготовлен открытый урок',
        isActive: false,
      }),
    ]);
    const mentor = (await get('mentor', '/api/my-cabinet')).json();
    expect(mentor.mentoring[0]).toMatchObject({ role: 'mentor', partnerName: 'Кабинетова Анна Сергеевна' });
  });

  it('associations with the school year’s meetings, the teacher’s own attendance and what is ahead', async () => {
    const own = (await get('own', '/api/my-cabinet')).json();
    expect(own.schoolYear).toBe(2026);
    expect(own.associations).toEqual([
      expect.objectContaining({
        id: ids.association,
        isCurrent: true,
        meetingsPlanned: 2,
        meetingsHeld: 1,
        attended: 1,
        marked: 1,
      }),
    ]);
    expect(own.upcomingMeetings).toEqual([
      expect.objectContaining({ date: '2026-12-07', topic: 'Формирующее оценивание', plan: 'Практикум' }),
    ]);
    const mentor = (await get('mentor', '/api/my-cabinet')).json();
    expect(mentor.associations[0]).toMatchObject({ attended: 0, marked: 1 });
  });

  it('events and competitions', async () => {
    const own = (await get('own', '/api/my-cabinet')).json();
    expect(own.events).toEqual([
      expect.objectContaining({ title: 'Фестиваль открытых уроков', role: 'speaker' }),
    ]);
    expect(own.competitions).toEqual([
      expect.objectContaining({ name: 'Педагогический дебют', result: 'laureate' }),
    ]);
    expect((await get('mentor', '/api/my-cabinet')).json().events).toEqual([]);
  });

  it('is for an account linked to a teacher only; opening it is audited', async () => {
    const response = await get('coord', '/api/my-cabinet');
    expect(response.statusCode).toBe(404);
    expect(response.json().error.message).toBe(
      'Учётная запись не связана с педагогом: личный кабинет недоступен.',
    );
    expect((await t.request({ method: 'GET', url: '/api/my-cabinet' })).statusCode).toBe(401);
    const [entry] = (
      await get('coord', `/api/audit?entity=teacher&entityId=${ids.own}&action=view_personal&pageSize=1`)
    ).json();
    expect(entry).toMatchObject({ userLogin: 'own', summary: 'Педагог открыл личный кабинет' });
  });
});
