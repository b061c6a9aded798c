import { describe, expect, it } from 'vitest';
import { parseFormula, shareWarning, yearsWindow, type Expression } from './index.ts';
import { PROGRAM_TEMPLATES } from '../templates/index.ts';

const ast = (text: string): Expression => {
  const r = parseFormula(text);
  if (!r.ok) throw new Error(r.errors[0].message);
  return r.ast;
};
const warning = (numerator: string, denominator: string) => shareWarning(ast(numerator), ast(denominator));

describe('the window of years = N', () => {
  it('starts on the same day N years before the reference date, both ends included', () => {
    expect(yearsWindow('2026-01-01', 3)).toEqual({ start: '2023-01-01', end: '2026-01-01' });
    expect(yearsWindow('2026-05-15', 2)).toEqual({ start: '2024-05-15', end: '2026-05-15' });
    expect(yearsWindow('2028-02-29', 1)).toEqual({ start: '2027-02-28', end: '2028-02-29' });
  });
});

describe('a share whose numerator may leave its denominator', () => {
  it('warns, naming the missing condition and the numerator that stays inside', () => {
    expect(warning('teachers(route(fromDiagnostic))', 'teachers(diagnosed(withDeficits, years = 2))')).toBe(
      'Числитель может считать тех, кого нет в знаменателе: в нём нет условия знаменателя ' +
        '«diagnosed(withDeficits, years = 2)», и доля может превысить 100 %. Чтобы числитель был частью ' +
        'знаменателя, повторите в нём условия знаменателя: ' +
        'teachers(route(fromDiagnostic), diagnosed(withDeficits, years = 2))',
    );
    expect(warning('teachers(trained)', 'teachers(manager, young)')).toContain(
      'условий знаменателя «manager», «young»',
    );
  });
  it('a different window or a looser record condition is outside', () => {
    expect(
      warning('teachers(diagnosed(withDeficits))', 'teachers(diagnosed(withDeficits, years = 2))'),
    ).not.toBeNull();
    expect(warning('teachers(route)', 'teachers(route(curator))')).not.toBeNull();
  });
  it('does not warn when the numerator repeats the denominator, in any order or more narrowly', () => {
    expect(
      warning(
        'teachers(route(fromDiagnostic), diagnosed(withDeficits, years = 2))',
        'teachers(diagnosed(withDeficits, years = 2))',
      ),
    ).toBeNull();
    expect(warning('teachers(mentee, young)', 'teachers(young)')).toBeNull();
    expect(warning('teachers(route(curator))', 'teachers(route)')).toBeNull();
    expect(
      warning(
        'teachers(diagnosed(years = 2, withDeficits, level = municipal))',
        'teachers(diagnosed(withDeficits, years = 2))',
      ),
    ).toBeNull();
    expect(
      warning('teachers((lowResults or hardSocial), trained)', 'teachers(hardSocial or lowResults)'),
    ).toBeNull();
    expect(warning('teachers(trained)', 'teachers()')).toBeNull();
  });
  it('says nothing about form values, other functions or arithmetic', () => {
    expect(warning('form("a")', 'teachers(young)')).toBeNull();
    expect(warning('vacancies()', 'teachers(young)')).toBeNull();
    expect(warning('teachers(trained) + 1', 'teachers(young)')).toBeNull();
  });
  it('no share of a seed template can go above 100 %', () => {
    const shares = PROGRAM_TEMPLATES.flatMap((t) =>
      t.criteria.flatMap((c) => c.indicators.filter((i) => i.denominator).map((i) => ({ t: t.code, ...i }))),
    );
    expect(shares.length).toBeGreaterThan(30);
    expect(shares.filter((i) => warning(i.numerator, i.denominator!)).map((i) => `${i.t} ${i.code}`)).toEqual(
      [],
    );
  });
});
