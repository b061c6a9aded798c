import { z } from 'zod';
import { ORGANIZATION_KINDS } from '../../../core/enums.ts';
import { ORGANIZATION_GROUPS, storedApplicability } from '../../../core/indicators/applicability.ts';
import { idParam, optionalText } from '../../http/fields.ts';

const ReferenceDateRule = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('periodEnd') }),
  z.object({ kind: z.literal('nextJanuary') }),
  z.object({
    kind: z.literal('fixed'),
    month: z.number().int().min(1, 'месяц от 1 до 12').max(12, 'месяц от 1 до 12'),
    day: z.number().int().min(1, 'день от 1 до 31').max(31, 'день от 1 до 31'),
    yearOffset: z.number().int().min(0).max(1),
  }),
]);

export const ProgramParametersSchema = z.object({
  youngMaxAge: z
    .number()
    .int()
    .min(18, '«Молодой педагог»: возраст от 18 лет')
    .max(60, '«Молодой педагог»: возраст до 60 лет'),
  youngMaxExperience: z
    .number()
    .int()
    .min(1, '«Молодой педагог»: стаж от 1 года')
    .max(15, '«Молодой педагог»: стаж до 15 лет'),
  experienceThreshold: z.number().int().min(1).max(40),
  periodKind: z.enum(['calendar', 'academic'], {
    error: () => 'Отчётный период: календарный или учебный год',
  }),
  referenceDate: ReferenceDateRule,
});

export const UNITS = ['percent', 'count', 'presence', 'number'] as const;

const nullableNumber = z
  .number()
  .nullish()
  .transform((v) => (v === undefined ? undefined : v));

/** Which organizations an indicator applies to; empty lists or null: all. */
export const ApplicabilityInput = z
  .object({
    kinds: z
      .array(z.enum(ORGANIZATION_KINDS, { error: () => 'тип организации: school, preschool или additional' }))
      .nullish(),
    groups: z
      .array(
        z.enum(ORGANIZATION_GROUPS, {
          error: () => 'группа организаций: lowResults (ШНОР) или hardSocial (ШССУ)',
        }),
      )
      .nullish(),
    /** Groups of the department by id; the service checks them and stores their names beside. */
    orgGroupIds: z.array(z.number('группа организаций: номер группы').int().positive()).max(200).nullish(),
  })
  .nullish()
  .transform((a) =>
    a === undefined
      ? undefined
      : storedApplicability({ ...a, orgGroups: a?.orgGroupIds?.map((id) => ({ id, name: '' })) }),
  );

export const IndicatorFields = z.object({
  criterionId: z.number().int().positive(),
  code: z.string().trim().min(1, 'укажите код показателя').max(20),
  name: z.string().trim().min(3, 'укажите наименование показателя').max(1000),
  unit: z.enum(UNITS, { error: () => 'единица: процент, количество, наличие или число' }),
  numerator: z.string().trim().min(1, 'укажите формулу числителя').max(2000),
  denominator: optionalText(2000),
  factor: z.number().positive('множитель должен быть больше нуля').max(1_000_000),
  source: optionalText(1000),
  method: optionalText(1000),
  periodicity: optionalText(300),
  deadline: optionalText(300),
  referenceDateRule: optionalText(300),
  direction: z.enum(['higher', 'lower']),
  levelHigh: nullableNumber,
  levelMedium: nullableNumber,
  targets: z
    .record(
      z.string(),
      z
        .number({ error: () => 'целевое значение — число' })
        .min(-1e9)
        .max(1e9),
    )
    .superRefine((targets, ctx) => {
      for (const year of Object.keys(targets))
        if (!/^\d{4}$/.test(year))
          ctx.addIssue({ code: 'custom', message: `год «${year}» — четыре цифры, например 2025` });
    })
    .optional(),
  isFormValue: z.boolean().optional(),
  applicability: ApplicabilityInput,
  note: optionalText(2000),
  sortOrder: z.number().int().optional(),
});
/**
 * A change that alters the live forms or the values of a running campaign (a new required field, another
 * formula) is made only with this flag: the editor shows what it does and asks first.
 */
const confirmRunningCampaign = z.boolean().optional();

export const CreateIndicatorInput = IndicatorFields.extend({ confirmRunningCampaign });
export const UpdateIndicatorInput = IndicatorFields.partial().extend({
  version: z.number().int().positive(),
  confirmRunningCampaign,
});
export type CreateIndicatorInput = z.infer<typeof CreateIndicatorInput>;
export type UpdateIndicatorInput = z.infer<typeof UpdateIndicatorInput>;

export const CriterionFields = z.object({
  code: z.string().trim().min(1, 'укажите код критерия').max(20),
  title: z.string().trim().min(3, 'укажите название критерия').max(1000),
  goal: optionalText(1000),
  sortOrder: z.number().int().optional(),
});
export const UpdateCriterionInput = CriterionFields.partial().extend({
  version: z.number().int().positive(),
});

export const FormFieldFields = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9_]*$/, 'код поля: латинские строчные буквы, цифры и «_», начиная с буквы')
    .max(60),
  label: z.string().trim().min(3, 'укажите подпись поля').max(500),
  type: z.enum(['number', 'integer', 'text', 'boolean']),
  unit: optionalText(50),
  hint: optionalText(500),
  isRequired: z.boolean().optional(),
  min: nullableNumber,
  max: nullableNumber,
  notGreaterThan: optionalText(60),
  sortOrder: z.number().int().optional(),
});
export const CreateFormFieldInput = FormFieldFields.extend({ confirmRunningCampaign });
export const UpdateFormFieldInput = FormFieldFields.partial().extend({
  version: z.number().int().positive(),
  confirmRunningCampaign,
});

export const CreateProgramInput = z.object({
  municipalityId: z.number().int().positive(),
  title: z.string().trim().min(3, 'укажите название программы').max(500),
  description: optionalText(5000),
  goals: z.array(z.string().trim().min(1).max(1000)).max(50).default([]),
  parameters: ProgramParametersSchema.optional(),
});
export const FromTemplateInput = z.object({
  municipalityId: z.number().int().positive(),
  templateCode: z.string().min(1),
});
export const UpdateProgramInput = z.object({
  title: z.string().trim().min(3).max(500).optional(),
  description: optionalText(5000),
  goals: z.array(z.string().trim().min(1).max(1000)).max(50).optional(),
  parameters: ProgramParametersSchema.optional(),
  isArchived: z.boolean().optional(),
  version: z.number().int().positive(),
});
export type UpdateProgramInput = z.infer<typeof UpdateProgramInput>;

export const ProgramListQuery = z.object({ municipalityId: idParam().optional() });
