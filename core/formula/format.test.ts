import { describe, expect, it } from 'vitest';
import type { CallNode, Expression } from './ast.ts';
import { catalogFormulas } from './corpus.ts';
import { callKey, collectCalls, evaluate, formatFormula, parseFormula } from './index.ts';
import { formatNumberLiteral } from './format.ts';
import { parseOk, shape } from './test-helpers.ts';

const HAND_WRITTEN = [
  'teachers(orgKind = school, young)',
  'teachers(trained(type = upskilling, topic = upbringing)) / teachers() * 100',
  'teachers(young and (mentee or member(type = young_school) or event(level = municipal)))',
  'teachers(young or not manager and mentee)',
  'teachers(not (young or mentee), not (manager and mainJob))',
  'teachers(not not young)',
  'teachers(subject = «мат"ем\\атика»)',
  '(teachers(young, mentee) + teachers(young, member(type = young_school))) / teachers(young)',
  '1 - (2 - 3) - 4 / (5 * 6) * (7 + 8)',
  '-(1 + 2) * -teachers() - -3',
  '--1',
  '0.25 * 100',
  'teachers(diagnosed(years = 3, level in (municipal, regional), not withDeficits))',
];

describe('formatFormula', () => {
  it.each([
    ['teachers( young and  not manager )', 'teachers(young, not manager)'],
    ['teachers(young И mentee ИЛИ mentor)', 'teachers((young and mentee) or mentor)'],
    ['teachers(young, (mentee or mentor))', 'teachers(young, (mentee or mentor))'],
    ['teachers(young, mentee or mentor)', 'teachers(young, (mentee or mentor))'],
    ['teachers(not (young, mentee))', 'teachers(not (young and mentee))'],
    ['teachers(diagnosed())', 'teachers(diagnosed)'],
    ['teachers(experience≤5)', 'teachers(experience <= 5)'],
    ['teachers(subject = «математика»)', 'teachers(subject = "математика")'],
    ['teachers(diagnosed(level = "municipal"))', 'teachers(diagnosed(level = municipal))'],
    ['(1 - 2) - 3', '1 - 2 - 3'],
    ['1 - (2 - 3)', '1 - (2 - 3)'],
    ['(1 * 2) / 3', '1 * 2 / 3'],
    ['1 / (2 * 3)', '1 / (2 * 3)'],
    ['(1 + 2) * 3', '(1 + 2) * 3'],
    ['--1', '-(-1)'],
    ['form( "staffed_positions" ) # поле формы', 'form("staffed_positions")'],
    ['1.50', '1.5'],
  ])('writes %j as %j', (text, canonical) => {
    expect(formatFormula(parseOk(text))).toBe(canonical);
  });

  it.each([...HAND_WRITTEN, ...catalogFormulas()])('round-trips %s', (text) => {
    const ast = parseOk(text);
    const canonical = formatFormula(ast);
    const again = parseOk(canonical);
    expect(shape(again)).toEqual(shape(ast));
    expect(formatFormula(again)).toBe(canonical);
  });

  it('writes numbers the lexer can read back, without exponents', () => {
    expect(formatNumberLiteral(1e-7)).toBe('0.0000001');
    expect(formatNumberLiteral(1e25)).toBe('10000000000000000905969664');
    expect(formatNumberLiteral(0.1 + 0.2)).toBe('0.30000000000000004');
    const tiny: Expression = { kind: 'number', value: 1e-7, position: 0, length: 0 };
    expect(shape(parseOk(formatFormula(tiny)))).toEqual({ kind: 'number', value: 1e-7 });
  });

  it('escapes quotes and backslashes in strings', () => {
    expect(formatFormula(parseOk('teachers(subject = «мат"ем\\атика»)'))).toBe(
      'teachers(subject = "мат\\"ем\\\\атика")',
    );
  });
});

const call = (text: string) => {
  const ast = parseOk(text);
  if (ast.kind !== 'call') throw new Error('not a call');
  return ast;
};

describe('callKey and collectCalls', () => {
  it('gives the same key to calls that differ only in order, connective spelling or layout', () => {
    const key = callKey(call('teachers(young, mentee, category in (first, highest))'));
    expect(key).toBe('teachers(category in (first, highest), mentee, young)');
    for (const text of [
      'teachers(mentee and young, category in (highest, first))',
      'teachers(category IN (highest, first, first) И mentee, young) # комментарий',
      'teachers(\n  young,\n  (mentee, category in (first, highest))\n)',
    ]) {
      expect(callKey(call(text))).toBe(key);
    }
  });

  it('keeps calls apart that count different things', () => {
    const keys = [
      'teachers()',
      'positions()',
      'teachers(young)',
      'teachers(not young)',
      'teachers(young or mentee)',
      'teachers(young, mentee)',
      'teachers(diagnosed(level = municipal))',
      'teachers(diagnosed(level = regional))',
      'teachers(diagnosed, trained)',
      'form("a")',
      'form("b")',
    ].map((text) => callKey(call(text)));
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('lists each distinct call once, in order of first appearance', () => {
    const ast = parseOk(
      'teachers(young, mentee) / teachers(mentee and young) * 100 + teachers(young) - form("x") / teachers(young)',
    );
    expect(collectCalls(ast).map((c) => c.key)).toEqual([
      'teachers(mentee, young)',
      'teachers(young)',
      'form("x")',
    ]);
    expect(collectCalls(ast)[0].call).toMatchObject({ kind: 'call', name: 'teachers', position: 0 });
    expect(collectCalls(parseOk('100'))).toEqual([]);
  });
});

describe('evaluate', () => {
  const values: Record<string, number | null> = {
    'teachers(young)': 20,
    'teachers()': 80,
    'teachers(diagnosed(level = municipal))': 0,
    'vacancies()': null,
    'form("staffed_positions")': 7,
  };
  const valueOf = (c: CallNode) => {
    const key = callKey(c);
    if (!(key in values)) throw new Error(`no value for ${key}`);
    return values[key];
  };
  const run = (text: string) => evaluate(parseOk(text), valueOf);

  it('does the arithmetic with precedence', () => {
    expect(run('teachers(young) / teachers() * 100')).toBe(25);
    expect(run('teachers() - teachers(young) * 2 + 1')).toBe(41);
    expect(run('-(teachers(young) - teachers()) / 4')).toBe(15);
    expect(run('form("staffed_positions") * 0.5')).toBe(3.5);
  });

  it('gives null on division by zero, not Infinity or 0', () => {
    expect(run('teachers(young) / teachers(diagnosed(level = municipal)) * 100')).toBeNull();
    expect(run('teachers(diagnosed(level = municipal)) / teachers() * 100')).toBe(0);
    // An inner division by zero makes the whole value unknown, even where Infinity would vanish.
    expect(run('1 / (teachers(young) / teachers(diagnosed(level = municipal)))')).toBeNull();
    expect(run('teachers() + teachers(young) / teachers(diagnosed(level = municipal)) * 0')).toBeNull();
  });

  it('gives null when a value is missing or not finite', () => {
    expect(run('teachers() - vacancies()')).toBeNull();
    expect(evaluate(parseOk('teachers() + 1'), () => Number.NaN)).toBeNull();
    expect(evaluate(parseOk('teachers() * 2'), () => Number.POSITIVE_INFINITY)).toBeNull();
  });

  it('never answers −0', () => {
    expect(Object.is(run('-teachers(diagnosed(level = municipal))'), 0)).toBe(true);
  });

  it('evaluates formulas without calls', () => {
    expect(evaluate(parseOk('(1 + 2) * 3 - 4 / 8'), valueOf)).toBe(8.5);
    const ok = parseFormula('teachers() / (1 - 1)');
    expect(ok.ok).toBe(false);
  });
});
