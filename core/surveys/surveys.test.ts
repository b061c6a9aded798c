import { describe, expect, it } from 'vitest';
import { checkDefinition, SurveyDefinition } from './definition.ts';
import { cellOf, hideSmallCell, publicResults, surveyResults } from './results.ts';
import { SURVEY_TEMPLATES } from './templates.ts';

describe('survey templates', () => {
  it.each(SURVEY_TEMPLATES.map((t) => [t.code, t] as const))(
    '%s is a valid definition',
    (_code, template) => {
      expect(SurveyDefinition.safeParse(template.definition).success).toBe(true);
      expect(checkDefinition(template.definition)).toEqual([]);
    },
  );
});

describe('checkDefinition', () => {
  it('names the question of a broken skip condition, a bad scale, a duplicate code', () => {
    const errors = checkDefinition({
      pages: [
        {
          name: 'p',
          elements: [
            { type: 'text', name: 'a', title: 'A' },
            { type: 'rating', name: 'b', title: 'B', rateMax: 7, visibleIf: '{a} = 1' },
            { type: 'comment', name: 'a', title: 'C', visibleIf: '{z} = 1' },
          ],
        },
      ],
    });
    expect(errors).toEqual([
      'вопрос 2 («b»): шкала — от 1 до 5 или от 1 до 10',
      'вопрос 2 («b»): условие показа — только по вопросу с вариантами или шкалой',
      'вопрос 3 («a»): код уже занят другим вопросом',
      'вопрос 3 («a»): условие показа ссылается на «z» — это не предыдущий вопрос',
    ]);
  });
});

describe('hideSmallCell', () => {
  const q = { type: 'rating' as const, name: 'q', title: 'Q' };
  it('keeps nothing of a cell with fewer respondents than the threshold', () => {
    expect(hideSmallCell(cellOf(q, [5, 4, 3, 2], true), 5)).toEqual({ hidden: true, respondents: null });
    expect(hideSmallCell(cellOf(q, [5, 4, 3, 2, 1], true), 5)).toMatchObject({
      hidden: false,
      respondents: 5,
      mean: 3,
    });
  });
  it('applies to every cross-tab group of the results', () => {
    const responses = [
      ...[5, 5, 4, 4, 3].map((v) => ({
        organizationId: 1,
        organizationName: 'А',
        orgKind: 'school',
        ageGroup: 'до 30',
        isYoung: true,
        answers: { q: v },
      })),
      ...[1, 2, 3, 4].map((v) => ({
        organizationId: 2,
        organizationName: 'Б',
        orgKind: 'preschool',
        ageGroup: '30–39',
        isYoung: false,
        answers: { q: v },
      })),
    ];
    const results = surveyResults({ pages: [{ name: 'p', elements: [q] }] }, responses, 5);
    const groups = results.questions[0].groups.map((g) => [g.dimension, g.label, g.cell.hidden]);
    expect(groups).toEqual([
      ['organization', 'А', false],
      ['organization', 'Б', true],
      ['orgKind', 'Дошкольная образовательная организация', true],
      ['orgKind', 'Общеобразовательная организация', false],
      ['ageGroup', '30–39', true],
      ['ageGroup', 'до 30', false],
      ['young', 'молодые педагоги', false],
      ['young', 'остальные', true],
    ]);
    // Б alone is below the threshold: the total leaves it out, or total − А would be Б.
    expect(results.questions[0].total).toMatchObject({ hidden: false, respondents: 5, mean: 4.2 });
    expect(results.questions[0].leftOut).toBe(1);
  });
});

describe('no hidden cell can be recovered by subtraction', () => {
  const q = { type: 'rating' as const, name: 'q', title: 'Q' };
  const definition = { pages: [{ name: 'p', elements: [q] }] };
  const answersOf = (
    organizationId: number,
    orgKind: string,
    values: number[],
    ageGroup: (i: number) => string | null = () => 'до 30',
  ) =>
    values.map((v, i) => ({
      organizationId,
      organizationName: `ОО ${organizationId}`,
      orgKind,
      ageGroup: ageGroup(i),
      isYoung: i % 2 === 0,
      answers: { q: v },
    }));
  const respondents = (cell: { hidden: boolean; respondents: number | null }) =>
    cell.hidden ? 0 : (cell.respondents ?? 0);

  /** Every subtraction a reader can make from the published cells gives nobody or a group of the threshold. */
  function expectNoSmallDifference(results: ReturnType<typeof surveyResults>, kindOf: Map<string, string>) {
    const threshold = results.threshold;
    const safe = (n: number) => n === 0 || n >= threshold;
    for (const question of results.questions) {
      const total = respondents(question.total);
      for (const dimension of ['organization', 'orgKind', 'ageGroup', 'young'] as const) {
        const shown = question.groups
          .filter((g) => g.dimension === dimension)
          .reduce((sum, g) => sum + respondents(g.cell), 0);
        if (!question.total.hidden)
          expect(safe(total - shown), `${dimension}: ${total} − ${shown}`).toBe(true);
      }
      const orgs = question.groups.filter((g) => g.dimension === 'organization');
      for (const kind of question.groups.filter((g) => g.dimension === 'orgKind' && !g.cell.hidden)) {
        const shownOrgs = orgs
          .filter((o) => kindOf.get(o.key) === kind.key)
          .reduce((sum, o) => sum + respondents(o.cell), 0);
        expect(safe(respondents(kind.cell) - shownOrgs), `${kind.label} − its schools`).toBe(true);
      }
    }
  }

  it('one school with 2 answers, the others with 5 and more: the total counts the shown schools only', () => {
    const responses = [
      ...answersOf(1, 'school', [1, 1]),
      ...answersOf(2, 'school', [5, 5, 5, 5, 5]),
      ...answersOf(3, 'school', [4, 4, 4, 4, 4, 4]),
    ];
    const results = surveyResults(definition, responses, 5);
    const [question] = results.questions;
    expect(question.groups.find((g) => g.key === '1')!.cell).toEqual({ hidden: true, respondents: null });
    expect(question.total).toMatchObject({ hidden: false, respondents: 11 });
    expect((question.total as { mean: number }).mean).toBeCloseTo(49 / 11);
    expect(question.leftOut).toBe(1);
    const kind = question.groups.find((g) => g.dimension === 'orgKind')!;
    expect(kind.cell).toMatchObject({ hidden: false, respondents: 11 });
    expectNoSmallDifference(
      results,
      new Map([
        ['1', 'school'],
        ['2', 'school'],
        ['3', 'school'],
      ]),
    );
  });

  it('hidden schools that together reach the threshold stay in the total', () => {
    const responses = [
      ...answersOf(1, 'school', [1, 1, 1]),
      ...answersOf(2, 'school', [2, 2]),
      ...answersOf(3, 'school', [5, 5, 5, 5, 5]),
    ];
    const results = surveyResults(definition, responses, 5);
    expect(results.questions[0].total).toMatchObject({ hidden: false, respondents: 10 });
    expect(results.questions[0].leftOut).toBe(0);
    expectNoSmallDifference(
      results,
      new Map([
        ['1', 'school'],
        ['2', 'school'],
        ['3', 'school'],
      ]),
    );
  });

  it('hidden schools of different kinds are left out when a kind alone falls below the threshold', () => {
    // Together 2 + 4 = 6 ≥ 5, but «schools» minus its shown school would reveal school 1's two answers.
    const responses = [
      ...answersOf(1, 'school', [1, 1]),
      ...answersOf(2, 'school', [5, 5, 5, 5, 5]),
      ...answersOf(3, 'preschool', [3, 3, 3, 3]),
      ...answersOf(4, 'preschool', [4, 4, 4, 4, 4]),
    ];
    const results = surveyResults(definition, responses, 5);
    expect(results.questions[0].total).toMatchObject({ respondents: 10 });
    expect(results.questions[0].leftOut).toBe(2);
    expectNoSmallDifference(
      results,
      new Map([
        ['1', 'school'],
        ['2', 'school'],
        ['3', 'preschool'],
        ['4', 'preschool'],
      ]),
    );
  });

  it('a small age group hides the next smallest one too, so the total minus the shown groups is not it', () => {
    const age = (i: number) => (i < 2 ? 'старше 60' : i < 8 ? '40–49' : 'до 30');
    const responses = answersOf(1, 'school', [1, 2, 3, 4, 5, 1, 2, 3, 4, 5, 1, 2, 3, 4], age);
    const results = surveyResults(definition, responses, 5);
    const ages = results.questions[0].groups.filter((g) => g.dimension === 'ageGroup');
    expect(ages.map((g) => [g.label, g.cell.hidden])).toEqual([
      ['40–49', true],
      ['до 30', false],
      ['старше 60', true],
    ]);
    expectNoSmallDifference(results, new Map([['1', 'school']]));
  });
});

describe('publicResults', () => {
  it('keeps the free text of a publishable question only, and every hidden cell hidden', () => {
    const definition = {
      pages: [
        {
          name: 'p',
          elements: [
            { type: 'comment' as const, name: 'open', title: 'Можно публиковать', publishable: true },
            { type: 'comment' as const, name: 'closed', title: 'Нельзя публиковать' },
          ],
        },
      ],
    };
    const responses = [1, 2, 3, 4, 5].map((i) => ({
      organizationId: 1,
      organizationName: 'А',
      orgKind: 'school',
      ageGroup: null,
      isYoung: null,
      answers: { open: `мнение ${i}`, closed: `личное ${i}` },
    }));
    const shown = publicResults(definition, surveyResults(definition, responses, 5));
    const [open, closed] = shown.questions;
    expect(open.total).toMatchObject({ hidden: false, respondents: 5 });
    expect((open.total as { texts: string[] }).texts).toHaveLength(5);
    expect(closed.total).toMatchObject({ hidden: false, respondents: 5, texts: [] });
    expect(JSON.stringify(shown)).not.toContain('личное');
  });
});
