import { describe, expect, it } from 'vitest';
import { PROGRAM_TEMPLATES, templateApplicability } from '../templates/index.ts';
import {
  appliesTo,
  applicabilityFromFormula,
  describeApplicability,
  fieldsNotAskedOf,
  storedApplicability,
} from './applicability.ts';

const school = { kind: 'school' as const, isLowResults: false, isHardSocialConditions: false };
const shnor = { ...school, isLowResults: true };
const kindergarten = { kind: 'preschool' as const, isLowResults: false, isHardSocialConditions: false };

describe('indicator applicability', () => {
  it.each([
    ['mentoringPrograms(orgKind = school)', null, { kinds: ['school'], groups: null }],
    [
      'teachers(orgKind = school, young, mentee)',
      'teachers(orgKind = school, young)',
      { kinds: ['school'], groups: null },
    ],
    [
      'teachers((lowResults or hardSocial), trained)',
      'teachers(lowResults or hardSocial)',
      { kinds: null, groups: ['lowResults', 'hardSocial'] },
    ],
    ['teachers(orgKind in (school, preschool))', null, { kinds: ['school', 'preschool'], groups: null }],
    ['teachers(orgKind != school)', null, { kinds: null, groups: null }],
    ['positions() / (positions() + vacancies(orgKind = school))', null, { kinds: null, groups: null }],
    ['form("x")', null, { kinds: null, groups: null }],
  ])('%s / %s → %j', (numerator, denominator, expected) =>
    expect(applicabilityFromFormula(numerator, denominator)).toEqual(expected),
  );

  it('applies by kind and by belonging to ШНОР or ШССУ; none means all', () => {
    expect(appliesTo({ kinds: ['school'], groups: null }, kindergarten)).toBe(false);
    expect(appliesTo({ kinds: null, groups: ['lowResults', 'hardSocial'] }, school)).toBe(false);
    expect(appliesTo({ kinds: null, groups: ['lowResults', 'hardSocial'] }, shnor)).toBe(true);
    expect(appliesTo(null, kindergarten)).toBe(true);
    expect(storedApplicability({ kinds: ['school', 'preschool', 'additional'], groups: [] })).toBeNull();
    expect(describeApplicability({ kinds: ['school'], groups: ['lowResults'] })).toBe(
      'общеобразовательные организации (ШНОР)',
    );
  });

  it('gives every seed indicator its applicability: Кардымовский to schools, school formulas to schools', () => {
    const of = (code: string, indicator: string) => {
      const t = PROGRAM_TEMPLATES.find((x) => x.code === code)!;
      return templateApplicability(
        t,
        t.criteria.flatMap((c) => c.indicators).find((i) => i.code === indicator)!,
      );
    };
    expect(of('seed-000-kardymovsky', '1.2')).toEqual({ kinds: ['school'], groups: null });
    expect(of('seed-004-myasnikovsky', '3.3')).toEqual({ kinds: ['school'], groups: null });
    expect(of('seed-004-myasnikovsky', '1.1')).toBeNull();
    expect(of('seed-002-zhirnovsky', '12')).toEqual({ kinds: ['preschool'], groups: null });
    expect(of('seed-002-zhirnovsky', '8')).toEqual({ kinds: null, groups: ['lowResults', 'hardSocial'] });
  });

  it('does not ask an organization for form fields only inapplicable indicators read', () => {
    const indicators = [
      {
        numerator: 'form("plan")',
        denominator: null,
        applicability: { kinds: ['school' as const], groups: null },
      },
      { numerator: 'form("lessons_young")', denominator: 'form("lessons")', applicability: null },
    ];
    expect([...fieldsNotAskedOf(indicators, kindergarten)]).toEqual(['plan']);
    expect([...fieldsNotAskedOf(indicators, school)]).toEqual([]);
  });
});
