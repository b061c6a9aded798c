import { describe, expect, it } from 'vitest';
import type { AggregateCallNode, Condition } from './ast.ts';
import { parseFormula } from './index.ts';
import { parseOk, shape } from './test-helpers.ts';

const filterOf = (text: string): Condition | null => {
  const ast = parseOk(text);
  if (ast.kind !== 'call' || ast.name === 'form') throw new Error('not an aggregate call');
  return ast.filter;
};

describe('parseFormula: the tree', () => {
  it('reads a call with comma-separated conditions as one «and», with positions', () => {
    const ast = parseOk('teachers(orgKind = school, young)');
    expect(shape(ast)).toEqual({
      kind: 'call',
      name: 'teachers',
      filter: {
        kind: 'and',
        operands: [
          { kind: 'compare', name: 'orgKind', operator: '=', value: { kind: 'code', value: 'school' } },
          { kind: 'flag', name: 'young' },
        ],
      },
    });
    const call = ast as AggregateCallNode;
    expect([call.position, call.length]).toEqual([0, 33]);
    expect(call.filter?.kind === 'and' && call.filter.operands.map((o) => [o.position, o.length])).toEqual([
      [9, 16],
      [27, 5],
    ]);
  });

  it('reads an empty call as a call without a filter', () => {
    expect(shape(parseOk('teachers()'))).toEqual({ kind: 'call', name: 'teachers', filter: null });
  });

  it('reads nested conditions with their own sub-filters, and bare or empty ones as "any record"', () => {
    expect(shape(filterOf('teachers(diagnosed(level = municipal, withDeficits))'))).toEqual({
      kind: 'nested',
      name: 'diagnosed',
      filter: {
        kind: 'and',
        operands: [
          { kind: 'compare', name: 'level', operator: '=', value: { kind: 'code', value: 'municipal' } },
          { kind: 'flag', name: 'withDeficits' },
        ],
      },
    });
    expect(shape(filterOf('teachers(diagnosed)'))).toEqual({
      kind: 'nested',
      name: 'diagnosed',
      filter: null,
    });
    expect(shape(filterOf('teachers(diagnosed())'))).toEqual({
      kind: 'nested',
      name: 'diagnosed',
      filter: null,
    });
  });

  it('gives «not» over «and» over «or» over the comma', () => {
    expect(shape(filterOf('teachers(young, mentee or not manager and mentor)'))).toEqual({
      kind: 'and',
      operands: [
        { kind: 'flag', name: 'young' },
        {
          kind: 'or',
          operands: [
            { kind: 'nested', name: 'mentee', filter: null },
            {
              kind: 'and',
              operands: [
                { kind: 'not', operand: { kind: 'flag', name: 'manager' } },
                { kind: 'nested', name: 'mentor', filter: null },
              ],
            },
          ],
        },
      ],
    });
  });

  it('groups with parentheses and flattens chains of the same connective', () => {
    expect(
      shape(
        filterOf('teachers(young and (mentee or member(type = young_school) or event(level = municipal)))'),
      ),
    ).toEqual({
      kind: 'and',
      operands: [
        { kind: 'flag', name: 'young' },
        {
          kind: 'or',
          operands: [
            { kind: 'nested', name: 'mentee', filter: null },
            {
              kind: 'nested',
              name: 'member',
              filter: {
                kind: 'compare',
                name: 'type',
                operator: '=',
                value: { kind: 'code', value: 'young_school' },
              },
            },
            {
              kind: 'nested',
              name: 'event',
              filter: {
                kind: 'compare',
                name: 'level',
                operator: '=',
                value: { kind: 'code', value: 'municipal' },
              },
            },
          ],
        },
      ],
    });
  });

  it('accepts keywords in any case and in Russian', () => {
    const english = shape(parseOk('teachers(young and not manager or mentee)'));
    expect(shape(parseOk('teachers(young И НЕ manager ИЛИ mentee)'))).toEqual(english);
    expect(shape(parseOk('teachers(young и не manager или mentee)'))).toEqual(english);
    expect(shape(parseOk('teachers(young AND Not manager Or mentee)'))).toEqual(english);
    expect(shape(parseOk('teachers(category IN (first))'))).toEqual(
      shape(parseOk('teachers(category in (first))')),
    );
  });

  it('reads every comparison operator and «in» lists', () => {
    for (const op of ['=', '!=', '<', '<=', '>', '>=']) {
      expect(shape(filterOf(`teachers(experience ${op} 5)`))).toEqual({
        kind: 'compare',
        name: 'experience',
        operator: op,
        value: { kind: 'number', value: 5 },
      });
    }
    expect(shape(filterOf('teachers(category in (first, highest))'))).toEqual({
      kind: 'in',
      name: 'category',
      values: [
        { kind: 'code', value: 'first' },
        { kind: 'code', value: 'highest' },
      ],
    });
    expect(shape(filterOf('teachers(experience in (1, 2, 3))'))).toMatchObject({
      kind: 'in',
      values: [{ value: 1 }, {}, {}],
    });
  });

  it('reads strings in straight and typographic quotes, Cyrillic included, with escapes', () => {
    const expected = {
      kind: 'compare',
      name: 'subject',
      operator: '=',
      value: { kind: 'string', value: 'математика' },
    };
    expect(shape(filterOf('teachers(subject = "математика")'))).toEqual(expected);
    expect(shape(filterOf('teachers(subject = «математика»)'))).toEqual(expected);
    expect(shape(filterOf('teachers(subject = “математика”)'))).toEqual(expected);
    expect(shape(filterOf('teachers(position = "учитель \\"высшей\\" школы")'))).toMatchObject({
      value: { value: 'учитель "высшей" школы' },
    });
  });

  it('accepts an enum code in quotes and turns it into a code', () => {
    expect(shape(filterOf('teachers(diagnosed(level = "municipal"))'))).toEqual(
      shape(filterOf('teachers(diagnosed(level = municipal))')),
    );
  });

  it('reads arithmetic with precedence, left associativity, unary minus and parentheses', () => {
    expect(shape(parseOk('1 + 2 * 3'))).toEqual({
      kind: 'binary',
      operator: '+',
      left: { kind: 'number', value: 1 },
      right: {
        kind: 'binary',
        operator: '*',
        left: { kind: 'number', value: 2 },
        right: { kind: 'number', value: 3 },
      },
    });
    expect(shape(parseOk('8 - 4 - 2'))).toEqual({
      kind: 'binary',
      operator: '-',
      left: {
        kind: 'binary',
        operator: '-',
        left: { kind: 'number', value: 8 },
        right: { kind: 'number', value: 4 },
      },
      right: { kind: 'number', value: 2 },
    });
    expect(shape(parseOk('-(1 + 2) / 0.5'))).toEqual({
      kind: 'binary',
      operator: '/',
      left: {
        kind: 'negate',
        operand: {
          kind: 'binary',
          operator: '+',
          left: { kind: 'number', value: 1 },
          right: { kind: 'number', value: 2 },
        },
      },
      right: { kind: 'number', value: 0.5 },
    });
  });

  it('accepts the signs a word processor substitutes', () => {
    expect(shape(parseOk('teachers(experience ≤ 5, age ≥ 30, sex ≠ male) × 100 − 1 ÷ 2'))).toEqual(
      shape(parseOk('teachers(experience <= 5, age >= 30, sex != male) * 100 - 1 / 2')),
    );
  });

  it('ignores whitespace, newlines and # comments', () => {
    const text = [
      '# доля молодых педагогов, охваченных наставничеством',
      '  teachers( young ,   # молодые',
      '\tmentee )',
      '/ teachers(young) # все молодые',
      '* 100',
    ].join('\n');
    expect(shape(parseOk(text))).toEqual(shape(parseOk('teachers(young, mentee) / teachers(young) * 100')));
  });

  it('reads form("code") as a form field', () => {
    expect(shape(parseOk('form("staffed_positions")'))).toEqual({
      kind: 'call',
      name: 'form',
      field: 'staffed_positions',
    });
  });

  it.each([
    'teachers(orgKind = school, young)',
    'teachers(diagnosed(level = municipal))',
    'teachers(trained(type = upskilling, topic = upbringing)) / teachers() * 100',
    'teachers(experience <= 5)',
    'teachers(age < 35 and not manager)',
    'teachers(young and (mentee or member(type = young_school) or event(level = municipal)))',
    'teachers(category in (first, highest))',
    'teachers(subject = "математика")',
    'organizations(kind = school, lowResults)',
    'acts(kind = mentoring, level = municipal)',
    'mentoringPrograms()',
    'mentoringPairs(orgKind = school)',
    'associations(level = municipal)',
    'vacancies()',
    'positions()',
    'events(level = municipal)',
    'form("staffed_positions")',
    '(teachers(young, mentee) + teachers(young, member(type = young_school))) / teachers(young)',
    'positions(mainJob) / (positions(mainJob) + vacancies()) * 100',
    'teachers(certified(years = 5, result in (first, highest)))',
    'teachers(diagnosed(years = 3, level = municipal, area = subject, withDeficits, deficit = "М-02"))',
    'teachers(route(curator, not tutor, fromDiagnostic, status != draft))',
    'teachers(competition(level = regional, result = winner, name = "Учитель года"))',
    'teachers(not diagnosed, young)',
  ])('accepts %s', (text) => {
    expect(parseFormula(text).ok).toBe(true);
  });
});
