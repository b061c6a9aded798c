import { Model } from 'survey-core';
import { describe, expect, it } from 'vitest';
import { registerSurveyProperties } from './survey-core-properties.ts';
import { SURVEY_TEMPLATES } from './templates.ts';

describe('pedmonitor question properties in survey-core', () => {
  it('every template, the training request included, parses without an unknown property', () => {
    registerSurveyProperties();
    registerSurveyProperties(); // twice: no duplicate registration
    for (const template of SURVEY_TEMPLATES) {
      const model = new Model(template.definition);
      expect(model.jsonErrors ?? [], template.code).toEqual([]);
    }
  });

  it('keeps trainingOrder on a choice question through the model', () => {
    const model = new Model({
      pages: [
        { name: 'p', elements: [{ type: 'checkbox', name: 'q', choices: ['a'], trainingOrder: true }] },
      ],
    });
    expect(model.jsonErrors ?? []).toEqual([]);
    expect(model.getQuestionByName('q').getPropertyValue('trainingOrder')).toBe(true);
    expect(model.toJSON().pages[0].elements[0]).toMatchObject({ trainingOrder: true });
  });

  it('keeps publishable on a free-text question', () => {
    const model = new Model({
      pages: [{ name: 'p', elements: [{ type: 'comment', name: 'wish', publishable: true }] }],
    });
    expect(model.jsonErrors ?? []).toEqual([]);
    expect(model.toJSON().pages[0].elements[0]).toMatchObject({ publishable: true });
  });
});
