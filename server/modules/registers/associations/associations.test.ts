import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTeacherLeavingAfterToday, FIXED_TODAY } from '../../../test/fixed-today.ts';
import { createWorld, expectError, type World } from '../shared/test-world.ts';

let w: World;
let rmo = 0;
let shmo = 0;
beforeAll(async () => {
  // What is current must be on the fixed «today», not on the database's date.
  w = await createWorld({ fixedToday: FIXED_TODAY });
});
afterAll(() => w.close());

const names = (response: { json(): { teacherName: string }[] }) =>
  response
    .json()
    .map((m) => m.teacherName.split(' ')[0])
    .sort();

describe('methodical associations', () => {
  it('a coordinator creates a municipal РМО with a leader', async () => {
    const response = await w.post('coord1', '/api/associations', {
      name: 'РМО учителей математики',
      level: 'municipal',
      type: 'rmo',
      subject: 'математика',
      leaderId: w.teachers.a1[0],
      startDate: '2020-09-01',
    });
    expect(response.statusCode, response.body).toBe(201);
    rmo = response.json().id;
    expect(response.json()).toMatchObject({
      municipalityId: w.m1,
      organizationId: null,
      leaderName: 'Алексеева Мария Петровна',
      memberCount: 0,
    });
    const [entry] = await w.audit('association', rmo);
    expect(entry.summary).toBe('Добавлено: РМО «РМО учителей математики»');
  });

  it('an org_manager creates its ШМО, not a municipal association nor another school’s ШМО', async () => {
    const body = {
      name: 'ШМО учителей начальных классов',
      level: 'institutional',
      type: 'shmo',
      startDate: '2022-09-01',
    };
    expectError(
      await w.post('mgra1', '/api/associations', { ...body, level: 'municipal', type: 'rmo' }),
      403,
      'Записи муниципального уровня ведут администратор и координатор муниципалитета.',
    );
    expectError(await w.post('mgra1', '/api/associations', { ...body, organizationId: w.a2 }), 403);
    const response = await w.post('mgra1', '/api/associations', { ...body, organizationId: w.a1 });
    expect(response.statusCode, response.body).toBe(201);
    shmo = response.json().id;
  });

  it('validates in Russian: required fields, level against the organization, the leader', async () => {
    const bad = await w.post('coord1', '/api/associations', { name: '', level: 'district', type: 'rmo' });
    expectError(bad, 400);
    expect(bad.json().error.message).toContain('«Название»: обязательное поле');
    expect(bad.json().error.message).toContain(
      '«Уровень»: допустимые значения — институциональный, муниципальный',
    );
    const base = { name: 'Творческая группа', type: 'creative_group', startDate: '2024-09-01' };
    expectError(
      await w.post('coord1', '/api/associations', { ...base, level: 'institutional' }),
      400,
      'Для объединения институционального уровня (ШМО) укажите организацию.',
    );
    expectError(
      await w.post('coord1', '/api/associations', { ...base, level: 'municipal', organizationId: w.a1 }),
      400,
      'Объединение организации — институционального уровня. Для уровня «муниципальный» не указывайте организацию.',
    );
    expectError(
      await w.post('coord1', '/api/associations', {
        ...base,
        level: 'municipal',
        leaderId: w.teachers.b1[0],
      }),
      400,
      'Руководитель — педагог другого муниципалитета.',
    );
  });

  it('adds several members at once, skipping and reporting those who cannot be added', async () => {
    const response = await w.post('coord1', `/api/associations/${rmo}/members`, {
      teacherIds: [w.teachers.a1[0], w.teachers.a1[1], w.teachers.a2[0], w.teachers.b1[0]],
      joinedOn: '2025-09-01',
    });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json().added).toHaveLength(3);
    expect(response.json().skipped).toEqual([
      {
        teacherId: w.teachers.b1[0],
        teacherName: null,
        reason: 'педагог другого муниципалитета',
      },
    ]);
    expect(response.json().added[0]).toMatchObject({
      organizationShortName: 'Школа А1',
      positionTitle: 'учитель математики',
    });
    expectError(
      await w.post('coord1', `/api/associations/${rmo}/members`, {
        teacherId: w.teachers.a1[0],
        joinedOn: '2025-10-01',
      }),
      409,
      'Алексеева Мария Петровна: уже состоит в объединении.',
    );
    expect((await w.get('coord1', `/api/associations/${rmo}`)).json().memberCount).toBe(3);
    const audit = await w.audit('associationMember', response.json().added[0].id);
    expect(audit[0]).toMatchObject({ action: 'create', userLogin: 'coord1' });
  });

  it('an org_manager sees a municipal association but only the members of its own organization', async () => {
    const a1 = await w.get('mgra1', `/api/associations/${rmo}/members`);
    expect(a1.statusCode).toBe(200);
    expect(names(a1)).toEqual(['Алексеева', 'Андреев']);
    expect(a1.headers['x-total-count']).toBe('2');
    expect(names(await w.get('mgra2', `/api/associations/${rmo}/members`))).toEqual(['Борисова']);
    expect(names(await w.get('coord1', `/api/associations/${rmo}/members`))).toHaveLength(3);
    expectError(
      await w.post('mgra1', `/api/associations/${rmo}/members`, {
        teacherId: w.teachers.a1[0],
        joinedOn: '2025-09-01',
      }),
      403,
      'Состав муниципального объединения ведут координатор и руководитель этого объединения.',
    );
  });

  it('a ШМО takes only teachers of its organization and is hidden from other organizations', async () => {
    const ok = await w.post('mgra1', `/api/associations/${shmo}/members`, {
      teacherId: w.teachers.a1[1],
      joinedOn: '2025-09-01',
    });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().teacherName).toBe('Андреев Мария Петровна');
    expectError(
      await w.post('mgra1', `/api/associations/${shmo}/members`, {
        teacherId: w.teachers.a2[0],
        joinedOn: '2025-09-01',
      }),
      400,
      'Борисова Мария Петровна: педагог не работает в этой организации.',
    );
    expectError(
      await w.get('mgra2', `/api/associations/${shmo}`),
      403,
      'Нет доступа к этому методическому объединению.',
    );
    expectError(await w.get('mgra2', `/api/associations/${shmo}/members`), 403);
    expectError(await w.patch('mgra2', `/api/associations/${shmo}`, { name: 'X', version: 1 }), 403);
    const seen = (await w.get('mgra2', '/api/associations')).json().map((a: { id: number }) => a.id);
    expect(seen).toEqual([rmo]);
    expect((await w.get('coord2', '/api/associations')).json()).toEqual([]);
    expectError(await w.get('coord2', `/api/associations/${rmo}`), 403);
  });

  it('the association leader sees only its association and keeps its members', async () => {
    await w.addUser('leader', [{ role: 'association_leader', associationId: rmo }]);
    expect((await w.get('leader', '/api/associations')).json().map((a: { id: number }) => a.id)).toEqual([
      rmo,
    ]);
    expectError(await w.get('leader', `/api/associations/${shmo}`), 403);
    const added = await w.post('leader', `/api/associations/${rmo}/members`, {
      teacherId: w.teachers.a2[1],
      joinedOn: '2025-11-01',
    });
    expect(added.statusCode, added.body).toBe(201);
    const memberId = added.json().id;
    expect(names(await w.get('leader', `/api/associations/${rmo}/members`))).toHaveLength(4);
    const left = await w.patch('leader', `/api/association-members/${memberId}`, {
      leftOn: '2026-05-31',
      version: 1,
    });
    expect(left.statusCode, left.body).toBe(200);
    expect(left.json().leftOn).toBe('2026-05-31');
    expectError(
      await w.patch('leader', `/api/association-members/${memberId}`, { leftOn: '2025-01-01', version: 2 }),
      400,
      'Дата выхода не может быть раньше даты вступления',
    );
    const shmoMember = (await w.get('coord1', `/api/associations/${shmo}/members`)).json()[0];
    expectError(await w.del('leader', `/api/association-members/${shmoMember.id}`), 403);
    expectError(await w.patch('leader', `/api/associations/${rmo}`, { name: 'Другое', version: 1 }), 403);
    expect((await w.audit('associationMember', memberId))[0]).toMatchObject({
      action: 'update',
      userLogin: 'leader',
    });
  });

  it('a teacher’s memberships with the association’s name, level and type, within what the caller sees', async () => {
    const mine = await w.get('coord1', `/api/association-members?teacherId=${w.teachers.a1[1]}`);
    expect(
      mine
        .json()
        .map(
          (m: { associationName: string; associationType: string }) =>
            `${m.associationType} ${m.associationName}`,
        )
        .sort(),
    ).toEqual(['rmo РМО учителей математики', 'shmo ШМО учителей начальных классов']);
    expect((await w.get('mgra2', `/api/association-members?teacherId=${w.teachers.a1[1]}`)).json()).toEqual(
      [],
    );
    expect(
      (await w.get('mgra1', `/api/association-members?teacherId=${w.teachers.a1[1]}`)).json(),
    ).toHaveLength(2);
  });

  it('versioned change and delete of an association, audited', async () => {
    const ok = await w.patch('mgra1', `/api/associations/${shmo}`, {
      subject: 'начальные классы',
      version: 1,
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const stale = await w.patch('coord1', `/api/associations/${shmo}`, { subject: 'X', version: 1 });
    expectError(stale, 409);
    expect((await w.del('mgra1', `/api/associations/${shmo}`)).statusCode).toBe(200);
    expect((await w.audit('association', shmo)).map((e) => e.action)).toEqual(['delete', 'update', 'create']);
  });
});

describe('what is current is on the server’s «today» (config.fixedToday), not the database’s date', () => {
  it('a workplace ending after today still counts, and a member who leaves after today is still a member', async () => {
    // Main job at А2 until 15.11.2026 — after the fixed today, before the real date — and a second job at А1.
    const leaving = await createTeacherLeavingAfterToday(
      w.t.database.db,
      { id: w.a2, municipalityId: w.m1 },
      w.a1,
      {
        lastName: 'Гришина',
        title: 'учитель истории',
      },
    );
    const created = await w.post('mgra2', '/api/associations', {
      name: 'ШМО учителей истории',
      level: 'institutional',
      type: 'shmo',
      organizationId: w.a2,
      leaderId: leaving.id,
      startDate: '2024-09-01',
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id;
    const place = { organizationShortName: 'Школа А2', positionTitle: 'учитель истории' };
    expect((await w.get('mgra2', `/api/associations/${id}/members/candidates?q=Гришина`)).json()).toEqual([
      { id: leaving.id, fullName: 'Гришина Мария Петровна', ...place },
    ]);
    const added = await w.post('mgra2', `/api/associations/${id}/members`, {
      teacherId: leaving.id,
      joinedOn: '2024-09-01',
    });
    expect(added.statusCode, added.body).toBe(201);
    expect(added.json()).toMatchObject(place);

    const leaves = await w.post('mgra2', `/api/associations/${id}/members`, {
      teacherId: w.teachers.a2[0],
      joinedOn: '2024-09-01',
      leftOn: '2026-11-10',
    });
    expect(leaves.statusCode, leaves.body).toBe(201);
    expect((await w.get('mgra2', `/api/associations/${id}`)).json().memberCount).toBe(2);
    const candidates = await w.get('mgra2', `/api/associations/${id}/members/candidates`);
    expect(candidates.json().map((c: { id: number }) => c.id)).toEqual([w.teachers.a2[1]]);
  });
});
