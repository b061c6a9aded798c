import { SAMPLE_SURVEY_DEFINITION } from './route-access.samples.ts';
import {
  caller,
  id,
  municipality,
  organization,
  publicRoute,
  v,
  type RouteCase,
} from './route-access.scopes.ts';

/**
 * The route table, part four: surveys (анкетирование). A survey's card, results, notice and exports reach
 * the organizations of its audience: the department sees all of them, a head only their own (the sample
 * survey asks one organization only, so the other school's head is refused). The answering routes are
 * public: a token or an organization link is the key, and an answer carries no person.
 */
const surveyBody = (organizationId: number) => ({
  title: 'Анкета (правка)',
  audience: { target: 'teachers', organizationIds: [organizationId] },
  opensOn: '2026-10-01',
  closesOn: '2026-12-01',
  threshold: 5,
  definition: SAMPLE_SURVEY_DEFINITION,
});

export const SURVEY_CASES: Record<string, RouteCase> = {
  'GET /api/surveys': caller(),
  'POST /api/surveys': municipality((s) => ({
    body: {
      ...surveyBody(s.organization),
      municipalityId: s.municipality,
      code: `new_${s.organization}`,
      kind: 'anonymous',
    },
  })),
  'GET /api/surveys/:id': organization((s) => id(s.survey)),
  'PUT /api/surveys/:id': organization((s) => ({
    ...id(s.survey),
    body: { ...surveyBody(s.organization), ...v },
  })),
  'POST /api/surveys/:id/open': organization((s) => id(s.survey)),
  'POST /api/surveys/:id/close': organization((s) => id(s.namedSurvey)),
  'PUT /api/surveys/:id/publication': organization((s) => ({
    ...id(s.survey),
    body: { isPublic: false, ...v },
  })),
  'GET /api/public/survey-results/:id': publicRoute(
    'the public page of a closed survey the department published: aggregates only, cells below the threshold hidden, free text only where marked publishable',
    (s) => id(s.survey),
  ),
  'POST /api/surveys/:id/remind': organization((s) => id(s.survey)),
  'GET /api/surveys/:id/notice': organization((s) => ({
    ...id(s.survey),
    query: { organizationId: s.organization },
  })),
  'GET /api/surveys/:id/results': organization((s) => id(s.survey)),
  'GET /api/surveys/:id/results.xlsx': organization((s) => id(s.survey)),
  'GET /api/surveys/:id/responses.xlsx': organization((s) => id(s.namedSurvey)),
  'GET /api/surveys/:id/training-order': organization((s) => id(s.namedSurvey)),
  'GET /api/surveys/:id/training-order.xlsx': organization((s) => id(s.namedSurvey)),
  'POST /api/public/surveys/link/:code/token': publicRoute(
    'the organization link of an anonymous survey, printed on the notice: opening it gives the device a one-time token',
    (s) => ({ params: { code: s.surveyLinkCode } }),
  ),
  'GET /api/public/surveys/:token': publicRoute(
    'the answering page of a survey: the token is the key',
    () => ({
      params: { token: 'unknown-token-of-twenty-chars' },
    }),
  ),
  'POST /api/public/surveys/:token/responses': publicRoute(
    'an answer to a survey: the token is the key',
    () => ({
      params: { token: 'unknown-token-of-twenty-chars' },
      body: { answers: { q1: 5 } },
    }),
  ),
};
