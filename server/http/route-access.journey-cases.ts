import { addMonths } from '../../core/dates.ts';
import { caller, id, municipality, organization, v, type RouteCase } from './route-access.scopes.ts';
import { TODAY } from './route-access.world.ts';

/**
 * The route table, part three: the teacher's support journeys — meetings and attendance of methodical
 * associations, the ИОМ builder with its catalog of resources, approvals by the curator and the tutor,
 * progress of the steps, and the teacher's own cabinet.
 */

/** A route built from today for half a year, its one step due in three months. */
const builtRoute = { startDate: TODAY, endDate: addMonths(TODAY, 6), deadline: addMonths(TODAY, 3) };

export const JOURNEY_CASES: Record<string, RouteCase> = {
  'GET /api/association-meetings': caller(),
  'GET /api/associations/:id/meetings': organization((s) => id(s.association)),
  'POST /api/associations/:id/meetings': organization((s) => ({
    ...id(s.association),
    body: { date: s.meetingDate, topic: 'Посторонний вопрос', plan: 'Обсуждение' },
  })),
  // Who was present is personal data: those who keep the meetings and the department see it.
  'GET /api/association-meetings/:id/attendance': organization((s) => id(s.meeting), { personal: true }),
  'PUT /api/association-meetings/:id/attendance': organization((s) => ({
    ...id(s.meeting),
    body: { entries: [{ teacherId: s.meetingMember, isPresent: true }], ...v },
  })),
  'PATCH /api/association-meetings/:id': organization((s) => ({
    ...id(s.meeting),
    body: { topic: 'Итоги четверти (уточнено)', ...v },
  })),
  'DELETE /api/association-meetings/:id': organization((s) => id(s.meeting)),

  'GET /api/deficit-resources': caller(),
  'POST /api/deficit-resources': municipality((s) => ({
    body: {
      municipalityId: s.municipality,
      deficitCode: s.iomDeficit,
      kind: 'course',
      title: 'Посторонние курсы',
      hours: 36,
    },
  })),
  'PATCH /api/deficit-resources/:id': municipality((s) => ({
    ...id(s.resource),
    body: { title: 'Курсы (новая программа)', ...v },
  })),
  'DELETE /api/deficit-resources/:id': municipality((s) => id(s.resource)),

  'GET /api/teachers/:id/iom': organization((s) => id(s.teacher), { personal: true }),
  'GET /api/teachers/:id/iom/proposal': organization(
    (s) => ({ ...id(s.teacher), query: { diagnosticId: s.iomDiagnostic } }),
    { personal: true },
  ),
  'POST /api/teachers/:id/iom': organization((s) => ({
    ...id(s.teacher),
    body: {
      diagnosticId: s.iomDiagnostic,
      startDate: builtRoute.startDate,
      endDate: builtRoute.endDate,
      steps: [
        {
          deficitCode: s.iomDeficit,
          kind: 'self_study',
          resourceId: null,
          title: 'Изучить методические рекомендации',
          deadline: builtRoute.deadline,
        },
      ],
    },
  })),
  // As the tutor: the school side, so another school's manager is among those refused.
  // The routes a specialist of the methodical service supervises: the specialist's own, nobody else's.
  'GET /api/supervised-routes': caller(),
  'GET /api/supervised-routes/:id': organization((s) => id(s.route), { personal: true, owner: 'kurator' }),
  'POST /api/routes/:id/approvals': organization(
    (s) => ({ ...id(s.draftRoute), body: { as: 'tutor', ...v } }),
    {
      owner: 'school5',
    },
  ),
  'POST /api/route-steps/:id/progress': organization((s) => ({
    ...id(s.approvedStep),
    body: { status: 'in_progress', ...v },
  })),
  // After the progress of its step (the sweep's owners send in table order): it makes the route a draft.
  'POST /api/routes/:id/approvals/withdraw': organization((s) => ({
    ...id(s.approvedRoute),
    body: { as: 'curator', reason: 'Утверждено по ошибке', ...v },
  })),

  'GET /api/my-cabinet': caller(),
};
