import { z } from 'zod';
import { idQuery } from '../shared/http.ts';

const age = (label: string) =>
  z.coerce
    .number(`${label}: нужно число лет`)
    .int(`${label}: нужно целое число лет`)
    .min(50, `${label}: не меньше 50 лет`)
    .max(70, `${label}: не больше 70 лет`)
    .optional();

export const ForecastQuery = z.object({
  municipalityId: idQuery(),
  organizationId: idQuery(),
  subject: z.string().trim().min(1).max(200).optional(),
  horizon: z.coerce
    .number('«Горизонт прогноза»: нужно число лет')
    .int('«Горизонт прогноза»: нужно целое число лет')
    .min(1, '«Горизонт прогноза»: от 1 до 5 учебных лет')
    .max(5, '«Горизонт прогноза»: от 1 до 5 учебных лет')
    .default(3),
  maleAge: age('«Пенсионный возраст мужчин»'),
  femaleAge: age('«Пенсионный возраст женщин»'),
});
export type ForecastQuery = z.infer<typeof ForecastQuery>;

const Totals = z.object({
  reachingPension: z.number(),
  departures: z.number(),
  youngInflow: z.number(),
  graduates: z.number(),
  inflow: z.number(),
  vacancies: z.number(),
  need: z.number(),
});

export const ForecastOutput = z.object({
  referenceDate: z.string(),
  municipalityId: z.number(),
  organizationId: z.number().nullable(),
  subject: z.string().nullable(),
  horizon: z.number(),
  years: z.array(z.number()),
  rule: z.object({ male: z.number(), female: z.number(), transition: z.boolean() }),
  observedYears: z.array(
    z.object({
      year: z.number(),
      headcount: z.number(),
      departures: z.number(),
      pensionHeadcount: z.number(),
      pensionDepartures: z.number(),
      youngArrivals: z.number(),
    }),
  ),
  rates: z.object({ attrition: z.number(), pensionLeave: z.number() }),
  teacherCount: z.number(),
  byYear: z.array(Totals.extend({ year: z.number(), vacancyTrend: z.number().nullable() })),
  total: Totals,
  byOrganization: z.array(
    z.object({ organizationId: z.number(), shortName: z.string(), byYear: z.array(Totals), total: Totals }),
  ),
  bySubject: z.array(z.object({ subject: z.string(), byYear: z.array(Totals), total: Totals })),
  vacancyMonths: z.array(z.object({ month: z.string(), count: z.number() })),
  vacancyTrendPerMonth: z.number().nullable(),
  subjects: z.array(z.string()),
  organizations: z.array(z.object({ id: z.number(), shortName: z.string() })),
});
export type ForecastOutput = z.infer<typeof ForecastOutput>;
