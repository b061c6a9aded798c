import { z } from 'zod';
import { idQuery, pageFields, searchQuery } from '../shared/http.ts';

export const MentoringProgramOutput = z.object({
  id: z.number(),
  organizationId: z.number(),
  organizationShortName: z.string(),
  title: z.string(),
  startDate: z.string(),
  endDate: z.string().nullable(),
  pairCount: z.number(),
  version: z.number(),
});
export type MentoringProgramOutput = z.infer<typeof MentoringProgramOutput>;

export const ListMentoringProgramsQuery = z.object({
  organizationId: idQuery(),
  municipalityId: idQuery(),
  q: searchQuery(),
  ...pageFields,
});
export type ListMentoringProgramsQuery = z.infer<typeof ListMentoringProgramsQuery>;

export const MentoringPairOutput = z.object({
  id: z.number(),
  programId: z.number().nullable(),
  programTitle: z.string().nullable(),
  organizationId: z.number(),
  organizationShortName: z.string(),
  mentorId: z.number(),
  mentorName: z.string(),
  menteeId: z.number(),
  menteeName: z.string(),
  form: z.string(),
  startDate: z.string(),
  endDate: z.string().nullable(),
  outcome: z.string().nullable(),
  version: z.number(),
});
export type MentoringPairOutput = z.infer<typeof MentoringPairOutput>;

export const ListMentoringPairsQuery = z.object({
  organizationId: idQuery(),
  municipalityId: idQuery(),
  programId: idQuery(),
  /** Pairs where this teacher is the mentor or the mentee. */
  teacherId: idQuery(),
  ...pageFields,
});
export type ListMentoringPairsQuery = z.infer<typeof ListMentoringPairsQuery>;
