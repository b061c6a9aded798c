import { caller, catalog, id, organization, publicRoute, v, type RouteCase } from './route-access.scopes.ts';

/**
 * The route table, part four: the methodical space — the bank of practices (a school's draft is its own;
 * the catalog of published entries is the municipality's) and the bank of difficulties (counts for the
 * municipality, the teachers behind a count for their school and the department only).
 */
const practice = (s: { practice: number }) => id(s.practice);

export const METHODICAL_CASES: Record<string, RouteCase> = {
  'GET /api/practice-criteria': catalog(),
  'GET /api/practices': caller(),
  'POST /api/practices': organization((s) => ({
    body: {
      organizationId: s.organization,
      title: 'Посторонняя разработка',
      kind: 'development',
      authorIds: [s.teacher],
    },
  })),
  'GET /api/practices/:id': organization(practice),
  'PATCH /api/practices/:id': organization((s) => ({ ...practice(s), body: { title: 'Чужое', ...v } })),
  'DELETE /api/practices/:id': organization(practice),
  'POST /api/practices/:id/transitions': organization((s) => ({
    ...practice(s),
    body: { action: 'submit', ...v },
  })),
  // Scored by its expert only: the demo's teacher account is the expert of the other school's sample.
  'PUT /api/practices/:id/review': organization(
    (s) => ({
      ...id(s.practiceOnReview),
      body: { scores: { relevance: 5, novelty: 4, effectiveness: 4, transferability: 3, quality: 5 } },
    }),
    { owner: 'teacher' },
  ),
  'GET /api/practices/:id/reviewer-candidates': organization(practice),
  'POST /api/practices/:id/events': organization((s) => ({ ...practice(s), body: { eventId: s.event } })),
  'DELETE /api/practices/:id/events/:eventId': organization((s) => ({
    params: { id: s.practice, eventId: s.event },
  })),
  'POST /api/practices/:id/files': organization((s) => ({
    ...practice(s),
    file: { name: 'чужое.pdf', type: 'application/pdf', content: Buffer.from('%PDF-1.4 посторонний') },
  })),
  'GET /api/practices/:id/files/:fileId': organization((s) => ({
    params: { id: s.practice, fileId: s.practiceFile },
  })),
  'DELETE /api/practices/:id/files/:fileId': organization((s) => ({
    params: { id: s.practice, fileId: s.practiceFile },
  })),
  'GET /api/public/municipalities/:id/practices': publicRoute(
    'the public page of a municipality with a published report: the practices the coordinator showed, without persons',
    (s) => id(s.municipality),
  ),
  'GET /api/difficulties': caller(),
  'GET /api/difficulties/teachers': organization(
    (s) => ({
      query: { municipalityId: s.municipality, organizationId: s.organization, deficitCode: s.iomDeficit },
    }),
    { personal: true },
  ),
  'GET /api/difficulties/export.xlsx': caller(),
};
