import { z } from 'zod';
import { SORT_KEYS, STATE_FILTERS, TIMELINESS_FILTERS } from '../../../core/campaigns/completeness-table.ts';
import { isValidIsoDate } from '../../../core/dates.ts';
import { ORGANIZATION_KINDS } from '../../../core/enums.ts';
import { idParam } from '../../http/fields.ts';

const day = (label: string) => z.string().refine(isValidIsoDate, `${label}: некорректная дата`);

export const StageDates = z.object({
  initialStart: day('Начало начального этапа'),
  initialEnd: day('Конец начального этапа'),
  mainStart: day('Начало основного этапа'),
  mainEnd: day('Конец основного этапа'),
  finalStart: day('Начало заключительного этапа'),
  finalEnd: day('Конец заключительного этапа'),
});

export const CreateCampaignInput = z.object({
  programId: z.number().int().positive(),
  year: z.number().int().min(2000, 'год не раньше 2000').max(2100),
  title: z.string().trim().min(3).max(500).optional(),
  /** Dates; without them the program's template gives them (seed 004: 1.04–10.07, seed 000: 13.09–5.11). */
  dates: StageDates.optional(),
  /** Participating organizations; all active ones of the municipality when absent. */
  organizationIds: z
    .array(z.number().int().positive())
    .min(1, 'выберите хотя бы одну организацию')
    .optional(),
  reminderDaysBefore: z.number().int().min(0).max(30).default(3),
});
export type CreateCampaignInput = z.infer<typeof CreateCampaignInput>;

export const UpdateCampaignInput = z.object({
  title: z.string().trim().min(3).max(500).optional(),
  dates: StageDates.optional(),
  organizationIds: z
    .array(z.number().int().positive())
    .min(1, 'выберите хотя бы одну организацию')
    .optional(),
  reminderDaysBefore: z.number().int().min(0).max(30).optional(),
  /** Instructions to the schools, plain text; blank lines part the paragraphs. */
  instructions: z.string().max(20_000, 'Инструкция: не длиннее 20 000 знаков').nullable().optional(),
  version: z.number().int().positive(),
});
export type UpdateCampaignInput = z.infer<typeof UpdateCampaignInput>;

const FormValueSchema = z.union([z.number(), z.string().max(2000), z.boolean(), z.null()]);
export const SaveSubmissionInput = z.object({
  values: z.record(z.string(), FormValueSchema),
  isRegistryConfirmed: z.boolean().optional(),
  version: z.number().int().positive().nullable(),
});
export type SaveSubmissionInput = z.infer<typeof SaveSubmissionInput>;

export const ReviewInput = z.object({
  comment: z.string().trim().max(2000).optional(),
  version: z.number().int().positive(),
});
export const ReturnInput = z.object({
  comment: z.string().trim().min(3, 'укажите, что нужно исправить').max(2000),
  version: z.number().int().positive(),
});
export const ReopenInput = z.object({ until: day('Срок') });

export const CampaignOrgParams = z.object({
  id: idParam(),
  organizationId: idParam(),
});

/** The completeness table's view in the address: the same filters and order as the page. */
export const CompletenessTableQuery = z.object({
  state: z.enum(STATE_FILTERS).optional(),
  timeliness: z.enum(TIMELINESS_FILTERS).optional(),
  kind: z.enum(ORGANIZATION_KINDS).optional(),
  sort: z.enum(SORT_KEYS).default('name'),
  dir: z.enum(['asc', 'desc']).default('asc'),
});

export const RemindInput = z.object({
  organizationIds: z
    .array(z.number().int().positive(), { error: 'Организации (поле organizationIds): список номеров' })
    .min(1, 'Организации (поле organizationIds): выберите хотя бы одну организацию')
    .max(1000),
});
