import { withOpenLessonsReport } from './open-lessons-report.ts';
import { describe, expect, it } from 'vitest';
import { collectCalls, parseFormula } from '../formula/index.ts';
import { PROGRAM_TEMPLATES } from './index.ts';

describe('program templates of the seed districts', () => {
  it.each(PROGRAM_TEMPLATES.map((t) => [t.code, t] as const))(
    '%s: every formula parses and codes are unique',
    (_code, template) => {
      const codes = template.criteria.flatMap((c) => c.indicators.map((i) => i.code));
      expect(new Set(codes).size).toBe(codes.length);
      const fieldCodes = new Set(template.formFields.map((f) => f.code));
      for (const indicator of template.criteria.flatMap((c) => c.indicators)) {
        for (const formula of [indicator.numerator, indicator.denominator].filter(Boolean) as string[]) {
          const parsed = parseFormula(formula);
          expect(
            parsed.ok ? [] : parsed.errors.map((e) => e.message),
            `${indicator.code}: ${formula}`,
          ).toEqual([]);
          if (!parsed.ok) continue;
          const formCalls = collectCalls(parsed.ast).filter((c) => c.call.name === 'form');
          // A value from the form is marked as such, and the field exists in the template's form.
          if (formCalls.length) expect(indicator.isFormValue, indicator.code).toBe(true);
          for (const { call } of formCalls)
            if (call.name === 'form') expect(fieldCodes.has(call.field), call.field).toBe(true);
        }
      }
      for (const f of template.formFields)
        if (f.notGreaterThan) expect(fieldCodes.has(f.notGreaterThan)).toBe(true);
    },
  );

  it('reproduces the size of each seed program', () => {
    const size = (code: string) => PROGRAM_TEMPLATES.find((t) => t.code === code)!;
    const count = (code: string) => size(code).criteria.flatMap((c) => c.indicators).length;
    expect(size('seed-004-myasnikovsky').criteria).toHaveLength(5);
    expect(count('seed-004-myasnikovsky')).toBe(13); // 12 of the section-6 table and the vacancies of section 5
    expect(count('seed-002-zhirnovsky')).toBe(13);
    expect(size('seed-000-kardymovsky').criteria).toHaveLength(5);
    expect(count('seed-001-egorlyksky')).toBe(13); // 11 of the passport and two of the reserve
    expect(size('seed-003-khorolsky').goals.length).toBeGreaterThanOrEqual(4);
  });

  it('computes seed 000’s 3.3 from the records of open lessons, and asks no numbers of them in the form', () => {
    const kardymovsky = PROGRAM_TEMPLATES.find((t) => t.code === 'seed-000-kardymovsky')!;
    const i33 = kardymovsky.criteria.flatMap((c) => c.indicators).find((i) => i.code === '3.3')!;
    expect([i33.numerator, i33.denominator]).toEqual([
      'events(type = open_lesson, byYoung)',
      'events(type = open_lesson)',
    ]);
    expect(i33.isFormValue).toBeUndefined();
    expect(kardymovsky.formFields.map((f) => f.code)).toEqual(['deficit_plan']);
    // The demo's district adds the report back as its own fields and indicator 3.4.
    const extended = withOpenLessonsReport(kardymovsky);
    expect(extended.formFields.map((f) => f.code)).toEqual([
      'deficit_plan',
      'open_lessons_total',
      'open_lessons_by_young',
    ]);
    expect(extended.criteria.find((c) => c.code === '3')!.indicators.map((i) => i.code)).toEqual([
      '3.1',
      '3.2',
      '3.3',
      '3.4',
    ]);
  });
});
