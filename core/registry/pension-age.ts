import { addMonths, parseIsoDate, type IsoDate } from '../dates.ts';
import { plural } from '../format.ts';

/**
 * The general (old-age) retirement age by sex and year of birth, as the 2018 pension reform set it.
 *
 * Source: Федеральный закон от 03.10.2018 № 350-ФЗ «О внесении изменений в отдельные законодательные акты
 * Российской Федерации по вопросам назначения и выплаты пенсий»: it raised the age of ч. 1 ст. 8 Федерального
 * закона от 28.12.2013 № 400-ФЗ «О страховых пенсиях» from 60 (men) and 55 (women) to 65 and 60, step by step
 * per приложение 6 к 400-ФЗ — by the year in which the person would have reached the old age (60 / 55):
 *   2019 → +12 months, 2020 → +24, 2021 → +36, 2022 → +48, 2023 and later → +60;
 * and ч. 3 ст. 10 350-ФЗ lets those who reach the new age in 2019–2020 retire up to six months earlier, so:
 *   men   born 1959 → 60 лет 6 мес., 1960 → 61 год 6 мес., 1961 → 63, 1962 → 64, 1963 and later → 65;
 *   women born 1964 → 55 лет 6 мес., 1965 → 56 лет 6 мес., 1966 → 58, 1967 → 59, 1968 and later → 60.
 * The transition ends in 2028 (men born 1963 turn 65, women born 1968 turn 60 that year).
 * (Teachers may retire earlier for 25 years of pedagogical service, приложение 7 к 400-ФЗ; the forecast counts
 * the general age, as the monitoring's «педагоги пенсионного возраста» do.)
 */
export interface PensionAgeRule {
  /** The age men retire at once the transition is over, in years. */
  male: number;
  /** The age women retire at once the transition is over, in years. */
  female: number;
  /** Apply the 2019–2027 schedule of 350-ФЗ for those born before 1963 (men) / 1968 (women). */
  transition: boolean;
}

/** The law as it stands: 65 / 60 with the transition schedule. */
export const LEGAL_PENSION_RULE: PensionAgeRule = { male: 65, female: 60, transition: true };

/** The old ages before the reform and the first birth year the reform reached, by sex. */
const BEFORE_REFORM = { male: { age: 60, firstYear: 1959 }, female: { age: 55, firstYear: 1964 } } as const;

/** Months added to the old age by the position of the birth year in the transition (0 = first year). */
const TRANSITION_MONTHS = [6, 18, 36, 48] as const;

/** The retirement age of a person of this sex born on this day, in months. */
export function pensionAgeMonths(
  sex: 'male' | 'female',
  birthDate: IsoDate,
  rule: PensionAgeRule = LEGAL_PENSION_RULE,
): number {
  const final = (sex === 'male' ? rule.male : rule.female) * 12;
  if (!rule.transition) return final;
  const { age, firstYear } = BEFORE_REFORM[sex];
  const step = parseIsoDate(birthDate).year - firstYear;
  if (step < 0) return age * 12;
  if (step >= TRANSITION_MONTHS.length) return final;
  return Math.min(final, age * 12 + TRANSITION_MONTHS[step]);
}

/** The day a person reaches the retirement age. */
export const pensionDate = (
  t: { sex: 'male' | 'female'; birthDate: IsoDate },
  rule: PensionAgeRule = LEGAL_PENSION_RULE,
): IsoDate => addMonths(t.birthDate, pensionAgeMonths(t.sex, t.birthDate, rule));

/** Of retirement age on `date`. */
export const isOfPensionAge = (
  t: { sex: 'male' | 'female'; birthDate: IsoDate },
  date: IsoDate,
  rule: PensionAgeRule = LEGAL_PENSION_RULE,
) => pensionDate(t, rule) <= date;

/** «61 год 6 мес.», «60 лет». */
export function formatPensionAge(months: number): string {
  const years = Math.floor(months / 12);
  const rest = months % 12;
  const whole = `${years} ${plural(years, ['год', 'года', 'лет'])}`;
  return rest ? `${whole} ${rest} мес.` : whole;
}
