/**
 * The district's own addition to seed 000 in the demo and in the campaign tests: schools also report how
 * many open lessons they held (and how many by young teachers) in the monitoring form, and indicator 3.4
 * compares that report with the registry's 3.3 («сверка»). Seed 000 itself computes 3.3 from the records
 * of events and asks no such numbers; this is an example of a program extended by its district, not a seed.
 */
import { share, type FormFieldTemplate, type IndicatorTemplate, type ProgramTemplate } from './types.ts';

export const OPEN_LESSONS_FIELDS: FormFieldTemplate[] = [
  {
    code: 'open_lessons_total',
    label: 'Открытых уроков проведено за учебный год, всего',
    type: 'integer',
    unit: 'уроков',
    isRequired: true,
    min: 0,
    max: 2000,
  },
  {
    code: 'open_lessons_by_young',
    label: 'Из них проведено молодыми педагогами',
    type: 'integer',
    unit: 'уроков',
    isRequired: true,
    min: 0,
    max: 2000,
    notGreaterThan: 'open_lessons_total',
    hint: 'Не больше общего числа открытых уроков',
  },
];

export const OPEN_LESSONS_REPORTED: IndicatorTemplate = share(
  '3.4',
  'Доля открытых уроков, проведённых молодыми педагогами, по отчёту организации (сверка с 3.3)',
  'form("open_lessons_by_young")',
  'form("open_lessons_total")',
  {
    source: 'Форма мониторинга, заполняемая образовательной организацией',
    method: 'Формализованный сбор данных, сверка с реестром мероприятий',
    periodicity: 'Ежегодно',
    deadline: 'С 13 сентября по 5 ноября',
    referenceDateRule: 'по состоянию на 1 сентября (итоги прошедшего учебного года)',
    isFormValue: true,
    note: 'Значение сообщает организация в форме; показатель 3.3 считает то же по реестру мероприятий.',
    levelHigh: 20,
    levelMedium: 10,
  },
);

/** Seed 000 with the open-lesson report: the two form fields and indicator 3.4 in criterion 3. */
export function withOpenLessonsReport(template: ProgramTemplate): ProgramTemplate {
  return {
    ...template,
    criteria: template.criteria.map((c) =>
      c.code === '3' ? { ...c, indicators: [...c.indicators, OPEN_LESSONS_REPORTED] } : c,
    ),
    formFields: [...template.formFields, ...OPEN_LESSONS_FIELDS],
  };
}
