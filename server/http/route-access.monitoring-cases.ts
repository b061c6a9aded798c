import {
  PROGRAM_FILE_FORMAT,
  PROGRAM_FILE_VERSION,
  templateToDefinition,
} from '../../core/programs/program-file.ts';
import { findTemplate } from '../../core/templates/index.ts';
import type { Samples } from './route-access.samples.ts';
import {
  caller,
  catalog,
  id,
  municipality,
  organization,
  publicRoute,
  region,
  v,
  XLSX,
  type RouteCase,
} from './route-access.scopes.ts';

/** The route table, part two: monitoring — programs, campaigns, analysis, the roadmap, documents. */

/** A real program file (seed 004), so that the owner's import goes through as a dry run. */
const SAMPLE_PROGRAM_FILE = JSON.stringify({
  format: PROGRAM_FILE_FORMAT,
  formatVersion: PROGRAM_FILE_VERSION,
  program: templateToDefinition(findTemplate('seed-004-myasnikovsky')!),
});

const submission = (s: Samples) => ({ id: s.campaign, organizationId: s.organization });

export const MONITORING_CASES: Record<string, RouteCase> = {
  'GET /api/program-templates': catalog(),
  'GET /api/programs': municipality((s) => ({ query: { municipalityId: s.municipality } }), {
    aggregate: true,
  }),
  'POST /api/programs': municipality((s) => ({
    body: { municipalityId: s.municipality, title: 'Посторонняя программа' },
  })),
  'GET /api/programs/:id': municipality((s) => id(s.program), { aggregate: true }),
  'POST /api/regions/:id/regional-programs': region((s) => ({
    ...id(s.region),
    body: { content: s.regionalProgramFile },
  })),
  'POST /api/regional-programs/:id/adopt': municipality((s) => ({
    ...id(s.regionalProgram),
    body: { municipalityId: s.municipality },
  })),
  'GET /api/regional-programs/:id/results': region(
    (s) => ({ ...id(s.regionalProgram), query: { year: s.year } }),
    { aggregate: true },
  ),
  'GET /api/regions/:id/regional-programs': region((s) => id(s.region), { aggregate: true }),
  'GET /api/municipalities/:id/regional-programs': municipality((s) => id(s.municipality), {
    aggregate: true,
  }),
  'GET /api/regional-programs/:id/analysis': region(
    (s) => ({ ...id(s.adoptedRegionalProgram), query: { year: s.year } }),
    { aggregate: true },
  ),
  'GET /api/regional-programs/:id/municipalities/:municipalityId/analysis': region(
    (s) => ({
      params: { id: s.adoptedRegionalProgram, municipalityId: s.municipality },
      query: { year: s.year },
    }),
    { aggregate: true },
  ),
  'GET /api/regional-programs/:id/organizations/:organizationId': region(
    (s) => ({
      params: { id: s.adoptedRegionalProgram, organizationId: s.organization },
      query: { year: s.year },
    }),
    { aggregate: true },
  ),
  'GET /api/regional-programs/:id/documents/:kind': region(
    (s) => ({ params: { id: s.adoptedRegionalProgram, kind: 'report' }, query: { year: s.year } }),
    { aggregate: true },
  ),
  'GET /api/campaigns/:id/regional-submission': municipality((s) => id(s.closedCampaign), {
    aggregate: true,
  }),
  // The sample campaign is of a municipal program and already with the region: the owner gets 409 for both.
  'POST /api/campaigns/:id/regional-submission': municipality((s) => ({
    ...id(s.closedCampaign),
    body: { version: 1 },
  })),
  'POST /api/campaigns/:id/reopen': municipality((s) => ({ ...id(s.closedCampaign), body: { version: 1 } })),
  'GET /api/regional-submissions': caller(),
  'GET /api/regional-submissions/:id': region((s) => id(s.regionalSubmission), { aggregate: true }),
  'POST /api/regional-submissions/:id/accept': region((s) => ({
    ...id(s.regionalSubmission),
    body: { version: 1 },
  })),
  'POST /api/regional-submissions/:id/return': region((s) => ({
    ...id(s.regionalSubmission),
    body: { version: 1, comment: 'Исправьте значения' },
  })),
  'GET /api/regions/:id/muko': region((s) => ({ ...id(s.region), query: { year: s.year } }), {
    aggregate: true,
  }),
  'GET /api/regions/:id/muko.xlsx': region((s) => ({ ...id(s.region), query: { year: s.year } }), {
    aggregate: true,
  }),
  'GET /api/regions/:id/muko.docx': region((s) => ({ ...id(s.region), query: { year: s.year } }), {
    aggregate: true,
  }),
  'POST /api/regions/:id/muko/scores': region((s) => ({
    ...id(s.region),
    body: {
      municipalityId: s.municipality,
      year: s.year,
      elementKey: 'goals',
      score: 1,
      evidence: ['https://example.org/programma'],
      comment: 'Цели утверждены приказом',
      version: 0,
    },
  })),
  'PATCH /api/programs/:id': municipality((s) => ({
    ...id(s.program),
    body: { title: 'Переименована', ...v },
  })),
  'DELETE /api/programs/:id': municipality((s) => id(s.program)),
  'POST /api/programs/from-template': municipality((s) => ({
    body: { municipalityId: s.municipality, templateCode: 'seed-004-myasnikovsky' },
  })),
  'GET /api/programs/:id/file': municipality((s) => id(s.program)),
  'POST /api/programs/import': municipality((s) => ({
    body: { municipalityId: s.municipality, content: SAMPLE_PROGRAM_FILE, dryRun: true },
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
  'GET /api/programs/:id/results': municipality((s) => ({ ...id(s.program), query: { year: s.year } }), {
    aggregate: true,
  }),
  'GET /api/programs/:id/drilldown': organization(
    (s) => ({
      ...id(s.program),
      query: { year: s.year, indicator: s.teacherIndicatorCode, organizationId: s.organization },
    }),
    { personal: true },
  ),
  'GET /api/programs/:id/drilldown.xlsx': organization(
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
  'GET /api/campaigns/:id': municipality((s) => id(s.campaign), { aggregate: true }),
  'PATCH /api/campaigns/:id': municipality((s) => ({
    ...id(s.campaign),
    body: { title: 'Переименован', ...v },
  })),
  'DELETE /api/campaigns/:id': municipality((s) => id(s.campaign)),
  'GET /api/campaigns/:id/results': municipality((s) => id(s.closedCampaign), { aggregate: true }),
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
  'GET /api/campaigns/:id/completeness.xlsx': municipality((s) => ({
    ...id(s.campaign),
    query: { timeliness: 'not_sent', sort: 'responsible', dir: 'desc' },
  })),
  'POST /api/campaigns/:id/remind': municipality((s) => ({
    ...id(s.campaign),
    body: { organizationIds: [s.organization] },
  })),
  'GET /api/todo': municipality((s) => ({ query: { municipalityId: s.municipality } })),

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
  'GET /api/campaigns/:id/conclusions/check': municipality((s) => id(s.closedCampaign)),
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
  'GET /api/recommendations/:id/files': organization((s) => id(s.recommendation)),
  // The addressed school attaches and removes the files of its report; the department reads them.
  'POST /api/recommendations/:id/files': organization(
    (s) => ({
      ...id(s.recommendation),
      file: { name: 'отчёт.pdf', type: 'application/pdf', content: Buffer.from('%PDF-1.4 посторонний') },
    }),
    { owner: 'school5' },
  ),
  'GET /api/recommendations/:id/files/:fileId': organization((s) => ({
    params: { id: s.recommendation, fileId: s.reportFile },
  })),
  'DELETE /api/recommendations/:id/files/:fileId': organization(
    (s) => ({ params: { id: s.recommendation, fileId: s.reportFile } }),
    { owner: 'school5' },
  ),
  'POST /api/recommendations/:id/review': organization((s) => ({
    ...id(s.recommendation),
    body: { decision: 'return', comment: 'Посторонний комментарий', ...v },
  })),
  // A school's report on a group recommendation: only its own; the review is the department's.
  'GET /api/recommendations/:id/reports': organization((s) => id(s.groupRecommendation)),
  'PATCH /api/recommendations/:id/reports/:organizationId': organization(
    (s) => ({
      params: { id: s.groupRecommendation, organizationId: s.organization },
      body: { status: 'in_progress', report: 'Семинар проведён.', version: 1 },
    }),
    { owner: 'school5' },
  ),
  'GET /api/recommendations/:id/reports/:organizationId/files': organization((s) => ({
    params: { id: s.groupRecommendation, organizationId: s.organization },
  })),
  'POST /api/recommendations/:id/reports/:organizationId/files': organization(
    (s) => ({
      params: { id: s.groupRecommendation, organizationId: s.organization },
      file: { name: 'отчёт.pdf', type: 'application/pdf', content: Buffer.from('%PDF-1.4 отчёт') },
    }),
    { owner: 'school5' },
  ),
  'GET /api/recommendations/:id/reports/:organizationId/files/:fileId': organization((s) => ({
    params: { id: s.groupRecommendation, organizationId: s.organization, fileId: s.groupReportFile },
  })),
  'DELETE /api/recommendations/:id/reports/:organizationId/files/:fileId': organization(
    (s) => ({
      params: { id: s.groupRecommendation, organizationId: s.organization, fileId: s.groupReportFile },
    }),
    { owner: 'school5' },
  ),
  'POST /api/recommendations/:id/reports/:organizationId/review': organization((s) => ({
    params: { id: s.groupRecommendation, organizationId: s.organization },
    body: { decision: 'accept', version: 1 },
  })),
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
  'GET /api/public/organizations/:id': publicRoute(
    "an organization's own aggregates of the published reports: no personal data, small groups hidden",
    (s) => id(s.organization),
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
  'GET /api/campaigns/:id/announcement-letter': municipality((s) => id(s.campaign)),
  'GET /api/campaigns/:id/announcements': municipality((s) => id(s.campaign)),
  'GET /api/campaigns/:id/announcements/:sendingId/progress': municipality((s) => ({
    params: { id: s.campaign, sendingId: s.campaignAnnouncement },
  })),
  'POST /api/campaigns/:id/announcements': municipality((s) => ({
    ...id(s.campaign),
    body: { confirmResend: true },
  })),
  'GET /api/campaigns/:id/organizations/:organizationId/announcement': organization((s) => ({
    params: { id: s.campaign, organizationId: s.organization },
  })),
  'GET /api/campaigns/:id/materials': municipality((s) => id(s.campaign)),
  'POST /api/campaigns/:id/files': municipality((s) => ({
    ...id(s.campaign),
    file: { name: 'памятка.pdf', type: 'application/pdf', content: Buffer.from('%PDF-1.4 памятка') },
  })),
  'GET /api/campaigns/:id/files/:fileId': municipality((s) => ({
    params: { id: s.campaign, fileId: s.campaignFile },
  })),
  'DELETE /api/campaigns/:id/files/:fileId': municipality((s) => ({
    params: { id: s.campaign, fileId: s.campaignFile },
  })),
  'GET /api/campaigns/:id/due-dates': municipality((s) => id(s.campaign)),
  'PUT /api/campaigns/:id/due-dates': municipality((s) => ({
    ...id(s.campaign),
    body: { items: [{ indicatorCode: s.campaignIndicatorCode, rule: { kind: 'monthly', day: 10 } }] },
  })),
  'PUT /api/programs/:id/normative-acts': municipality((s) => ({
    ...id(s.program),
    body: { normativeActIds: [s.municipalAct] },
  })),
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
  'GET /api/campaigns/:id/letter-content': organization((s) => ({
    ...id(s.closedCampaign),
    query: { organizationId: s.organization },
  })),
  'GET /api/campaigns/:id/documents/:kind': organization((s) => ({
    params: { id: s.closedCampaign, kind: 'letters' },
    query: { organizationId: s.organization },
  })),
  // Website monitoring: the department runs and configures it; a school reads its own row. The sample
  // organization has no site address, so the owner's run ends at once without a request to the network.
  'GET /api/municipalities/:id/website-checks': municipality((s) => id(s.municipality)),
  'GET /api/municipalities/:id/website-checks.xlsx': municipality((s) => id(s.municipality)),
  'POST /api/municipalities/:id/website-checks': municipality((s) => ({
    ...id(s.municipality),
    body: { organizationId: s.organization },
  })),
  'PUT /api/municipalities/:id/website-requirements': municipality((s) => ({
    ...id(s.municipality),
    body: {
      requirements: [{ code: 'sveden', title: 'Сведения об ОО', keywords: [], paths: ['/sveden'] }],
      version: 0,
    },
  })),
  'PUT /api/organizations/:id/website-overrides/:code': organization((s) => ({
    params: { id: s.organization, code: 'sveden' },
    body: { isFound: true, url: 'https://school.example/sveden/' },
  })),
  'DELETE /api/organizations/:id/website-overrides/:code': organization((s) => ({
    params: { id: s.organization, code: 'sveden' },
  })),
};
