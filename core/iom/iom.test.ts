import { describe, expect, it } from 'vitest';
import { certificationDue } from '../certification.ts';
import { defaultRouteEnd, proposeRouteSteps, spreadDeadlines, type CatalogResource } from './builder.ts';
import { routeProgress, routeStatusOf } from './progress.ts';

const resource = (id: number, deficitCode: string, kind: CatalogResource['kind']): CatalogResource => ({
  id,
  deficitCode,
  kind,
  title: `${kind} ${deficitCode} #${id}`,
  provider: null,
  hours: null,
});

describe('proposeRouteSteps', () => {
  const resources = [
    resource(1, 'М-02', 'self_study'),
    resource(2, 'М-02', 'event'),
    resource(3, 'М-02', 'course'),
    resource(4, 'М-02', 'course'),
    resource(5, 'О-01', 'mentoring'),
    resource(6, 'О-01', 'mentoring'),
    resource(7, 'П-01', 'course'),
  ];

  it('a course first and a practice step of another kind for each deficit, in the order of the deficits', () => {
    const steps = proposeRouteSteps({
      deficits: [
        { code: 'М-02', title: 'Функциональная грамотность' },
        { code: 'О-01', title: 'КИМ' },
        { code: 'П-01', title: 'Задачи' },
      ],
      resources,
      startDate: '2026-01-01',
      endDate: '2026-12-31',
    });
    expect(steps.map((s) => [s.deficitCode, s.kind, s.resourceId])).toEqual([
      ['М-02', 'course', 3],
      ['М-02', 'event', 2],
      ['О-01', 'mentoring', 5],
      ['П-01', 'course', 7],
    ]);
    expect(steps[0].title).toBe('course М-02 #3');
  });

  it('a deficit the catalog has nothing for gets a self-study step', () => {
    const [step] = proposeRouteSteps({
      deficits: [{ code: 'ПП-03', title: 'Взаимодействие с родителями' }],
      resources,
      startDate: '2026-01-01',
      endDate: '2026-06-30',
    });
    expect(step).toEqual({
      deficitCode: 'ПП-03',
      kind: 'self_study',
      resourceId: null,
      title: 'Самообразование: взаимодействие с родителями',
      deadline: '2026-06-30',
    });
  });

  it('deadlines are spread over the period, the last on its end, all inside it', () => {
    expect(spreadDeadlines('2026-01-01', '2026-12-31', 4)).toEqual([
      '2026-04-02',
      '2026-07-02',
      '2026-10-01',
      '2026-12-31',
    ]);
    expect(spreadDeadlines('2026-01-01', '2026-01-02', 3)).toEqual([
      '2026-01-02',
      '2026-01-02',
      '2026-01-02',
    ]);
    expect(defaultRouteEnd('2026-11-20')).toBe('2027-11-19');
  });
});

describe('route progress and status', () => {
  it('counts done steps out of those not cancelled', () => {
    expect(
      routeProgress([{ status: 'done' }, { status: 'planned' }, { status: 'cancelled' }, { status: 'done' }]),
    ).toEqual({ done: 2, total: 3, percent: 67 });
    expect(routeProgress([])).toEqual({ done: 0, total: 0, percent: 0 });
  });

  it('is a draft until approved, then follows the steps', () => {
    const steps = [{ status: 'done' as const }, { status: 'planned' as const }];
    expect(routeStatusOf({ isApproved: false, steps })).toBe('draft');
    expect(routeStatusOf({ isApproved: true, steps: [{ status: 'planned' }] })).toBe('approved');
    expect(routeStatusOf({ isApproved: true, steps })).toBe('in_progress');
    expect(routeStatusOf({ isApproved: true, steps: [{ status: 'done' }, { status: 'cancelled' }] })).toBe(
      'completed',
    );
  });
});

describe('certificationDue', () => {
  it('five years from the later of the category and the last certification', () => {
    expect(
      certificationDue({
        categoryDate: '2021-12-20',
        lastCertificationDate: '2022-03-01',
        today: '2026-01-10',
      }),
    ).toEqual({ since: '2022-03-01', dueDate: '2027-03-01', state: 'valid' });
    expect(
      certificationDue({ categoryDate: '2021-12-20', lastCertificationDate: null, today: '2026-07-01' })
        .state,
    ).toBe('due_soon');
    expect(
      certificationDue({ categoryDate: '2020-12-20', lastCertificationDate: null, today: '2026-01-10' })
        .state,
    ).toBe('overdue');
    expect(
      certificationDue({ categoryDate: null, lastCertificationDate: null, today: '2026-01-10' }),
    ).toEqual({
      since: null,
      dueDate: null,
      state: 'none',
    });
  });
});
