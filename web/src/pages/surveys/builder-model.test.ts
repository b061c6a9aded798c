import { describe, expect, it } from 'vitest';
import { Model } from 'survey-core';
import {
  checkDefinition,
  SurveyDefinition,
  type SurveyQuestion,
} from '../../../../core/surveys/definition.ts';
import { checkTrainingQuestions, trainingCatalog } from '../../../../core/surveys/training-order.ts';
import {
  addPage,
  addQuestion,
  changeType,
  choicesFrom,
  matrixColumnsFrom,
  parseSkip,
  removePage,
  removeQuestion,
  replaceQuestion,
  setPageTitle,
  skipOn,
  skipSources,
  skipValues,
  withTrainingTopics,
} from './builder-model.ts';

const START: SurveyDefinition = {
  pages: [
    { name: 'page1', title: '', elements: [{ type: 'rating', name: 'q1', title: '', isRequired: true }] },
  ],
};

/** Edits the last question of a page the way its editor does. */
const editLast = (
  d: SurveyDefinition,
  page: number,
  edit: (q: SurveyQuestion) => SurveyQuestion,
): SurveyDefinition => {
  const elements = d.pages[page].elements;
  return replaceQuestion(d, page, elements.length - 1, edit(elements[elements.length - 1]));
};

/** A survey built by the builder's steps: two sections, every question type, required, a skip condition. */
function built(): SurveyDefinition {
  let d = setPageTitle(START, 0, 'Методическая служба');
  d = editLast(d, 0, (q) => ({ ...q, title: 'Оцените работу службы', rateMax: 10 }));
  d = addQuestion(d, 0);
  d = editLast(d, 0, (q) => ({
    ...q,
    title: 'Посещали семинары?',
    isRequired: true,
    choices: choicesFrom('да\nнет\n', q.choices),
  }));
  d = addQuestion(d, 0);
  d = editLast(d, 0, (q) => ({
    ...changeType(q, 'text'),
    title: 'Сколько семинаров?',
    inputType: 'number',
    visibleIf: skipOn(skipSources(d.pages[0].elements), 'q2'),
  }));
  d = addPage(d, 7);
  d = setPageTitle(d, 1, 'О вас');
  d = editLast(d, 1, (q) => ({ ...q, title: 'Пожелания' }));
  d = addQuestion(d, 1);
  d = editLast(d, 1, (q) => ({
    ...changeType(q, 'checkbox'),
    title: 'Что полезно?',
    choices: choicesFrom('РМО\nнаставничество', undefined),
  }));
  d = addQuestion(d, 1);
  d = editLast(d, 1, (q) => ({
    ...changeType(q, 'matrix'),
    title: 'Оцените формы работы',
    rows: choicesFrom('семинары\nоткрытые уроки', undefined),
    columns: matrixColumnsFrom('1\n2\n3', undefined),
  }));
  d = addQuestion(d, 1);
  d = editLast(d, 1, (q) => ({ ...changeType(q, 'text'), title: 'Ваша должность' }));
  return d;
}

describe('the survey builder writes SurveyJS JSON', () => {
  it('sections, each question type, required questions and a skip condition, as JSON', () => {
    expect(built()).toEqual({
      pages: [
        {
          name: 'page1',
          title: 'Методическая служба',
          elements: [
            { type: 'rating', name: 'q1', title: 'Оцените работу службы', isRequired: true, rateMax: 10 },
            {
              type: 'radiogroup',
              name: 'q2',
              title: 'Посещали семинары?',
              isRequired: true,
              choices: ['да', 'нет'],
            },
            {
              type: 'text',
              name: 'q3',
              title: 'Сколько семинаров?',
              inputType: 'number',
              visibleIf: "{q2} = 'да'",
            },
          ],
        },
        {
          name: 'page2_7',
          title: 'О вас',
          elements: [
            { type: 'comment', name: 'q4', title: 'Пожелания' },
            { type: 'checkbox', name: 'q5', title: 'Что полезно?', choices: ['РМО', 'наставничество'] },
            {
              type: 'matrix',
              name: 'q6',
              title: 'Оцените формы работы',
              rows: ['семинары', 'открытые уроки'],
              columns: [1, 2, 3],
            },
            { type: 'text', name: 'q7', title: 'Ваша должность' },
          ],
        },
      ],
    });
  });

  it('is a valid definition that survey-core renders: the types, required, the skip condition at work', () => {
    const d = built();
    expect(SurveyDefinition.safeParse(d).success).toBe(true);
    expect(checkDefinition(d)).toEqual([]);
    const model = new Model(d);
    expect(model.jsonErrors ?? []).toEqual([]);
    expect(model.pages.map((p) => p.name)).toEqual(['page1', 'page2_7']);
    expect(model.getAllQuestions().map((q) => q.getType())).toEqual([
      'rating',
      'radiogroup',
      'text',
      'comment',
      'checkbox',
      'matrix',
      'text',
    ]);
    expect(model.getQuestionByName('q1').isRequired).toBe(true);
    expect(model.getQuestionByName('q4').isRequired).toBe(false);
    expect(model.getQuestionByName('q3').isVisible).toBe(false);
    model.setValue('q2', 'да');
    expect(model.getQuestionByName('q3').isVisible).toBe(true);
    model.setValue('q2', 'нет');
    expect(model.getQuestionByName('q3').isVisible).toBe(false);
  });

  it('keeps the codes of options given with codes; offers the answers of a scale or choice to skip on', () => {
    const coded = [
      { value: 'yes', text: 'да' },
      { value: 'no', text: 'нет' },
    ];
    expect(choicesFrom('да\nнет\nне знаю', coded)).toEqual([...coded, 'не знаю']);
    expect(skipValues({ type: 'rating', name: 'r', title: 'R', rateMin: 1, rateMax: 5 })).toEqual([
      '1',
      '2',
      '3',
      '4',
      '5',
    ]);
    expect(skipValues({ type: 'radiogroup', name: 'c', title: 'C', choices: coded })).toEqual(['yes', 'no']);
    expect(parseSkip("{c} = 'no'")).toEqual({ name: 'c', value: 'no' });
    expect(parseSkip(undefined)).toBeNull();
    expect(skipOn([], null)).toBeUndefined();
    const sources = skipSources(built().pages.flatMap((p) => p.elements)).map((q) => q.name);
    expect(sources).toEqual(['q1', 'q2', 'q5']);
  });

  it('removes questions and sections; a type change fills in what the type needs', () => {
    const d = built();
    expect(removeQuestion(d, 0, 2).pages[0].elements.map((q) => q.name)).toEqual(['q1', 'q2']);
    expect(removePage(d, 1).pages.map((p) => p.name)).toEqual(['page1']);
    expect(changeType({ type: 'comment', name: 'x', title: 'X' }, 'rating')).toEqual({
      type: 'rating',
      name: 'x',
      title: 'X',
      rateMin: 1,
      rateMax: 5,
    });
    expect(changeType({ type: 'comment', name: 'x', title: 'X' }, 'radiogroup').choices).toEqual([
      'да',
      'нет',
    ]);
  });

  it('marks a question for the training order with the catalog as its options, and unmarks it', () => {
    const marked = withTrainingTopics(
      { type: 'radiogroup', name: 'topics', title: 'Темы ПК', choices: ['a', 'b'] },
      true,
    );
    expect(marked).toMatchObject({ type: 'checkbox', trainingOrder: true });
    expect(marked.choices).toContainEqual({
      value: 'М-02',
      text: 'Формирование функциональной грамотности обучающихся',
    });
    expect(marked.choices).toContainEqual({
      value: 'topic:upbringing',
      text: 'Организация воспитания обучающихся',
    });
    const d = { pages: [{ name: 'p', elements: [marked] }] };
    expect(checkTrainingQuestions(d, trainingCatalog([]))).toEqual([]);
    expect('trainingOrder' in withTrainingTopics(marked, false)).toBe(false);
    expect(changeType(marked, 'comment').trainingOrder).toBeUndefined();
  });
});
