import { Serializer } from 'survey-core';
import { describe, expect, it } from 'vitest';
import { validateAnswers } from './answers.ts';

describe('the server answer check', () => {
  it('parses a training-request question without survey-core calling trainingOrder unknown', () => {
    // answers.ts registers pedmonitor's properties before it builds a Model.
    expect(Serializer.findProperty('checkbox', 'trainingOrder')?.type).toBe('boolean');
    const { answers, errors } = validateAnswers(
      {
        pages: [
          {
            name: 'p',
            elements: [
              { type: 'checkbox', name: 'topics', title: 'Темы', choices: ['a', 'b'], trainingOrder: true },
            ],
          },
        ],
      },
      { topics: ['a'] },
    );
    expect(errors).toEqual([]);
    expect(answers).toEqual({ topics: ['a'] });
  });
});
