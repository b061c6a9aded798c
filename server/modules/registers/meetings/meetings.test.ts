import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { positions } from '../../../db/schema/index.ts';
import { createWorld, expectError, type World } from '../shared/test-world.ts';

/** Plans, meetings and attendance of associations: who keeps them, who sees attendance, the rates. */
let w: World;
let school = 0;
let shmo = 0;
const meetings: number[] = [];
let future = 0;

beforeAll(async () => {
  w = await createWorld();
  school = (
    await w.post('coord1', '/api/associations', {
      name: '«Школа молодого специалиста»',
      level: 'municipal',
      type: 'young_school',
      startDate: '2020-09-01',
    })
  ).json().id;
  shmo = (
    await w.post('mgra1', '/api/associations', {
      name: 'ШМО учителей математики',
      level: 'institutional',
      type: 'shmo',
      organizationId: w.a1,
      startDate: '2020-09-01',
    })
  ).json().id;
  await w.post('coord1', `/api/associations/${school}/members`, {
    teacherIds: [w.teachers.a1[0], w.teachers.a1[1], w.teachers.a2[0]],
    joinedOn: '2020-09-01',
  });
  await w.post('coord1', `/api/associations/${school}/members`, {
    teacherId: w.teachers.a2[1],
    joinedOn: '2024-01-15',
  });
  await w.post('mgra1', `/api/associations/${shmo}/members`, {
    teacherIds: w.teachers.a1,
    joinedOn: '2020-09-01',
  });
  await w.addUser('leader', [{ role: 'association_leader', associationId: school }]);
});
afterAll(() => w.close());

describe('planning meetings', () => {
  it('the leader plans the meetings of its association for the year', async () => {
    for (const [date, topic] of [
      ['2023-09-20', 'Адаптация молодого педагога: установочное заседание'],
      ['2023-11-22', 'Современный урок: от цели к результату'],
      ['2024-02-14', 'Формирующее оценивание на уроке'],
    ]) {
      const response = await w.post('leader', `/api/associations/${school}/meetings`, {
        date,
        topic,
        plan: 'Доклад, практикум, рефлексия',
      });
      expect(response.statusCode, response.body).toBe(201);
      expect(response.json()).toMatchObject({ isHeld: false, state: 'overdue', presentCount: 0 });
      meetings.push(response.json().id);
    }
    const ahead = await w.post('leader', `/api/associations/${school}/meetings`, {
      date: '2098-10-15',
      topic: 'Наставничество: итоги первой четверти',
    });
    expect(ahead.json()).toMatchObject({ state: 'planned', memberCount: 4 });
    future = ahead.json().id;
    const [entry] = await w.audit('association_meeting', meetings[0]);
    expect(entry).toMatchObject({ action: 'create', userLogin: 'leader' });
    expect(entry.summary).toBe(
      'Запланировано заседание «Адаптация молодого педагога: установочное заседание» 20.09.2023, «Школа молодого специалиста»',
    );
  });

  it('validates the date against the association and the present day, in Russian', async () => {
    expectError(
      await w.post('leader', `/api/associations/${school}/meetings`, { date: '2019-05-01', topic: 'Рано' }),
      400,
      '«Дата»: объединение работает с 01.09.2020 — заседание не может быть раньше.',
    );
    expectError(
      await w.post('leader', `/api/associations/${school}/meetings`, {
        date: '2098-11-01',
        topic: 'Ещё не было',
        isHeld: true,
      }),
      400,
      '«Состоялось»: заседание с датой в будущем ещё не могло состояться.',
    );
    const bad = await w.post('leader', `/api/associations/${school}/meetings`, {
      date: '2024-13-01',
      topic: 'О',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.issues).toEqual(
      expect.arrayContaining([
        { path: 'date', message: '«Дата»: некорректная дата' },
        { path: 'topic', message: '«Тема»: не короче 3 символов' },
      ]),
    );
  });

  it('the leader keeps only its own; a school keeps its ШМО; the coordinator any of its municipality', async () => {
    const body = { date: '2024-03-01', topic: 'Заседание' };
    expectError(
      await w.post('mgra1', `/api/associations/${school}/meetings`, body),
      403,
      'Заседания муниципального объединения ведут координатор и руководитель этого объединения.',
    );
    expectError(
      await w.post('leader', `/api/associations/${shmo}/meetings`, body),
      403,
      'Заседания ШМО ведут ответственный этой организации, координатор и руководитель объединения.',
    );
    expectError(
      await w.post('mgra2', `/api/associations/${shmo}/meetings`, body),
      403,
      'Заседания ШМО ведут ответственный этой организации, координатор и руководитель объединения.',
    );
    expectError(await w.post('teachera1', `/api/associations/${shmo}/meetings`, body), 403);
    expectError(await w.post('coord2', `/api/associations/${shmo}/meetings`, body), 403);
    expect((await w.post('mgra1', `/api/associations/${shmo}/meetings`, body)).statusCode).toBe(201);
    const byCoordinator = await w.post('coord1', `/api/associations/${shmo}/meetings`, {
      ...body,
      date: '2024-04-05',
    });
    expect(byCoordinator.statusCode).toBe(201);
    expectError(
      await w.patch('leader', `/api/association-meetings/${byCoordinator.json().id}`, {
        topic: 'Чужое',
        version: 1,
      }),
      403,
    );
  });
});

describe('attendance', () => {
  it('the leader marks who was present; the meeting becomes held', async () => {
    const [a, b] = w.teachers.a1;
    const response = await w.put('leader', `/api/association-meetings/${meetings[0]}/attendance`, {
      entries: [
        { teacherId: a, isPresent: true },
        { teacherId: b, isPresent: false },
        { teacherId: w.teachers.a2[0], isPresent: true },
      ],
      notes: 'Рассмотрены положение о наставничестве и план работы.',
      version: 1,
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().meeting).toMatchObject({
      isHeld: true,
      state: 'held',
      presentCount: 2,
      absentCount: 1,
      memberCount: 3,
      rate: 67,
      notes: 'Рассмотрены положение о наставничестве и план работы.',
    });
    expect(
      response
        .json()
        .entries.map((e: { teacherName: string; isPresent: boolean | null }) => [
          e.teacherName.split(' ')[0],
          e.isPresent,
        ]),
    ).toEqual([
      ['Алексеева', true],
      ['Андреев', false],
      ['Борисова', true],
    ]);
    const [entry] = await w.audit('association_meeting', meetings[0]);
    expect(entry.summary).toMatch(/— присутствовали 2 из 3$/);
  });

  it('only members on the meeting’s date, each once, and only once the date has come', async () => {
    const later = w.teachers.a2[1];
    expectError(
      await w.put('leader', `/api/association-meetings/${meetings[1]}/attendance`, {
        entries: [{ teacherId: later, isPresent: true }],
        version: 1,
      }),
      400,
      `Педагог (id ${later}) не состоял в объединении на 22.11.2023: отметить его нельзя.`,
    );
    expectError(
      await w.put('leader', `/api/association-meetings/${meetings[1]}/attendance`, {
        entries: [
          { teacherId: w.teachers.a1[0], isPresent: true },
          { teacherId: w.teachers.a1[0], isPresent: false },
        ],
        version: 1,
      }),
      400,
      'Алексеева Мария Петровна отмечен(а) дважды.',
    );
    expectError(
      await w.put('leader', `/api/association-meetings/${future}/attendance`, { entries: [], version: 1 }),
      409,
      'Заседание назначено на 15.10.2098: посещаемость отмечается после него.',
    );
    expectError(
      await w.put('leader', `/api/association-meetings/${meetings[0]}/attendance`, {
        entries: [],
        version: 1,
      }),
      409,
    );
    const marked = await w.put('coord1', `/api/association-meetings/${meetings[2]}/attendance`, {
      entries: [
        { teacherId: w.teachers.a1[0], isPresent: true },
        { teacherId: w.teachers.a1[1], isPresent: true },
        { teacherId: w.teachers.a2[0], isPresent: false },
        { teacherId: later, isPresent: true },
      ],
      version: 1,
    });
    expect(marked.json().meeting).toMatchObject({ presentCount: 3, memberCount: 4, rate: 75 });
  });

  it('a held meeting with marks cannot go back to the plan', async () => {
    expectError(
      await w.patch('leader', `/api/association-meetings/${meetings[0]}`, { isHeld: false, version: 2 }),
      400,
      '«Состоялось»: по заседанию уже отмечена посещаемость — снимите отметки, прежде чем переносить его в план.',
    );
  });
});

describe('the yearly plan', () => {
  it('the meetings of the school year with their state, and the attendance rate of each member', async () => {
    const response = await w.get('leader', `/api/associations/${school}/meetings?schoolYear=2023`);
    expect(response.statusCode, response.body).toBe(200);
    const year = response.json();
    expect(year.period).toEqual({ from: '2023-09-01', to: '2024-08-31' });
    expect(year.schoolYears).toEqual(expect.arrayContaining([2098, 2023]));
    expect(year.meetings.map((m: { date: string; state: string }) => [m.date, m.state])).toEqual([
      ['2023-09-20', 'held'],
      ['2023-11-22', 'overdue'],
      ['2024-02-14', 'held'],
    ]);
    expect(year.summary).toEqual({ planned: 3, held: 2, overdue: 1, averageRate: 71, next: null });
    expect(year.permissions).toEqual({ canManage: true, canSeeAttendance: true });
    const rates = Object.fromEntries(
      year.members.map((m: { teacherName: string; rate: number | null; present: number }) => [
        m.teacherName.split(' ')[0],
        [m.present, m.rate],
      ]),
    );
    expect(rates).toEqual({ Алексеева: [2, 100], Андреев: [1, 50], Борисова: [1, 50], Богданов: [1, 100] });
    const ahead = (await w.get('leader', `/api/associations/${school}/meetings?schoolYear=2098`)).json();
    expect(ahead.summary.next).toEqual({
      date: '2098-10-15',
      topic: 'Наставничество: итоги первой четверти',
    });
  });

  it('who was present is shown only to those who keep the meetings and to the department', async () => {
    const school1 = (await w.get('mgra1', `/api/associations/${school}/meetings?schoolYear=2023`)).json();
    expect(school1.permissions).toEqual({ canManage: false, canSeeAttendance: false });
    expect(school1.members).toEqual([]);
    expect(school1.meetings[0].presentCount).toBe(2);
    expectError(
      await w.get('mgra1', `/api/association-meetings/${meetings[0]}/attendance`),
      403,
      'Посещаемость заседаний видят руководитель объединения, координатор и ответственный ОО своей ШМО.',
    );
    expect(
      (await w.get('teachera1', `/api/associations/${school}/meetings?schoolYear=2023`)).json().members,
    ).toEqual([]);
    expectError(await w.get('coord2', `/api/associations/${school}/meetings`), 403);
    expect((await w.get('coord1', `/api/association-meetings/${meetings[0]}/attendance`)).statusCode).toBe(
      200,
    );
  });

  it('the overview lists what the user may read; the leader sees its own association only', async () => {
    const own = (await w.get('leader', '/api/association-meetings?schoolYear=2023')).json();
    expect(own).toEqual([
      expect.objectContaining({ id: school, planned: 3, held: 2, memberCount: 4, canManage: true }),
    ]);
    const coordinator = (await w.get('coord1', '/api/association-meetings?schoolYear=2023')).json();
    expect(coordinator.map((a: { id: number; canManage: boolean }) => [a.id, a.canManage])).toEqual([
      [school, true],
      [shmo, true],
    ]);
    const manager = (await w.get('mgra1', '/api/association-meetings?schoolYear=2023')).json();
    expect(manager.map((a: { id: number; canManage: boolean }) => [a.id, a.canManage])).toEqual([
      [school, false],
      [shmo, true],
    ]);
    expect((await w.get('coord2', '/api/association-meetings?schoolYear=2023')).json()).toEqual([]);
  });

  it('a meeting is deleted with its marks, audited', async () => {
    const response = await w.del('leader', `/api/association-meetings/${meetings[1]}`);
    expect(response.json()).toEqual({ deleted: true, message: 'Заседание удалено из плана.' });
    const [entry] = await w.audit('association_meeting', meetings[1]);
    expect(entry.action).toBe('delete');
  });
});

describe('a member who moved to another school', () => {
  it('is shown at the school of the time in a past year, at the new one in a year after the move', async () => {
    const moved = w.teachers.a1[1];
    const db = w.t.database.db;
    await db.update(positions).set({ endDate: '2024-06-30' }).where(eq(positions.teacherId, moved));
    await db.insert(positions).values({
      teacherId: moved,
      organizationId: w.a2,
      title: 'учитель информатики',
      startDate: '2024-09-01',
      isMainJob: true,
    });
    const workplace = async (schoolYear: number) =>
      (
        (await w.get('leader', `/api/associations/${school}/meetings?schoolYear=${schoolYear}`)).json()
          .members as { teacherId: number; organizationShortName: string; positionTitle: string }[]
      ).find((m) => m.teacherId === moved);
    expect(await workplace(2023)).toMatchObject({
      organizationShortName: 'Школа А1',
      positionTitle: 'учитель математики',
    });
    expect(await workplace(2098)).toMatchObject({
      organizationShortName: 'Школа А2',
      positionTitle: 'учитель информатики',
    });
  });
});
