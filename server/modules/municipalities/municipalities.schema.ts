import { z } from 'zod';
import { optionalText } from '../../http/fields.ts';

export const MunicipalityOutput = z.object({
  id: z.number(),
  regionId: z.number(),
  regionName: z.string(),
  name: z.string(),
  departmentName: z.string(),
  departmentAddress: z.string().nullable(),
  departmentPhone: z.string().nullable(),
  departmentEmail: z.string().nullable(),
  departmentRequisites: z.string().nullable(),
  headName: z.string().nullable(),
  headPosition: z.string().nullable(),
  organizationCount: z.number(),
  version: z.number(),
});

export const MunicipalityFields = {
  name: z.string().trim().min(3, 'наименование: не короче 3 символов').max(300),
  departmentName: z
    .string()
    .trim()
    .min(3, 'наименование органа управления образованием: не короче 3 символов')
    .max(500),
  departmentAddress: optionalText(1000),
  departmentPhone: optionalText(1000),
  departmentEmail: optionalText(1000),
  departmentRequisites: optionalText(1000),
  headName: optionalText(1000),
  headPosition: optionalText(1000),
};

export const CreateMunicipalityInput = z.object({
  regionId: z.number().int().positive().optional(),
  regionName: z.string().trim().min(3).max(300).optional(),
  ...MunicipalityFields,
});
export type CreateMunicipalityInput = z.infer<typeof CreateMunicipalityInput>;

export const UpdateMunicipalityInput = z
  .object(MunicipalityFields)
  .partial()
  .extend({ version: z.number().int().positive() });
export type UpdateMunicipalityInput = z.infer<typeof UpdateMunicipalityInput>;
