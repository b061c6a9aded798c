import { describe, expect, it } from 'vitest';
import { checkDefinition, SurveyDefinition } from './definition.ts';
import { cellOf, hideSmallCell, surveyResults } from './results.ts';
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
  });
});
