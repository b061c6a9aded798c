import { describe, expect, it } from 'vitest';
import { validateFormValues, type FormFieldRule } from './form-validation.ts';
import {
  campaignDatesForYear,
  checkStageDates,
  currentPhase,
  datesFromTemplate,
  stageProgress,
} from './stages.ts';

const fields: FormFieldRule[] = [
  { code: 'total', label: 'Всего молодых педагогов', type: 'integer', isRequired: true, min: 0, max: 500 },
  {
    code: 'covered',
    label: 'Охвачено поддержкой',
    type: 'integer',
    isRequired: true,
    min: 0,
    notGreaterThan: 'total',
  },
  { code: 'plan', label: 'Есть план', type: 'boolean', isRequired: false },
];

describe('campaign form validation', () => {
  it('passes good values', () => {
    expect(validateFormValues(fields, { total: 10, covered: 8, plan: true })).toEqual({
      errors: [],
      warnings: [],
    });
  });
  it('refuses missing, fractional, out-of-range and «охвачено > всего»', () => {
    const { errors } = validateFormValues(fields, { total: 2.5, covered: 7, plan: 'да' as never });
    expect(errors.map((e) => e.message)).toEqual([
      '«Всего молодых педагогов»: ожидается целое число',
      '«Охвачено поддержкой» не может быть больше, чем «Всего молодых педагогов» (2,5)',
      '«Есть план»: ответьте «да» или «нет»',
    ]);
    expect(validateFormValues(fields, { total: null }).errors.map((e) => e.field)).toEqual([
      'total',
      'covered',
    ]);
    expect(validateFormValues(fields, { total: 501, covered: -1 }).errors.map((e) => e.message)).toEqual([
      '«Всего молодых педагогов»: не больше 500',
      '«Охвачено поддержкой»: не меньше 0',
    ]);
  });
  it('lets a draft be incomplete', () => {
    expect(validateFormValues(fields, { total: 5 }, { isFinal: false }).errors).toEqual([]);
  });
  it('warns, without blocking, about a value far from last year', () => {
    const result = validateFormValues(
      fields,
      { total: 30, covered: 10 },
      { isFinal: true, lastYear: { total: 12, covered: 9 } },
    );
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([
      {
        field: 'total',
        message:
          '«Всего молодых педагогов»: значение сильно отличается от прошлогоднего (было 12). Проверьте, нет ли ошибки.',
      },
    ]);
  });
});

describe('campaign stages', () => {
  const seed004 = datesFromTemplate(
    [
      { kind: 'initial', start: '04-01', end: '05-01' },
      { kind: 'main', start: '05-01', end: '06-01' },
      { kind: 'final', start: '06-01', end: '07-10' },
    ],
    2026,
  );
  it('places a day in its stage; touching stages go to the later one', () => {
    expect(currentPhase(seed004, '2026-03-31')).toBe('before');
    expect(currentPhase(seed004, '2026-04-15')).toBe('initial');
    expect(currentPhase(seed004, '2026-05-01')).toBe('main');
    expect(currentPhase(seed004, '2026-06-01')).toBe('final');
    expect(currentPhase(seed004, '2026-07-11')).toBe('after');
  });
  it('shows every stage done once the campaign is closed, early or not', () => {
    expect(stageProgress({ dates: seed004, phase: 'main', closedOn: null })).toEqual({
      activeStep: 1,
      isClosedEarly: false,
    });
    expect(stageProgress({ dates: seed004, phase: 'before', closedOn: null }).activeStep).toBe(-1);
    expect(stageProgress({ dates: seed004, phase: 'after', closedOn: null }).activeStep).toBe(3);
    expect(stageProgress({ dates: seed004, phase: 'main', closedOn: '2026-05-20' })).toEqual({
      activeStep: 3,
      isClosedEarly: true,
    });
    expect(stageProgress({ dates: seed004, phase: 'after', closedOn: '2026-07-10' })).toEqual({
      activeStep: 3,
      isClosedEarly: false,
    });
  });
  it('checks the order of dates', () => {
    expect(checkStageDates(seed004)).toEqual([]);
    expect(checkStageDates({ ...seed004, mainEnd: '2026-04-20' })[0]).toEqual({
      field: 'mainEnd',
      message: 'Основной этап заканчивается раньше, чем начинается',
    });
  });
  it('runs a campaign in the reporting year or in the next one, as the district does', () => {
    const stages = [
      { kind: 'initial' as const, start: '09-13', end: '09-24' },
      { kind: 'main' as const, start: '09-24', end: '10-22' },
      { kind: 'final' as const, start: '10-22', end: '11-05' },
    ];
    expect(campaignDatesForYear({ stages, isSameYear: true }, 2025).mainEnd).toBe('2025-10-22');
    expect(campaignDatesForYear({ stages, isSameYear: false }, 2025).mainEnd).toBe('2026-10-22');
  });
});
