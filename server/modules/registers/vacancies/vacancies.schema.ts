import { z } from 'zod';
import { ORGANIZATION_KINDS } from '../../../../core/enums.ts';
import { idQuery, monthQuery, pageFields } from '../shared/http.ts';

export const VacancyOutput = z.object({
  id: z.number(),
  organizationId: z.number(),
  organizationShortName: z.string(),
  month: z.string(),
  position: z.string(),
  subject: z.string().nullable(),
  count: z.number(),
  version: z.number(),
});
export type VacancyOutput = z.infer<typeof VacancyOutput>;

export const ListVacanciesQuery = z.object({
  organizationId: idQuery(),
  municipalityId: idQuery(),
  from: monthQuery('«С месяца»'),
  to: monthQuery('«По месяц»'),
  ...pageFields,
});
export type ListVacanciesQuery = z.infer<typeof ListVacanciesQuery>;

export const VacancySummaryQuery = z.object({
  municipalityId: idQuery(),
  month: monthQuery('«Месяц»'),
  from: monthQuery('«С месяца»'),
  to: monthQuery('«По месяц»'),
});
export type VacancySummaryQuery = z.infer<typeof VacancySummaryQuery>;

export const VacancySummaryRow = z.object({
  organizationId: z.number(),
  organizationShortName: z.string(),
  organizationKind: z.enum(ORGANIZATION_KINDS),
  month: z.string(),
  count: z.number(),
});
export type VacancySummaryRow = z.infer<typeof VacancySummaryRow>;

const Status = z.enum(['reported', 'none', 'missing', 'pending']);

export const VacancyCompleteness = z.object({
  municipalityId: z.number(),
  today: z.string(),
  /** False for a school head: the table holds the rows of its own organizations only. */
  isDepartment: z.boolean(),
  months: z.array(
    z.object({
      month: z.string(),
      dueDate: z.string(),
      reported: z.number(),
      none: z.number(),
      missing: z.number(),
      pending: z.number(),
    }),
  ),
  rows: z.array(
    z.object({
      organizationId: z.number(),
      organizationShortName: z.string(),
      months: z.array(
        z.object({
          month: z.string(),
          status: Status,
          count: z.number(),
          enteredOn: z.string().nullable(),
          remindedOn: z.string().nullable(),
        }),
      ),
    }),
  ),
});

export const RemindAboutVacanciesInput = z.object({
  municipalityId: z.number().int().positive().optional(),
  organizationIds: z.array(z.number().int().positive()).max(2000).optional(),
});
