import { z } from 'zod';
import { idQuery, pageFields, searchQuery } from '../shared/http.ts';

export const TargetStudentOutput = z.object({
  id: z.number(),
  organizationId: z.number(),
  organizationShortName: z.string(),
  fullName: z.string(),
  university: z.string(),
  specialty: z.string(),
  subject: z.string(),
  graduationYear: z.number(),
  contractNumber: z.string(),
  contractDate: z.string(),
  notes: z.string().nullable(),
  version: z.number(),
});
export type TargetStudentOutput = z.infer<typeof TargetStudentOutput>;

const yearQuery = z.coerce
  .number('«Год выпуска»: нужно число')
  .int('«Год выпуска»: нужно целое число')
  .min(2000, '«Год выпуска»: не раньше 2000')
  .max(2100, '«Год выпуска»: не позже 2100')
  .optional();

const filters = {
  organizationId: idQuery(),
  municipalityId: idQuery(),
  graduationYear: yearQuery,
  q: searchQuery(),
};

export const ListTargetStudentsQuery = z.object({ ...filters, ...pageFields });
export type ListTargetStudentsQuery = z.infer<typeof ListTargetStudentsQuery>;

export const ExportTargetStudentsQuery = z.object(filters);
export type ExportTargetStudentsQuery = z.infer<typeof ExportTargetStudentsQuery>;
