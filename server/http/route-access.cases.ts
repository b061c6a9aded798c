import type { Samples } from './route-access.samples.ts';
import type { Caller, UploadFile } from './route-access.world.ts';

/**
 * Every route of the API, with what it reaches and a real request against the demo district. The sweep in
 * route-access.test.ts calls each route as an anonymous user, as the coordinator of another municipality,
 * as the manager of another school, as a teacher and as an association leader, and fails on a route that
 * has no entry here — so a new route is checked from the day it is added.
 *
 * Adding a route: add `'METHOD /api/pattern': scope(...)` below, choosing the scope by whose data it reaches:
 * - `organization(call)` — a record of one organization or of its teachers (the call names one of the
 *   sample organization's records): refused to other municipalities and to other organizations' managers;
 * - `municipality(call)` — a record of the municipality as a whole (programs, campaigns, РМО…): refused to
 *   other municipalities;
 * - `caller(call)` — about the caller itself, or a list answered within the caller's own scope;
 * - `catalog(call)` — shared by every municipality (deficits, providers, templates);
 * - `publicRoute(reason, call)` — answered without a session (rare: say why).
 * Give `call` params, query and a body that passes the route's schema, so the request reaches the
 * authorization check rather than stopping at validation; `personal: true` marks reads of teachers'
 * personal data (refused to the teacher role for colleagues).
 */

export type Scope = 'organization' | 'municipality' | 'caller' | 'catalog' | 'public';

export interface Call {
  params?: Record<string, string | number>;
  query?: Record<string, string | number | boolean>;
  body?: unknown;
  file?: UploadFile;
}

export interface RouteCase {
  scope: Scope;
  call: (s: Samples) => Call;
  /** A read of teachers' personal data (birth date, СНИЛС, contacts, records). */
  personal?: boolean;
  /** Why the route answers without a session. */
  reason?: string;
  /** Logs the caller out: checked anonymously only. */
  endsSession?: boolean;
  /** Who may make this request against the samples (default: the coordinator of the demo district). */
  owner?: Caller;
}

type Options = Pick<RouteCase, 'personal' | 'owner' | 'endsSession'>;
const none = (): Call => ({});
const organization = (call: RouteCase['call'], options: Options = {}): RouteCase => ({
  scope: 'organization',
  call,
  ...options,
});
const municipality = (call: RouteCase['call'], options: Options = {}): RouteCase => ({
  scope: 'municipality',
  call,
  ...options,
});
const caller = (call: RouteCase['call'] = none, options: Options = {}): RouteCase => ({
  scope: 'caller',
  call,
  ...options,
});
const catalog = (call: RouteCase['call'] = none): RouteCase => ({ scope: 'catalog', call });
const publicRoute = (reason: string, call: RouteCase['call'] = none, options: Options = {}): RouteCase => ({
  scope: 'public',
  reason,
  call,
  ...options,
});

const v = { version: 1 };
const id = (value: number | string) => ({ params: { id: value } });
const DOCS = 'OpenAPI documentation of the API: describes the routes, holds no data';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const submission = (s: Samples) => ({ id: s.campaign, organizationId: s.organization });

/** The records of a teacher (or of an ИОМ): list and add through the parent, change and delete by id. */
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

export const ROUTE_CASES: Record<string, RouteCase> = {
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
  'GET /api/municipalities/:id': municipality((s) => id(s.municipality)),
  'PATCH /api/municipalities/:id': municipality(
    (s) => ({ ...id(s.municipality), body: { headName: 'Посторонний', ...v } }),
    { owner: 'admin' },
  ),

  'GET /api/organizations': caller((s) => ({ query: { municipalityId: s.municipality } })),
  'POST /api/organizations': municipality((s) => ({
    body: {
      municipalityId: s.municipality,
      name: 'Новая школа района',
      shortName: 'Новая школа',
      kind: 'school',
    },
  })),
  'GET /api/organizations/:id': organization((s) => id(s.organization)),
  'PATCH /api/organizations/:id': organization((s) => ({
    ...id(s.organization),
    body: { phone: '8 (800) 000-00-00', ...v },
  })),

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
    () => ({ title: 'Посетить семинар', deadline: '2026-12-01', status: 'planned' }),
    { result: 'выполнено' },
  ),

  'GET /api/providers': catalog(),
  'POST /api/providers': catalog(() => ({ body: { name: 'Проверочный центр', kind: 'other' } })),
  'GET /api/providers/:id': catalog((s) => id(s.provider)),
  'PATCH /api/providers/:id': catalog((s) => ({ ...id(s.provider), body: { name: 'Центр', ...v } })),
  'DELETE /api/providers/:id': catalog((s) => id(s.provider)),
  'GET /api/deficits': catalog(),
  'POST /api/deficits': catalog(() => ({
    body: { code: 'П-99', area: 'subject', title: 'Проверочный дефицит' },
  })),
  'GET /api/deficits/:code': catalog((s) => ({ params: { code: s.deficit } })),
  'PATCH /api/deficits/:code': catalog((s) => ({ params: { code: s.deficit }, body: { title: 'Дефицит' } })),
  'DELETE /api/deficits/:code': catalog((s) => ({ params: { code: s.deficit } })),

  'GET /api/vacancies/summary': municipality((s) => ({ query: { municipalityId: s.municipality } })),
  ...organizationRecords(
    '/api/vacancies',
    (s) => s.vacancy,
    () => ({ month: '2026-10', position: 'учитель', subject: 'химия', count: 1 }),
    { count: 2 },
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

  'GET /api/program-templates': catalog(),
  'GET /api/programs': municipality((s) => ({ query: { municipalityId: s.municipality } })),
  'POST /api/programs': municipality((s) => ({
    body: { municipalityId: s.municipality, title: 'Посторонняя программа' },
  })),
  'GET /api/programs/:id': municipality((s) => id(s.program)),
  'PATCH /api/programs/:id': municipality((s) => ({
    ...id(s.program),
    body: { title: 'Переименована', ...v },
  })),
  'DELETE /api/programs/:id': municipality((s) => id(s.program)),
  'POST /api/programs/from-template': municipality((s) => ({
    body: { municipalityId: s.municipality, templateCode: 'seed-004-myasnikovsky' },
  })),
  'POST /api/formulas/validate': catalog(() => ({ body: { formula: 'teachers()' } })),
  'POST /api/programs/:id/criteria': municipality((s) => ({
    ...id(s.program),
    body: { code: '99', title: 'Посторонний критерий' },
  })),
  'PATCH /api/criteria/:id': municipality((s) => ({ ...id(s.criterion), body: { title: 'Критерий', ...v } })),
  'DELETE /api/criteria/:id': municipality((s) => id(s.criterion)),
  'POST /api/programs/:id/indicators': municipality((s) => ({
    ...id(s.program),
    body: {
      criterionId: s.criterion,
      code: '99.1',
      name: 'Посторонний показатель',
      unit: 'count',
      numerator: 'teachers()',
      factor: 1,
      direction: 'higher',
    },
  })),
  'PATCH /api/indicators/:id': municipality((s) => ({ ...id(s.indicator), body: { note: 'Заметка', ...v } })),
  'DELETE /api/indicators/:id': municipality((s) => id(s.indicator)),
  'POST /api/programs/:id/form-fields': municipality((s) => ({
    ...id(s.program),
    body: { code: 'extra_field', label: 'Дополнительное поле', type: 'integer' },
  })),
  'PATCH /api/form-fields/:id': municipality((s) => ({
    ...id(s.formField),
    body: { hint: 'Подсказка', ...v },
  })),
  'DELETE /api/form-fields/:id': municipality((s) => id(s.formField)),
  'GET /api/programs/:id/results': municipality((s) => ({ ...id(s.program), query: { year: s.year } })),
  'GET /api/programs/:id/drilldown': organization(
    (s) => ({
      ...id(s.program),
      query: { year: s.year, indicator: s.teacherIndicatorCode, organizationId: s.organization },
    }),
    { personal: true },
  ),
  'POST /api/programs/:id/preview': municipality((s) => ({
    ...id(s.program),
    body: { unit: 'count', numerator: 'teachers()', factor: 1, year: s.year },
  })),

  'GET /api/campaigns': caller(),
  'POST /api/campaigns': municipality((s) => ({ body: { programId: s.program, year: 2027 } })),
  'GET /api/campaigns/:id': municipality((s) => id(s.campaign)),
  'PATCH /api/campaigns/:id': municipality((s) => ({
    ...id(s.campaign),
    body: { title: 'Переименован', ...v },
  })),
  'GET /api/campaigns/:id/results': municipality((s) => id(s.closedCampaign)),
  'GET /api/campaigns/:id/organizations/:organizationId/submission': organization((s) => ({
    params: submission(s),
  })),
  'PUT /api/campaigns/:id/organizations/:organizationId/submission': organization(
    (s) => ({ params: submission(s), body: { values: {}, version: null } }),
    { owner: 'school5' },
  ),
  'POST /api/campaigns/:id/organizations/:organizationId/submission/submit': organization(
    (s) => ({ params: submission(s), body: v }),
    { owner: 'school5' },
  ),
  'POST /api/campaigns/:id/organizations/:organizationId/submission/accept': organization((s) => ({
    params: submission(s),
    body: v,
  })),
  'POST /api/campaigns/:id/organizations/:organizationId/submission/return': organization((s) => ({
    params: submission(s),
    body: { comment: 'Исправьте значения', ...v },
  })),
  'POST /api/campaigns/:id/organizations/:organizationId/reopen': organization((s) => ({
    params: submission(s),
    body: { until: '2026-12-01' },
  })),
  'GET /api/campaigns/:id/organizations/:organizationId/submission/form.xlsx': organization((s) => ({
    params: submission(s),
  })),
  'POST /api/campaigns/:id/organizations/:organizationId/submission/form.xlsx': organization(
    (s) => ({ params: submission(s), file: { name: 'форма.xlsx', type: XLSX, content: s.formWorkbook } }),
    { owner: 'school5' },
  ),
  'POST /api/campaigns/:id/close': municipality((s) => id(s.campaign)),

  'GET /api/notifications': caller(),
  'POST /api/notifications/read': caller(() => ({ body: { all: true } })),
  'GET /api/settings/smtp': caller(),
  'PUT /api/settings/smtp': caller(() => ({
    body: { host: 'smtp.example.ru', port: 25, from: 'Отдел образования <roo@example.ru>' },
  })),
  'POST /api/settings/smtp/test': caller(() => ({ body: { to: 'someone@example.ru' } })),
  'POST /api/reminders/run': caller(),

  'GET /api/campaigns/:id/analysis': municipality((s) => id(s.closedCampaign)),
  'GET /api/campaigns/:id/conclusions': municipality((s) => id(s.closedCampaign)),
  'POST /api/campaigns/:id/conclusions': municipality((s) => ({
    ...id(s.closedCampaign),
    body: { text: 'Посторонний вывод' },
  })),
  // Generation replaces the conclusions (and untouched recommendations): done on the other campaign, so
  // the sample records survive for the requests after it.
  'POST /api/campaigns/:id/conclusions/generate': municipality((s) => id(s.campaign)),
  'PATCH /api/conclusions/:id': municipality((s) => ({
    ...id(s.conclusion),
    body: { text: 'Вывод изменён', ...v },
  })),
  'DELETE /api/conclusions/:id': municipality((s) => id(s.conclusion)),
  'GET /api/campaigns/:id/recommendations': municipality((s) => id(s.closedCampaign)),
  'POST /api/campaigns/:id/recommendations': organization((s) => ({
    ...id(s.closedCampaign),
    body: { organizationId: s.organization, text: 'Посторонняя рекомендация' },
  })),
  'POST /api/campaigns/:id/recommendations/generate': municipality((s) => id(s.campaign)),
  'PATCH /api/recommendations/:id': organization((s) => ({
    ...id(s.recommendation),
    body: { status: 'in_progress', report: 'Посторонний отчёт', ...v },
  })),
  'DELETE /api/recommendations/:id': organization((s) => id(s.recommendation)),
  'GET /api/my-recommendations': caller(),
  'GET /api/programs/:id/recommendation-rules': municipality((s) => id(s.program)),
  'POST /api/programs/:id/recommendation-rules': municipality((s) => ({
    ...id(s.program),
    body: { indicatorCode: s.indicatorCode, level: 'low', target: 'organization', text: 'Посторонний текст' },
  })),
  'PATCH /api/recommendation-rules/:id': municipality((s) => ({
    ...id(s.rule),
    body: { text: 'Правило', ...v },
  })),
  'DELETE /api/recommendation-rules/:id': municipality((s) => id(s.rule)),
  'GET /api/campaigns/:id/report': municipality((s) => id(s.closedCampaign)),
  'PUT /api/campaigns/:id/report': municipality((s) => ({
    ...id(s.closedCampaign),
    body: { introduction: 'Посторонний текст' },
  })),
  'GET /api/public/campaigns': publicRoute('the list of published reports'),
  'GET /api/public/campaigns/:id': publicRoute('a published report: aggregates without personal data', (s) =>
    id(s.closedCampaign),
  ),

  'GET /api/roadmap-templates': catalog(),
  'GET /api/roadmaps': caller(),
  'POST /api/roadmaps': municipality((s) => ({
    body: {
      municipalityId: s.municipality,
      title: 'Посторонняя карта',
      periodStart: '2026-09-01',
      periodEnd: '2027-08-31',
    },
  })),
  'POST /api/roadmaps/from-template': municipality((s) => ({
    body: { municipalityId: s.municipality, startYear: 2026 },
  })),
  'GET /api/roadmaps/:id': municipality((s) => id(s.roadmap)),
  'PATCH /api/roadmaps/:id': municipality((s) => ({
    ...id(s.roadmap),
    body: { title: 'Переименована', ...v },
  })),
  'GET /api/roadmaps/:id/effect': municipality((s) => id(s.roadmap)),
  'POST /api/roadmaps/:id/measures': municipality((s) => ({
    ...id(s.roadmap),
    body: {
      section: '1',
      number: '1.99',
      title: 'Постороннее мероприятие',
      deadlineKind: 'as_needed',
      executors: 'Методический кабинет',
    },
  })),
  'PATCH /api/measures/:id': municipality((s) => ({
    ...id(s.measure),
    body: { title: 'Мероприятие', ...v },
  })),
  'DELETE /api/measures/:id': municipality((s) => id(s.measure)),
  'GET /api/decisions': caller(),
  'POST /api/decisions': municipality((s) => ({
    body: { municipalityId: s.municipality, kind: 'order', date: '2026-10-01', title: 'Посторонний приказ' },
  })),
  'PATCH /api/decisions/:id': municipality((s) => ({ ...id(s.decision), body: { title: 'Приказ', ...v } })),
  'DELETE /api/decisions/:id': municipality((s) => id(s.decision)),
  'POST /api/files': municipality((s) => ({
    query: { municipalityId: s.municipality },
    file: { name: 'документ.txt', type: 'text/plain', content: Buffer.from('Посторонний документ') },
  })),
  'GET /api/files/:id': municipality((s) => id(s.file)),
  'GET /api/muko': municipality((s) => ({ query: { municipalityId: s.municipality } })),
  'GET /api/muko.xlsx': municipality((s) => ({ query: { municipalityId: s.municipality } })),
  'GET /api/muko.docx': municipality((s) => ({ query: { municipalityId: s.municipality } })),

  'GET /api/campaigns/:id/documents': municipality((s) => id(s.closedCampaign)),
  'POST /api/campaigns/:id/documents': organization((s) => ({
    ...id(s.closedCampaign),
    body: { kind: 'letters', organizationId: s.organization },
  })),
  'GET /api/document-jobs/:jobId': organization((s) => ({ params: { jobId: s.documentJob } }), {
    owner: 'school5',
  }),
  'GET /api/document-jobs/:jobId/file': organization((s) => ({ params: { jobId: s.documentJob } }), {
    owner: 'school5',
  }),
  'GET /api/my-letters': caller(),
  'GET /api/campaigns/:id/documents/:kind': organization((s) => ({
    params: { id: s.closedCampaign, kind: 'letters' },
    query: { organizationId: s.organization },
  })),
};

/** The URL of a call: the pattern with its parameters filled in, and the query. */
export function urlOf(pattern: string, call: Call): string {
  const path = pattern.replace(/:(\w+)|\*/g, (match, name?: string) => {
    const value = call.params?.[name ?? '*'];
    if (value === undefined) throw new Error(`${pattern}: the call gives no value for ${match}`);
    return encodeURIComponent(String(value));
  });
  const query = new URLSearchParams(
    Object.entries(call.query ?? {}).map(([key, value]) => [key, String(value)]),
  ).toString();
  return query ? `${path}?${query}` : path;
}
