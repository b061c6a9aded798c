import type { Samples } from './route-access.samples.ts';
import {
  caller,
  catalog,
  id,
  municipality,
  none,
  organization,
  publicRoute,
  v,
  XLSX,
  type RouteCase,
} from './route-access.scopes.ts';

/** The route table, part one: the session, accounts, organizations, teachers and their records, the registers. */

const DOCS = 'OpenAPI documentation of the API: describes the routes, holds no data';

function teacherRecords(
  collection: string,
  item: string,
  parent: (s: Samples) => number,
  record: (s: Samples) => number,
  body: (s: Samples) => Record<string, unknown>,
  change: Record<string, unknown>,
): Record<string, RouteCase> {
  return {
    [`GET ${collection}`]: organization((s) => id(parent(s)), { personal: true }),
    [`POST ${collection}`]: organization((s) => ({ ...id(parent(s)), body: body(s) })),
    [`PATCH ${item}`]: organization((s) => ({ ...id(record(s)), body: { ...change, ...v } })),
    [`DELETE ${item}`]: organization((s) => id(record(s))),
  };
}

/** List, add, get, change and delete of one kind of registry record owned by an organization. */
function organizationRecords(
  path: string,
  record: (s: Samples) => number,
  body: (s: Samples) => Record<string, unknown>,
  change: Record<string, unknown>,
): Record<string, RouteCase> {
  return {
    [`GET ${path}`]: organization((s) => ({ query: { organizationId: s.organization } })),
    [`POST ${path}`]: organization((s) => ({ body: { organizationId: s.organization, ...body(s) } })),
    [`GET ${path}/:id`]: organization((s) => id(record(s))),
    [`PATCH ${path}/:id`]: organization((s) => ({ ...id(record(s)), body: { ...change, ...v } })),
    [`DELETE ${path}/:id`]: organization((s) => id(record(s))),
  };
}

export const REGISTRY_CASES: Record<string, RouteCase> = {
  'GET /api/health': publicRoute('monitoring of the server: status, database kind and version, no data'),
  'POST /api/auth/login': publicRoute('the way in', () => ({
    body: { login: 'nobody', password: 'wrong-password' },
  })),
  'POST /api/auth/logout': publicRoute('clears the cookie even of an expired session', none, {
    endsSession: true,
  }),
  'GET /api/auth/me': caller(),
  'POST /api/auth/change-password': caller(() => ({
    body: { currentPassword: 'not-the-password', newPassword: 'another-password-1' },
  })),
  'GET /api/docs': publicRoute(DOCS),
  'HEAD /api/docs/': publicRoute(DOCS),
  'GET /api/docs/static/index.html': publicRoute(DOCS),
  'GET /api/docs/static/swagger-initializer.js': publicRoute(DOCS),
  'GET /api/docs/json': publicRoute(DOCS),
  'GET /api/docs/yaml': publicRoute(DOCS),
  'GET /api/docs/static/*': publicRoute(DOCS, () => ({ params: { '*': 'swagger-ui.css' } })),

  'GET /api/municipalities': caller(),
  'POST /api/municipalities': caller(() => ({
    body: { regionName: 'Тестовая область', name: 'Новый район', departmentName: 'Отдел образования' },
  })),
  'GET /api/municipalities/:id': municipality((s) => id(s.municipality), { aggregate: true }),
  'PATCH /api/municipalities/:id': municipality(
    (s) => ({ ...id(s.municipality), body: { headName: 'Посторонний', ...v } }),
    { owner: 'admin' },
  ),

  'GET /api/organizations': caller((s) => ({ query: { municipalityId: s.municipality } })),
  'GET /api/organizations/summary': caller((s) => ({ query: { municipalityId: s.municipality } })),
  'POST /api/organizations': municipality((s) => ({
    body: {
      municipalityId: s.municipality,
      name: 'Новая школа района',
      shortName: 'Новая школа',
      kind: 'school',
    },
  })),
  'GET /api/organizations/:id': organization((s) => id(s.organization)),
  'GET /api/organizations/:id/monitoring': organization((s) => id(s.organization)),
  'PATCH /api/organizations/:id': organization((s) => ({
    ...id(s.organization),
    body: { phone: '8 (800) 000-00-00', ...v },
  })),

  'GET /api/organization-groups': caller((s) => ({ query: { municipalityId: s.municipality } })),
  'POST /api/organization-groups': municipality((s) => ({
    body: { municipalityId: s.municipality, name: 'Новая группа', organizationIds: [s.organization] },
  })),
  // A group of the sample organization alone: another school is not in it, so it does not read it.
  'GET /api/organization-groups/:id': organization((s) => id(s.organizationGroup)),
  'PATCH /api/organization-groups/:id': municipality((s) => ({
    ...id(s.organizationGroup),
    body: { description: 'Изменено', ...v },
  })),
  'DELETE /api/organization-groups/:id': municipality((s) => ({
    ...id(s.organizationGroup),
    query: v,
  })),
  'GET /api/school-partnerships': caller(),
  'POST /api/school-partnerships': municipality((s) => ({
    body: {
      strongOrganizationId: s.partnerOrganization,
      weakOrganizationId: s.organization,
      title: 'Новое партнёрство',
      startDate: '2025-09-01',
    },
  })),
  // The sample organization is the supported school; the partner is neither school of the sweep.
  'GET /api/school-partnerships/:id': organization((s) => id(s.partnership)),
  'GET /api/school-partnerships/:id/effect': organization((s) => id(s.partnership)),
  'PATCH /api/school-partnerships/:id': municipality((s) => ({
    ...id(s.partnership),
    body: { outcomes: 'Изменено', ...v },
  })),
  'DELETE /api/school-partnerships/:id': municipality((s) => ({ ...id(s.partnership), query: v })),

  'GET /api/users': caller(),
  'POST /api/users': municipality(
    (s) => ({
      body: {
        login: 'intruder',
        fullName: 'Посторонний Пользователь',
        roles: [{ role: 'coordinator', municipalityId: s.municipality }],
      },
    }),
    { owner: 'admin' },
  ),
  'GET /api/users/:id': organization((s) => id(s.user), { owner: 'admin' }),
  'PATCH /api/users/:id': organization(
    (s) => ({ ...id(s.user), body: { fullName: 'Ответственный МБОУ СОШ', ...v } }),
    { owner: 'admin' },
  ),
  'POST /api/users/:id/reset-password': organization((s) => ({ ...id(s.user), body: {} }), {
    owner: 'admin',
  }),
  'GET /api/audit': caller((s) => ({ query: { organizationId: s.organization } })),

  'GET /api/teachers': caller((s) => ({ query: { organizationId: s.organization } }), { personal: true }),
  // Another organization's staff is refused, not exported empty.
  'GET /api/teachers/export.xlsx': organization((s) => ({ query: { organizationId: s.organization } }), {
    personal: true,
  }),
  'GET /api/teachers/summary': caller((s) => ({ query: { organizationId: s.organization } }), {
    personal: true,
  }),
  'GET /api/teachers/subjects': caller((s) => ({ query: { organizationId: s.organization } }), {
    personal: true,
  }),
  'POST /api/teachers': organization((s) => ({
    body: {
      lastName: 'Проверкина',
      firstName: 'Анна',
      middleName: 'Сергеевна',
      birthDate: '1990-05-05',
      sex: 'female',
      pedagogicalStartDate: '2012-09-01',
      qualificationCategory: 'none',
      position: { organizationId: s.organization, title: 'учитель', rate: 1, startDate: '2026-09-01' },
    },
  })),
  'POST /api/teachers/attach': organization((s) => ({
    body: {
      snils: s.teacherSnils,
      position: { organizationId: s.organization, title: 'совместитель', rate: 0.5, startDate: '2026-09-01' },
    },
  })),
  'GET /api/teacher-attach-requests': caller(),
  'POST /api/teacher-attach-requests/:id/confirm': organization((s) => ({
    ...id(s.attachRequest),
    body: v,
  })),
  'POST /api/teacher-attach-requests/:id/refuse': organization((s) => ({
    ...id(s.attachRequestToRefuse),
    body: { ...v, comment: 'Педагог не совмещает' },
  })),
  'GET /api/teachers/:id': organization((s) => id(s.teacher), { personal: true }),
  'PATCH /api/teachers/:id': organization((s) => ({
    ...id(s.teacher),
    body: { phone: '8 900 000-00-00', ...v },
  })),
  'DELETE /api/teachers/:id': organization((s) => id(s.teacher)),
  'GET /api/my-profile': caller(),
  ...teacherRecords(
    '/api/teachers/:id/positions',
    '/api/positions/:id',
    (s) => s.teacher,
    (s) => s.position,
    (s) => ({
      organizationId: s.organization,
      title: 'педагог-организатор',
      rate: 0.5,
      startDate: '2026-09-01',
    }),
    { rate: 0.75 },
  ),
  ...teacherRecords(
    '/api/teachers/:id/educations',
    '/api/educations/:id',
    (s) => s.teacher,
    (s) => s.education,
    () => ({ level: 'higher', institution: 'Педагогический университет', graduationYear: 2010 }),
    { specialty: 'учитель физики' },
  ),
  ...teacherRecords(
    '/api/teachers/:id/certifications',
    '/api/certifications/:id',
    (s) => s.teacher,
    (s) => s.certification,
    () => ({ date: '2026-10-01', result: 'first', documentNumber: '15-к' }),
    { documentNumber: '16-к' },
  ),
  ...teacherRecords(
    '/api/teachers/:id/diagnostics',
    '/api/diagnostics/:id',
    (s) => s.teacher,
    (s) => s.diagnostic,
    () => ({ date: '2026-10-01', level: 'municipal', instrument: 'Проверочная диагностика' }),
    { instrument: 'Другая методика' },
  ),
  ...teacherRecords(
    '/api/teachers/:id/trainings',
    '/api/trainings/:id',
    (s) => s.teacher,
    (s) => s.training,
    () => ({ type: 'upskilling', title: 'Курсы', hours: 36, startDate: '2026-10-01', endDate: '2026-10-10' }),
    { hours: 72 },
  ),
  ...teacherRecords(
    '/api/teachers/:id/competitions',
    '/api/competitions/:id',
    (s) => s.teacher,
    (s) => s.competition,
    () => ({ name: 'Учитель года', level: 'municipal', date: '2026-10-01', result: 'participant' }),
    { result: 'winner' },
  ),
  ...teacherRecords(
    '/api/teachers/:id/routes',
    '/api/routes/:id',
    (s) => s.teacher,
    (s) => s.route,
    () => ({ startDate: '2026-10-01', endDate: '2027-05-31', status: 'draft' }),
    { tutorName: 'Посторонний' },
  ),
  ...teacherRecords(
    '/api/routes/:id/steps',
    '/api/route-steps/:id',
    (s) => s.route,
    (s) => s.routeStep,
    (s) => ({ title: 'Посетить семинар', deadline: s.routeDeadline, status: 'planned' }),
    { result: 'выполнено' },
  ),

  'GET /api/providers': catalog(),
  'POST /api/providers': catalog(() => ({ body: { name: 'Проверочный центр', kind: 'other' } })),
  'GET /api/providers/:id': catalog((s) => id(s.provider)),
  // Kept by the department of the municipality that added the entry (s.provider: the demo district's).
  'PATCH /api/providers/:id': municipality((s) => ({ ...id(s.provider), body: { name: 'Центр', ...v } })),
  'DELETE /api/providers/:id': municipality((s) => id(s.provider)),
  'GET /api/deficits': catalog(),
  'POST /api/deficits': catalog(() => ({
    body: { code: 'П-99', area: 'subject', title: 'Проверочный дефицит' },
  })),
  'GET /api/deficits/:code': catalog((s) => ({ params: { code: s.deficit } })),
  'PATCH /api/deficits/:code': municipality((s) => ({
    params: { code: s.deficit },
    body: { title: 'Дефицит', ...v },
  })),
  'DELETE /api/deficits/:code': municipality((s) => ({ params: { code: s.deficit } })),

  'GET /api/reserve-position-kinds': catalog(),
  'POST /api/reserve-position-kinds': catalog(() => ({ body: { name: 'Проверочная должность' } })),
  'GET /api/reserve-position-kinds/:id': catalog((s) => id(s.reservePositionKind)),
  // Kept by the department of the municipality that added the kind.
  'PATCH /api/reserve-position-kinds/:id': municipality((s) => ({
    ...id(s.reservePositionKind),
    body: { name: 'Должность', ...v },
  })),
  'DELETE /api/reserve-position-kinds/:id': municipality((s) => id(s.reservePositionKind)),
  // The reserve is personnel work: read by the organization's manager and the department, not its teachers.
  'GET /api/reserve-candidates': organization((s) => ({ query: { organizationId: s.organization } }), {
    personal: true,
  }),
  'GET /api/reserve-candidates/export.xlsx': organization(
    (s) => ({ query: { organizationId: s.organization } }),
    { personal: true },
  ),
  'POST /api/reserve-candidates': organization((s) => ({
    body: {
      organizationId: s.organization,
      teacherId: s.colleague,
      positionKindId: s.reservePositionKind,
      orderNumber: '13-к',
      orderDate: '2026-09-01',
      includedDate: '2026-09-01',
    },
  })),
  'GET /api/reserve-candidates/:id': organization((s) => id(s.reserveCandidate), { personal: true }),
  'PATCH /api/reserve-candidates/:id': organization((s) => ({
    ...id(s.reserveCandidate),
    body: { notes: 'Посторонняя заметка', ...v },
  })),
  'DELETE /api/reserve-candidates/:id': organization((s) => id(s.reserveCandidate)),
  'GET /api/reserve-candidates/:id/plan': organization((s) => id(s.reserveCandidate), { personal: true }),
  'POST /api/reserve-candidates/:id/plan': organization((s) => ({
    ...id(s.reserveCandidate),
    body: { kind: 'free', title: 'Посторонний пункт' },
  })),
  'GET /api/reserve-plan-items/:id': organization((s) => id(s.reservePlanItem), { personal: true }),
  'PATCH /api/reserve-plan-items/:id': organization((s) => ({
    ...id(s.reservePlanItem),
    body: { doneDate: '2026-01-01', ...v },
  })),
  'DELETE /api/reserve-plan-items/:id': organization((s) => id(s.reservePlanItem)),

  // The register of the methodical service is kept and read in full (contacts) by the department; the names
  // to pick a curator or a tutor from are read within the caller's own municipalities.
  'GET /api/methodical-specialists': municipality((s) => ({ query: { municipalityId: s.municipality } }), {
    personal: true,
  }),
  'GET /api/methodical-specialists/export.xlsx': municipality(
    (s) => ({ query: { municipalityId: s.municipality } }),
    { personal: true },
  ),
  'GET /api/methodical-specialists/names': caller(),
  'POST /api/methodical-specialists': municipality((s) => ({
    body: { municipalityId: s.municipality, fullName: 'Посторонний Специалист', roles: ['tutor'] },
  })),
  'GET /api/methodical-specialists/:id': municipality((s) => id(s.specialist), { personal: true }),
  'PATCH /api/methodical-specialists/:id': municipality((s) => ({
    ...id(s.specialist),
    body: { notes: 'Посторонняя заметка', ...v },
  })),
  'DELETE /api/methodical-specialists/:id': municipality((s) => id(s.specialist)),
  'POST /api/methodical-specialists/:id/account': municipality((s) => ({
    ...id(s.specialist),
    body: { login: 'postoronniy' },
  })),

  // The lists the department acts on name teachers with their dates: the organization's manager and the department.
  'GET /api/action-lists/:list': organization(
    (s) => ({ params: { list: 'pension' }, query: { organizationId: s.organization } }),
    { personal: true },
  ),
  'GET /api/action-lists/:list/export.xlsx': organization(
    (s) => ({ params: { list: 'no-training' }, query: { organizationId: s.organization } }),
    { personal: true },
  ),
  'GET /api/vacancies/summary': municipality((s) => ({ query: { municipalityId: s.municipality } })),
  'GET /api/vacancies/completeness': municipality((s) => ({ query: { municipalityId: s.municipality } })),
  'GET /api/vacancies/completeness.xlsx': municipality((s) => ({
    query: { municipalityId: s.municipality },
  })),
  'POST /api/vacancies/remind': municipality((s) => ({ body: { municipalityId: s.municipality } })),
  ...organizationRecords(
    '/api/vacancies',
    (s) => s.vacancy,
    () => ({ month: '2026-10', position: 'учитель', subject: 'химия', count: 1 }),
    { count: 2 },
  ),
  // The forecast counts people by age and sex: the organization's manager and the department, as the lists.
  'GET /api/staffing-forecast': organization((s) => ({ query: { organizationId: s.organization } }), {
    personal: true,
  }),
  'GET /api/staffing-forecast/export.xlsx': organization(
    (s) => ({ query: { organizationId: s.organization, horizon: 2 } }),
    { personal: true },
  ),
  'GET /api/target-students/export.xlsx': organization((s) => ({
    query: { organizationId: s.organization },
  })),
  ...organizationRecords(
    '/api/target-students',
    (s) => s.targetStudent,
    () => ({
      fullName: 'Посторонний Студент',
      university: 'Университет',
      specialty: 'Педагогическое образование',
      subject: 'физика',
      graduationYear: 2029,
      contractNumber: '1',
      contractDate: '2025-08-01',
    }),
    { notes: 'Посторонняя заметка' },
  ),
  ...organizationRecords(
    '/api/normative-acts',
    (s) => s.act,
    () => ({
      kind: 'mentoring',
      number: '1-од',
      date: '2026-09-01',
      title: 'Положение',
      validFrom: '2026-09-01',
    }),
    { title: 'Положение (новая редакция)' },
  ),
  ...organizationRecords(
    '/api/mentoring-programs',
    (s) => s.mentoringProgram,
    () => ({ title: 'Программа наставничества', startDate: '2026-09-01' }),
    { title: 'Программа (новая редакция)' },
  ),
  ...organizationRecords(
    '/api/mentoring-pairs',
    (s) => s.mentoringPair,
    (s) => ({
      programId: s.mentoringProgram,
      mentorId: s.teacher,
      menteeId: s.colleague,
      form: 'педагог — педагог',
      startDate: '2026-09-01',
    }),
    { outcome: 'Посторонний итог' },
  ),
  ...organizationRecords(
    '/api/associations',
    (s) => s.association,
    () => ({ name: 'ШМО учителей', level: 'institutional', type: 'shmo', startDate: '2026-09-01' }),
    { subject: 'химия' },
  ),
  'GET /api/association-members': caller((s) => ({ query: { teacherId: s.teacher } })),
  'PATCH /api/association-members/:id': organization((s) => ({
    ...id(s.associationMember),
    body: { leftOn: '2026-12-31', ...v },
  })),
  'DELETE /api/association-members/:id': organization((s) => id(s.associationMember)),
  'GET /api/associations/:id/members': organization((s) => id(s.association)),
  'POST /api/associations/:id/members': organization((s) => ({
    ...id(s.association),
    body: { teacherId: s.colleague, joinedOn: '2026-09-01' },
  })),
  'GET /api/associations/:id/members/candidates': organization((s) => id(s.association)),
  ...organizationRecords(
    '/api/events',
    (s) => s.event,
    () => ({ title: 'Открытый урок', level: 'institutional', date: '2026-10-15', format: 'offline' }),
    { title: 'Открытый урок (перенесён)' },
  ),
  'GET /api/event-participations': caller((s) => ({ query: { teacherId: s.teacher } })),
  'PATCH /api/event-participations/:id': organization((s) => ({
    ...id(s.eventParticipation),
    body: { role: 'participant', ...v },
  })),
  'DELETE /api/event-participations/:id': organization((s) => id(s.eventParticipation)),
  'GET /api/events/:id/participants': organization((s) => id(s.event)),
  'POST /api/events/:id/participants': organization((s) => ({
    ...id(s.event),
    body: { teacherIds: [s.colleague], role: 'participant' },
  })),
  'GET /api/events/:id/participants/candidates': organization((s) => id(s.event)),

  'GET /api/organizations/:id/workbook': organization((s) => id(s.organization), { personal: true }),
  'POST /api/organizations/:id/imports': organization((s) => ({
    ...id(s.organization),
    file: { name: 'сведения.xlsx', type: XLSX, content: s.formWorkbook },
  })),
  'GET /api/imports/:id': organization((s) => id(s.importId), { personal: true, owner: 'school5' }),
  'POST /api/imports/:id/confirm': organization((s) => id(s.importId), { owner: 'school5' }),
  'DELETE /api/imports/:id': organization((s) => id(s.importToCancel), { owner: 'school5' }),
};
