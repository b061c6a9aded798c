import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMunicipality, createOrganization, createTeacher, createUser } from '../../seed/factories.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';

/** The teacher card: create, attach by СНИЛС, edit with versions, delete, my profile, the audit of views. */
let t: TestApp;
const ids = { m1: 0, a1: 0, a2: 0, shared: 0, own: 0, linked: 0 };
const cookies: Record<string, string> = {};
const PASSWORD = 'teachers-password-1';

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  const m1 = await createMunicipality(db);
  ids.m1 = m1.id;
  const a1 = await createOrganization(db, m1.id, { shortName: 'Школа А1' });
  const a2 = await createOrganization(db, m1.id, { shortName: 'Школа А2' });
  ids.a1 = a1.id;
  ids.a2 = a2.id;
  // Works in А2 and part-time in А1.
  const shared = await createTeacher(db, a2, { lastName: 'Совместителева', snils: '11122233372' });
  ids.shared = shared.id;
  const own = await createTeacher(db, a1, { lastName: 'Своя' });
  ids.own = own.id;
  const linked = await createTeacher(db, a1, { lastName: 'Связанная' });
  ids.linked = linked.id;
  await createUser(db, {
    login: 'coord',
    password: PASSWORD,
    grants: [{ role: 'coordinator', municipalityId: m1.id }],
  });
  await createUser(db, {
    login: 'mgr1',
    password: PASSWORD,
    grants: [{ role: 'org_manager', organizationId: a1.id }],
  });
  await createUser(db, {
    login: 'teach',
    password: PASSWORD,
    grants: [{ role: 'teacher', organizationId: a1.id }],
    teacherId: linked.id,
  });
  await createUser(db, {
    login: 'loner',
    password: PASSWORD,
    grants: [{ role: 'teacher', organizationId: a1.id }],
  });
  for (const login of ['coord', 'mgr1', 'teach', 'loner']) cookies[login] = await t.login(login, PASSWORD);
  // The shared teacher also works part-time in А1 (added by the coordinator).
  const response = await post('coord', `/api/teachers/${ids.shared}/positions`, {
    organizationId: ids.a1,
    title: 'педагог дополнительного образования',
    isMainJob: false,
    rate: 0.5,
    startDate: '2020-09-01',
  });
  expect(response.statusCode).toBe(201);
});
afterAll(() => t.close());

const get = (who: string, url: string) => t.request({ method: 'GET', url, cookie: cookies[who] });
const post = (who: string, url: string, body: object) =>
  t.request({ method: 'POST', url, cookie: cookies[who], body });
const patch = (who: string, url: string, body: object) =>
  t.request({ method: 'PATCH', url, cookie: cookies[who], body });
const del = (who: string, url: string) => t.request({ method: 'DELETE', url, cookie: cookies[who] });

const newTeacher = (overrides: object = {}, position: object = {}) => ({
  lastName: 'Новикова',
  firstName: 'Анна',
  middleName: 'Сергеевна',
  birthDate: '1998-05-20',
  sex: 'female',
  snils: '123-456-789 64',
  pedagogicalStartDate: '2023-09-01',
  qualificationCategory: 'none',
  subjects: ['математика', 'информатика'],
  ...overrides,
  position: {
    organizationId: ids.a1,
    title: 'учитель математики',
    isMainJob: true,
    rate: 1,
    startDate: '2023-09-01',
    ...position,
  },
});

describe('creating a teacher', () => {
  let createdId = 0;

  it('refuses invalid fields with Russian messages naming them', async () => {
    const response = await post(
      'coord',
      '/api/teachers',
      newTeacher({ lastName: '', birthDate: '1998-02-30', snils: '123' }, { rate: 5 }),
    );
    expect(response.statusCode).toBe(400);
    const issues = response.json().error.details.issues as { path: string; message: string }[];
    expect(issues).toEqual(
      expect.arrayContaining([
        { path: 'lastName', message: '«Фамилия»: обязательное поле' },
        {
          path: 'birthDate',
          message: '«Дата рождения»: некорректная дата (нужна дата в формате дд.мм.гггг)',
        },
        { path: 'snils', message: '«СНИЛС»: СНИЛС — 11 цифр, например 123-456-789 64' },
        { path: 'position.rate', message: '«Ставка»: не больше 3' },
      ]),
    );
  });

  it('refuses a СНИЛС whose check number is wrong, on create and attach', async () => {
    const checksum = { path: 'snils', message: '«СНИЛС»: неверное контрольное число' };
    const created = await post('coord', '/api/teachers', newTeacher({ snils: '123-456-789 65' }));
    expect(created.statusCode).toBe(400);
    expect(created.json().error.details.issues).toEqual([checksum]);
    const attached = await post('mgr1', '/api/teachers/attach', {
      snils: '111-222-333 44',
      position: { organizationId: ids.a1, title: 'учитель', rate: 1, startDate: '2024-09-01' },
    });
    expect(attached.statusCode).toBe(400);
    expect(attached.json().error.details.issues).toEqual([checksum]);
  });

  it('applies the cross-field rules', async () => {
    const response = await post('coord', '/api/teachers', newTeacher({ pedagogicalStartDate: '1990-01-01' }));
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details.issues).toContainEqual({
      path: 'pedagogicalStartDate',
      message: 'Начало педагогической деятельности не может быть раньше рождения',
    });
  });

  it('an org_manager creates a teacher in its own organization, with subjects and the position', async () => {
    const response = await post('mgr1', '/api/teachers', newTeacher());
    expect(response.statusCode).toBe(201);
    const card = response.json();
    createdId = card.id;
    expect(card).toMatchObject({
      fullName: 'Новикова Анна Сергеевна',
      snils: '123-456-789 64',
      subjects: ['информатика', 'математика'],
      permissions: { canEdit: true },
    });
    expect(card.positions).toEqual([
      expect.objectContaining({ organizationId: ids.a1, organizationShortName: 'Школа А1', rate: 1 }),
    ]);
    const audit = (
      await get('coord', `/api/audit?entity=teacher&entityId=${createdId}&action=create`)
    ).json();
    expect(audit).toHaveLength(1);
    expect(audit[0].summary).toBe('Добавлен педагог Новикова А. С. (Школа А1, учитель математики)');
  });

  it('an org_manager cannot create a teacher in another organization', async () => {
    const response = await post(
      'mgr1',
      '/api/teachers',
      newTeacher({ snils: '' }, { organizationId: ids.a2 }),
    );
    expect(response.statusCode).toBe(403);
    expect(response.json().error.message).toBe('Нет прав добавлять педагогов в эту организацию.');
  });

  it('a duplicate СНИЛС in the municipality is refused with 409 naming the teacher', async () => {
    const response = await post('coord', '/api/teachers', newTeacher({ snils: '11122233372' }));
    expect(response.statusCode).toBe(409);
    const error = response.json().error;
    expect(error.message).toContain('Педагог с СНИЛС 111-222-333 72 уже есть в реестре муниципалитета');
    expect(error.message).toContain('Совместителева Мария Петровна (Школа А1, Школа А2)');
    expect(error.details).toMatchObject({ field: 'snils', existingTeacherId: ids.shared, canAttach: true });
  });

  it('a duplicate СНИЛС of a teacher the school does not manage names neither the teacher nor its schools', async () => {
    await createTeacher(
      t.database.db,
      { id: ids.a2, municipalityId: ids.m1 },
      { lastName: 'Чужеева', firstName: 'Вера', snils: '22233344416' },
    );
    const response = await post('mgr1', '/api/teachers', newTeacher({ snils: '222-333-444 16' }));
    expect(response.statusCode).toBe(409);
    const error = response.json().error;
    expect(error.message).toBe(
      'Педагог с СНИЛС 222-333-444 16 уже есть в реестре муниципалитета. Если он работает и в вашей ' +
        'организации, отправьте запрос на добавление («Добавить к существующему»): должность появится после ' +
        'подтверждения организацией, где педагог работает, или координатором.',
    );
    expect(response.body).not.toMatch(/Чужеева|Вера|Школа А2/);
    expect(error.details).toEqual({ field: 'snils', canAttach: true });
    // The same СНИЛС set on the school's own teacher is answered the same way.
    const card = (await get('mgr1', `/api/teachers/${ids.own}`)).json();
    const update = await t.request({
      method: 'PATCH',
      url: `/api/teachers/${ids.own}`,
      cookie: cookies.mgr1,
      body: { snils: '22233344416', version: card.version },
    });
    expect(update.statusCode, update.body).toBe(409);
    expect(update.body).not.toMatch(/Чужеева|Школа А2/);
  });

  it('attach adds a position in the caller organization to the existing teacher', async () => {
    const response = await post('mgr1', '/api/teachers/attach', {
      snils: '123 456 789 64',
      position: {
        organizationId: ids.a1,
        title: 'классный руководитель',
        rate: 0.25,
        startDate: '2024-09-01',
      },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().id).toBe(createdId);
    expect(response.json().positions).toHaveLength(2);
    const unknown = await post('mgr1', '/api/teachers/attach', {
      snils: '999-999-999 01',
      position: { organizationId: ids.a1, title: 'учитель', rate: 1, startDate: '2024-09-01' },
    });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.message).toBe(
      'Педагог с СНИЛС 999-999-999 01 в реестре муниципалитета не найден.',
    );
  });

  it('attach into another organization is refused for an org_manager', async () => {
    const response = await post('mgr1', '/api/teachers/attach', {
      snils: '11122233372',
      position: { organizationId: ids.a2, title: 'учитель', rate: 1, startDate: '2024-09-01' },
    });
    expect(response.statusCode).toBe(403);
  });
});

describe('editing a teacher', () => {
  const versionOf = async (id: number) =>
    (await get('coord', `/api/teachers/${id}`)).json().version as number;

  it('changes fields and subjects and logs before → after', async () => {
    const response = await patch('mgr1', `/api/teachers/${ids.own}`, {
      phone: '8 900 000-00-00',
      qualificationCategory: 'highest',
      categoryDate: '2024-12-20',
      subjects: ['физика'],
      version: await versionOf(ids.own),
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ phone: '8 900 000-00-00', subjects: ['физика'] });
    const [entry] = (
      await get('coord', `/api/audit?entity=teacher&entityId=${ids.own}&action=update`)
    ).json();
    expect(entry.before).toMatchObject({ phone: null, qualificationCategory: 'first', subjects: [] });
    expect(entry.after).toMatchObject({ phone: '8 900 000-00-00', qualificationCategory: 'highest' });
  });

  it('checks the rules across the stored and the new values', async () => {
    const response = await patch('coord', `/api/teachers/${ids.own}`, {
      pedagogicalStartDate: '1980-01-01',
      version: await versionOf(ids.own),
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({
      message: 'Начало педагогической деятельности не может быть раньше рождения',
      details: { field: 'pedagogicalStartDate' },
    });
    const empty = await patch('coord', `/api/teachers/${ids.own}`, {
      lastName: '  ',
      version: await versionOf(ids.own),
    });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.details.issues[0]).toEqual({
      path: 'lastName',
      message: '«Фамилия»: обязательное поле',
    });
  });

  it('refuses a stale version with 409 and keeps the first change', async () => {
    const version = await versionOf(ids.own);
    expect(
      (await patch('coord', `/api/teachers/${ids.own}`, { email: 'a@school.ru', version })).statusCode,
    ).toBe(200);
    const second = await patch('mgr1', `/api/teachers/${ids.own}`, { email: 'b@school.ru', version });
    expect(second.statusCode).toBe(409);
    expect(second.json().error.code).toBe('version_conflict');
    expect((await get('coord', `/api/teachers/${ids.own}`)).json().email).toBe('a@school.ru');
  });

  it('refuses a СНИЛС whose check number is wrong', async () => {
    const edited = await patch('coord', `/api/teachers/${ids.own}`, {
      snils: '12345678901',
      version: await versionOf(ids.own),
    });
    expect(edited.statusCode).toBe(400);
    expect(edited.json().error.details.issues).toEqual([
      { path: 'snils', message: '«СНИЛС»: неверное контрольное число' },
    ]);
  });

  it('refuses a СНИЛС another teacher of the municipality has', async () => {
    const response = await patch('coord', `/api/teachers/${ids.own}`, {
      snils: '111-222-333 72',
      version: await versionOf(ids.own),
    });
    expect(response.statusCode).toBe(409);
    expect(response.json().error.details.field).toBe('snils');
  });
});

describe('the card and its audit', () => {
  it('shows derived age, experience and the young-teacher flag', async () => {
    const card = (await get('coord', `/api/teachers/${ids.own}`)).json();
    expect(card.birthDate).toBe('1985-03-15');
    expect(card.age).toBeGreaterThanOrEqual(40);
    expect(card.isYoung).toBe(false);
    expect(card.experience).toBeGreaterThanOrEqual(17);
  });

  it('records every view of a card as view_personal', async () => {
    await get('mgr1', `/api/teachers/${ids.linked}`);
    const entries = (
      await get('coord', `/api/audit?entity=teacher&entityId=${ids.linked}&action=view_personal`)
    ).json();
    expect(entries[0]).toMatchObject({
      userLogin: 'mgr1',
      summary: 'Просмотр карточки педагога Связанная М. П.',
      organizationId: ids.a1,
    });
  });

  it('records a search as one entry with the filters and the number of rows', async () => {
    const response = await get('mgr1', '/api/teachers?category=first&referenceDate=2025-09-01');
    expect(response.statusCode).toBe(200);
    const rows = response.json();
    const [entry] = (await get('coord', '/api/audit?entity=teacher&action=view_personal')).json();
    expect(entry.userLogin).toBe('mgr1');
    expect(entry.summary).toBe(
      `Поиск педагогов (категория «первая»; на 01.09.2025): найдено ${rows.length}, показано ${rows.length}`,
    );
    expect(entry.after).toMatchObject({ total: rows.length, returned: rows.length });
    expect(entry.organizationId).toBe(ids.a1);
  });
});

describe('my profile', () => {
  it('a linked teacher gets its id and reads its own card but cannot change it', async () => {
    const response = await get('teach', '/api/my-profile');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ teacherId: ids.linked, fullName: 'Связанная Мария Петровна' });
    const card = await get('teach', `/api/teachers/${ids.linked}`);
    expect(card.statusCode).toBe(200);
    expect(card.json().permissions).toMatchObject({ canEdit: false, isLimited: false });
    expect((await get('teach', `/api/teachers/${ids.linked}/diagnostics`)).statusCode).toBe(200);
    const change = await patch('teach', `/api/teachers/${ids.linked}`, { phone: '1', version: 1 });
    expect(change.statusCode).toBe(403);
    expect(change.json().error.message).toBe('Нет прав изменять сведения об этом педагоге.');
    expect((await get('teach', `/api/teachers/${ids.own}`)).statusCode).toBe(403);
    expect((await get('teach', '/api/teachers')).statusCode).toBe(403);
  });

  it('an account without a teacher gets 404 in Russian', async () => {
    const response = await get('loner', '/api/my-profile');
    expect(response.statusCode).toBe(404);
    expect(response.json().error.message).toBe('Учётная запись не связана с педагогом.');
  });
});

describe('deleting a teacher', () => {
  it('an org_manager removes only its own positions of a teacher who also works elsewhere', async () => {
    const response = await del('mgr1', `/api/teachers/${ids.shared}`);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ deleted: false, removedPositions: 1 });
    expect(response.json().message).toContain('удалены только должности в вашей организации (1)');
    const card = (await get('coord', `/api/teachers/${ids.shared}`)).json();
    expect(card.positions.map((p: { organizationId: number }) => p.organizationId)).toEqual([ids.a2]);
    expect((await get('mgr1', `/api/teachers/${ids.shared}`)).statusCode).toBe(403);
  });

  it('an org_manager deletes a teacher who works only in its organization', async () => {
    const response = await del('mgr1', `/api/teachers/${ids.own}`);
    expect(response.json()).toMatchObject({ deleted: true });
    expect((await get('coord', `/api/teachers/${ids.own}`)).statusCode).toBe(404);
    const [entry] = (
      await get('coord', `/api/audit?entity=teacher&entityId=${ids.own}&action=delete`)
    ).json();
    expect(entry.before).toMatchObject({ lastName: 'Своя' });
  });

  it('the coordinator deletes a teacher entirely', async () => {
    const response = await del('coord', `/api/teachers/${ids.shared}`);
    expect(response.json()).toMatchObject({ deleted: true });
    expect((await get('coord', `/api/teachers/${ids.shared}`)).json().error.message).toBe(
      'Педагог не найден(а).',
    );
  });
});
