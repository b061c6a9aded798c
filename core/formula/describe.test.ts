import { describe, expect, it } from 'vitest';
import { catalogFormulas } from './corpus.ts';
import { describeFormula } from './index.ts';
import { parseOk } from './test-helpers.ts';

describe('describeFormula', () => {
  it.each([
    ['teachers()', 'число педагогов'],
    [
      'teachers(young, diagnosed(level = municipal))',
      'число педагогов: молодые, прошли диагностику (муниципальный уровень)',
    ],
    [
      'teachers(trained(type = upskilling, topic = upbringing)) / teachers() * 100',
      '(число педагогов: прошли обучение (повышение квалификации, тема — воспитание)) / число педагогов × 100',
    ],
    ['teachers(experience <= 5)', 'число педагогов: стаж ≤ 5 лет'],
    ['teachers(age < 35, not manager)', 'число педагогов: возраст < 35 лет, не руководители'],
    ['teachers(experience in (1, 2))', 'число педагогов: стаж = 1 или 2 года'],
    ['teachers(experience = 1)', 'число педагогов: стаж = 1 год'],
    ['teachers(category in (first, highest))', 'число педагогов: категория — первая или высшая'],
    ['teachers(category != none)', 'число педагогов: категория — не без категории'],
    [
      'teachers(subject in ("физика", "химия", "биология"))',
      'число педагогов: предмет — «физика», «химия» или «биология»',
    ],
    [
      'teachers(young, (mentee or member(type = young_school)))',
      'число педагогов: молодые, (наставляемые или состоят в МО и сообществах («Школа молодого специалиста»))',
    ],
    ['teachers(young or mentee and mentor)', 'число педагогов: молодые или (наставляемые и наставники)'],
    [
      'teachers(not diagnosed(level = municipal))',
      'число педагогов: не прошли диагностику (муниципальный уровень)',
    ],
    ['teachers(not (young, mentee))', 'число педагогов: не (молодые, наставляемые)'],
    ['teachers(not experience < 3)', 'число педагогов: не (стаж < 3 года)'],
    [
      'teachers(trained(years = 3, hours >= 36))',
      'число педагогов: прошли обучение (за 3 года до даты расчёта, объём ≥ 36 часов)',
    ],
    [
      'acts(kind = mentoring, level = municipal)',
      'число действующих НПА: НПА о наставничестве, муниципальный акт',
    ],
    ['organizations(kind = preschool)', 'число организаций: тип ОО — дошкольная образовательная организация'],
    ['form("staffed_positions") / 2.5', 'значение поля «staffed_positions» формы / 2,5'],
    [
      'positions() / (positions() + vacancies()) * 100',
      'число занятых должностей / (число занятых должностей + число вакансий) × 100',
    ],
    ['-teachers() - -1', '−число педагогов − −1'],
  ])('describes %s', (text, description) => {
    expect(describeFormula(parseOk(text))).toBe(description);
  });

  it('describes every formula of the catalog without leaving a placeholder', () => {
    for (const text of catalogFormulas()) {
      expect(describeFormula(parseOk(text)), text).not.toMatch(/[{}]|undefined/);
    }
  });
});
