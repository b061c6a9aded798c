import { describe, expect, it } from 'vitest';
import type { SurveyQuestion } from './definition.ts';
import { SURVEY_TEMPLATES } from './templates.ts';
import {
  buildTrainingOrder,
  checkTrainingQuestions,
  trainingCatalog,
  trainingQuestionsOf,
  type TrainingRequest,
} from './training-order.ts';

const catalog = trainingCatalog([{ code: 'Р-01', title: 'Региональный дефицит', area: 'methodical' }]);
const question: SurveyQuestion = {
  type: 'checkbox',
  name: 'topics',
  title: 'Темы ПК',
  trainingOrder: true,
  choices: ['М-01', 'О-03', 'topic:talents', 'Р-01'],
};

const request = (org: number, name: string | null, topics: unknown): TrainingRequest => ({
  organizationId: org,
  organizationName: org === 1 ? 'Школа А' : org === 2 ? 'Школа Б' : 'Школа В',
  teacherName: name,
  answers: topics === undefined ? {} : { topics },
});

const counts = (cells: { hidden: boolean; requested: number | null }[]) =>
  cells.map((c) => (c.hidden ? 'скрыто' : c.requested));

describe('buildTrainingOrder', () => {
  it('counts, per topic, the teachers who asked, per organization and in total; a named survey lists them', () => {
    const order = buildTrainingOrder({
      question,
      catalog,
      isNamed: true,
      threshold: 5,
      withNames: true,
      requests: [
        request(1, 'Иванова А. А.', ['М-01', 'О-03']),
        request(1, 'Петров Б. Б.', ['М-01']),
        request(1, 'Сидорова В. В.', ['topic:talents', 'М-01']),
        request(2, 'Орлова Г. Г.', ['О-03', 'Р-01']),
        request(2, 'Кузнецов Д. Д.', []), // answered nothing: not a respondent
        request(2, 'Смирнов Е. Е.', undefined), // the question was skipped
      ],
    });
    expect(order.organizations).toEqual([
      { id: 1, name: 'Школа А', respondents: 3, hidden: false },
      { id: 2, name: 'Школа Б', respondents: 1, hidden: false },
    ]);
    expect(order.total).toEqual({ respondents: 4, hidden: false, isComplete: true, leftOut: 0 });
    expect(order.rows.map((r) => [r.topic.code, r.topic.group, r.total.requested])).toEqual([
      ['М-01', 'методические', 3],
      ['О-03', 'оценочные', 2],
      ['topic:talents', 'направления ПК', 1],
      ['Р-01', 'методические', 1],
    ]);
    expect(order.rows.map((r) => counts(r.byOrganization))).toEqual([
      [3, 0],
      [1, 1],
      [1, 0],
      [0, 1],
    ]);
    expect(order.rows[0].total).toMatchObject({
      teachers: ['Иванова А. А.', 'Петров Б. Б.', 'Сидорова В. В.'],
    });
    expect(order.rows[1].byOrganization[1]).toEqual({
      hidden: false,
      requested: 1,
      teachers: ['Орлова Г. Г.'],
    });
    expect(order.rows[2].topic.title).toBe(
      'Выявление, поддержка и развитие способностей и талантов у детей и молодёжи',
    );
  });

  it('names nobody when the caller may not see the people', () => {
    const order = buildTrainingOrder({
      question,
      catalog,
      isNamed: true,
      threshold: 5,
      withNames: false,
      requests: [request(1, 'Иванова А. А.', ['М-01'])],
    });
    expect(order.rows[0].total).toEqual({ hidden: false, requested: 1 });
  });

  const anonymous = (requests: TrainingRequest[]) =>
    buildTrainingOrder({ question, catalog, isNamed: false, threshold: 3, withNames: true, requests });

  it('an anonymous survey: counts only, an organization below the threshold hidden, the total still whole when the hidden ones together reach it', () => {
    const order = anonymous([
      ...['М-01', 'М-01', 'О-03', 'М-01'].map((t) => request(1, null, [t])),
      request(2, null, ['М-01']),
      request(2, null, ['О-03']),
      request(3, null, ['М-01']),
    ]);
    expect(order.organizations.map((o) => [o.name, o.respondents, o.hidden])).toEqual([
      ['Школа А', 4, false],
      ['Школа Б', null, true],
      ['Школа В', null, true],
    ]);
    expect(order.total).toEqual({ respondents: 7, hidden: false, isComplete: true, leftOut: 0 });
    expect(counts(order.rows.map((r) => r.total))).toEqual([5, 2, 0, 0]);
    expect(order.rows.map((r) => counts(r.byOrganization))).toEqual([
      [3, 'скрыто', 'скрыто'],
      [1, 'скрыто', 'скрыто'],
      [0, 'скрыто', 'скрыто'],
      [0, 'скрыто', 'скрыто'],
    ]);
    expect(JSON.stringify(order)).not.toContain('teachers');
  });

  it('leaves a lone hidden organization out of the total, so that subtracting does not reveal it', () => {
    const order = anonymous([
      ...['М-01', 'М-01', 'О-03', 'М-01'].map((t) => request(1, null, [t])),
      request(2, null, ['М-01', 'О-03']),
      request(2, null, ['О-03']),
    ]);
    expect(order.total).toEqual({ respondents: 4, hidden: false, isComplete: false, leftOut: 1 });
    expect(counts(order.rows.map((r) => r.total))).toEqual([3, 1, 0, 0]);
  });

  it('hides the total too when fewer than the threshold answered in all', () => {
    const order = anonymous([request(1, null, ['М-01']), request(2, null, ['М-01'])]);
    expect(order.total).toEqual({ respondents: null, hidden: true, isComplete: false, leftOut: 2 });
    expect(order.rows.every((r) => r.total.hidden)).toBe(true);
  });
});

describe('checkTrainingQuestions', () => {
  it('accepts the template, refuses options outside the catalog and a question without options', () => {
    const template = SURVEY_TEMPLATES.find((t) => t.code === 'training_requests')!;
    expect(trainingQuestionsOf(template.definition).map((q) => q.name)).toEqual(['topics']);
    expect(checkTrainingQuestions(template.definition, trainingCatalog([]))).toEqual([]);
    expect(
      checkTrainingQuestions(
        {
          pages: [
            {
              name: 'p',
              elements: [
                { ...question, choices: ['М-01', 'X-99', 'topic:nope'] },
                { type: 'comment', name: 'c', title: 'C', trainingOrder: true },
              ],
            },
          ],
        },
        catalog,
      ),
    ).toEqual([
      'вопрос 1 («topics»): варианты «X-99», «topic:nope» — не коды каталога дефицитов и не направления ПК',
      'вопрос 2 («c»): темы для плана-заказа — вопрос с вариантами ответа',
    ]);
  });
});
