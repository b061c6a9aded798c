import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTeacherLeavingAfterToday, FIXED_TODAY } from '../../../test/fixed-today.ts';
import { createWorld, expectError, type World } from '../shared/test-world.ts';

let w: World;
let municipal = 0;
let institutional = 0;
beforeAll(async () => {
  // A fixed «today» before the real date: a participant's workplace is on it, not on the database's date.
  w = await createWorld({ fixedToday: FIXED_TODAY });
});
afterAll(() => w.close());

const lastNames = (response: { json(): { teacherName: string }[] }) =>
  response
    .json()
    .map((p) => p.teacherName.split(' ')[0])
    .sort();

describe('methodological events', () => {
  it('a coordinator creates a municipal event', async () => {
    const response = await w.post('coord1', '/api/events', {
      title: 'Муниципальный семинар «Функциональная грамотность»',
      level: 'municipal',
      date: '2025-11-12',
      format: 'offline',
    });
    expect(response.statusCode, response.body).toBe(201);
    municipal = response.json().id;
    expect(response.json()).toMatchObject({
      municipalityId: w.m1,
      organizationId: null,
      participantCount: 0,
    });
    expect((await w.audit('event', municipal))[0].summary).toBe(
      'Добавлено: мероприятие «Муниципальный семинар «Функциональная грамотность»» 12.11.2025 (муниципальный)',
    );
  });

  it('an org_manager creates only institutional events of its organization', async () => {
    const body = {
      title: 'Педагогический совет',
      level: 'institutional',
      date: '2025-10-30',
      format: 'offline',
    };
    expectError(await w.post('mgra1', '/api/events', { ...body, level: 'municipal' }), 403);
    expectError(await w.post('mgra1', '/api/events', { ...body, organizationId: w.a2 }), 403);
    const ok = await w.post('mgra1', '/api/events', { ...body, organizationId: w.a1 });
    expect(ok.statusCode, ok.body).toBe(201);
    institutional = ok.json().id;
  });

  it('Russian validation: fields, level against the organization', async () => {
    const bad = await w.post('coord1', '/api/events', {
      title: '',
      level: 'municipal',
      date: '2025-13-01',
      format: 'webinar',
    });
    expectError(bad, 400);
    const message = bad.json().error.message;
    expect(message).toContain('«Название»: обязательное поле');
    expect(message).toContain('«Дата»: некорректная дата');
    expect(message).toContain('«Формат»: допустимые значения — очно, дистанционно, смешанный');
    expectError(
      await w.post('coord1', '/api/events', {
        title: 'Т',
        level: 'institutional',
        date: '2025-10-01',
        format: 'online',
      }),
      400,
      'Для институционального мероприятия укажите организацию.',
    );
  });

  it('bulk-adds participants, ignoring and reporting duplicates', async () => {
    const first = await w.post('coord1', `/api/events/${municipal}/participants`, {
      teacherIds: [w.teachers.a1[0], w.teachers.a2[0]],
      role: 'speaker',
    });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json().added.map((p: { role: string }) => p.role)).toEqual(['speaker', 'speaker']);
    const again = await w.post('coord1', `/api/events/${municipal}/participants`, {
      teacherIds: [w.teachers.a1[0], w.teachers.a1[1], w.teachers.b1[0]],
    });
    expect(again.statusCode, again.body).toBe(201);
    expect(again.json().added.map((p: { teacherId: number }) => p.teacherId)).toEqual([w.teachers.a1[1]]);
    expect(again.json().skipped.map((s: { reason: string }) => s.reason)).toEqual([
      'уже в списке участников',
      'педагог другого муниципалитета',
    ]);
    expect((await w.get('coord1', `/api/events/${municipal}`)).json().participantCount).toBe(3);
  });

  it('an org_manager adds its own teachers to a municipal event, not others’, and sees only its own', async () => {
    expectError(
      await w.post('mgra2', `/api/events/${municipal}/participants`, {
        teacherIds: [w.teachers.a2[1], w.teachers.a1[0]],
      }),
      403,
      'Ответственный ОО может добавлять участниками мероприятия только педагогов своей организации.',
    );
    const ok = await w.post('mgra2', `/api/events/${municipal}/participants`, {
      teacherIds: [w.teachers.a2[1]],
    });
    expect(ok.statusCode, ok.body).toBe(201);
    const seen = await w.get('mgra2', `/api/events/${municipal}/participants`);
    expect(lastNames(seen)).toEqual(['Богданов', 'Борисова']);
    expect(seen.headers['x-total-count']).toBe('2');
    expect(lastNames(await w.get('coord1', `/api/events/${municipal}/participants`))).toHaveLength(4);
    // Its own teacher's role: yes; another organization's participant: no.
    const own = seen.json()[0];
    expect(
      (await w.patch('mgra2', `/api/event-participations/${own.id}`, { role: 'organizer', version: 1 }))
        .statusCode,
    ).toBe(200);
    const foreign = (await w.get('mgra1', `/api/events/${municipal}/participants`)).json()[0];
    expectError(await w.del('mgra2', `/api/event-participations/${foreign.id}`), 403);
    // The school's own event is closed to another school entirely.
    expectError(await w.get('mgra2', `/api/events/${institutional}`), 403);
    expectError(
      await w.post('mgra2', `/api/events/${institutional}/participants`, { teacherIds: [w.teachers.a2[1]] }),
      403,
    );
  });

  it('offers candidates within the caller’s scope: the municipality to the coordinator, its own teachers to an org_manager', async () => {
    const names = (response: { json(): { fullName: string }[] }) =>
      response
        .json()
        .map((c) => c.fullName.split(' ')[0])
        .sort();
    const candidates = (who: string, event: number, q = '') =>
      w.get(who, `/api/events/${event}/participants/candidates${q}`);
    expect(names(await candidates('coord1', institutional))).toEqual([
      'Алексеева',
      'Андреев',
      'Богданов',
      'Борисова',
    ]);
    // The school's own event: the head is offered its own teachers, not the district's.
    expect(names(await candidates('mgra1', institutional))).toEqual(['Алексеева', 'Андреев']);
    expectError(
      await w.post('mgra1', `/api/events/${institutional}/participants`, { teacherIds: [w.teachers.a2[0]] }),
      403,
      'Ответственный ОО может добавлять участниками мероприятия только педагогов своей организации.',
    );
    const own = await candidates('mgra1', institutional, '?q=але');
    expect(own.json()).toEqual([
      {
        id: w.teachers.a1[0],
        fullName: 'Алексеева Мария Петровна',
        organizationShortName: 'Школа А1',
        positionTitle: 'учитель математики',
      },
    ]);
    // Those already taking part are no candidates.
    const added = await w.post('mgra1', `/api/events/${institutional}/participants`, {
      teacherIds: [w.teachers.a1[0]],
    });
    expect(names(await candidates('mgra1', institutional))).toEqual(['Андреев']);
    await w.del('mgra1', `/api/event-participations/${added.json().added[0].id}`);
    expect(names(await candidates('coord1', municipal))).toEqual([]);
    expectError(await candidates('mgra2', institutional), 403);
  });

  it('a coordinator of another municipality sees none of it', async () => {
    expect((await w.get('coord2', '/api/events')).json()).toEqual([]);
    expectError(await w.get('coord2', `/api/events/${municipal}/participants`), 403);
    expectError(await w.patch('coord2', `/api/events/${municipal}`, { title: 'X', version: 1 }), 403);
  });

  it('lists by year and a teacher’s participations with the event’s data', async () => {
    const year = await w.get('coord1', '/api/events?from=2025-01-01&to=2025-12-31&level=municipal');
    expect(year.json().map((e: { id: number }) => e.id)).toEqual([municipal]);
    expect((await w.get('coord1', '/api/events?from=2026-01-01')).json()).toEqual([]);
    const history = await w.get('coord1', `/api/event-participations?teacherId=${w.teachers.a1[0]}`);
    expect(history.json()).toEqual([
      expect.objectContaining({
        eventTitle: 'Муниципальный семинар «Функциональная грамотность»',
        eventLevel: 'municipal',
        eventDate: '2025-11-12',
        eventFormat: 'offline',
        role: 'speaker',
      }),
    ]);
    expect((await w.get('mgra2', `/api/event-participations?teacherId=${w.teachers.a1[0]}`)).json()).toEqual(
      [],
    );
  });

  it('lists by kind of event: open lessons only, the kind checked in Russian', async () => {
    const lesson = await w.post('coord1', '/api/events', {
      title: 'Открытый урок математики',
      level: 'municipal',
      date: '2025-12-03',
      format: 'offline',
      type: 'open_lesson',
    });
    expect(lesson.statusCode, lesson.body).toBe(201);
    const lessons = await w.get('coord1', '/api/events?type=open_lesson');
    expect(lessons.json().map((e: { id: number }) => e.id)).toEqual([lesson.json().id]);
    expect(lessons.headers['x-total-count']).toBe('1');
    expect((await w.get('coord1', '/api/events?type=seminar')).json()).toEqual([]);
    const wrong = await w.get('coord1', '/api/events?type=lesson');
    expectError(wrong, 400);
    expect(wrong.json().error.message).toContain('«Вид мероприятия»: допустимые значения — семинар');
    expect((await w.del('coord1', `/api/events/${lesson.json().id}`)).statusCode).toBe(200);
  });

  it('versioned change and delete of an event, audited', async () => {
    expect(
      (await w.patch('coord1', `/api/events/${municipal}`, { format: 'mixed', version: 1 })).statusCode,
    ).toBe(200);
    expectError(await w.patch('coord1', `/api/events/${municipal}`, { format: 'online', version: 1 }), 409);
    expect((await w.del('coord1', `/api/events/${municipal}`)).statusCode).toBe(200);
    expect((await w.audit('event', municipal)).map((e) => e.action)).toEqual(['delete', 'update', 'create']);
  });
});

describe('a participant’s workplace on the server’s «today» (config.fixedToday)', () => {
  it('is the main job that ends after today, not the second job the database’s date would leave', async () => {
    // Main job at А1 until 15.11.2026 — after the fixed today, before the real date — and a second job at А2.
    const teacher = await createTeacherLeavingAfterToday(
      w.t.database.db,
      { id: w.a1, municipalityId: w.m1 },
      w.a2,
      {
        lastName: 'Гусева',
        title: 'учитель физики',
      },
    );
    const event = await w.post('coord1', '/api/events', {
      title: 'Семинар учителей физики',
      level: 'municipal',
      date: '2026-10-20',
      format: 'offline',
    });
    expect(event.statusCode, event.body).toBe(201);
    const added = await w.post('coord1', `/api/events/${event.json().id}/participants`, {
      teacherIds: [teacher.id],
    });
    const place = { organizationShortName: 'Школа А1', positionTitle: 'учитель физики' };
    expect(added.json().added).toMatchObject([place]);
    expect((await w.get('coord1', `/api/event-participations?teacherId=${teacher.id}`)).json()).toMatchObject(
      [place],
    );
  });
});
