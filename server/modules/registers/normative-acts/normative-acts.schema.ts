import { z } from 'zod';
import { ACT_KINDS } from '../../../../core/enums.ts';
import { dateQuery, idQuery, pageFields, searchQuery } from '../shared/http.ts';

export const NormativeActOutput = z.object({
  id: z.number(),
  municipalityId: z.number(),
  organizationId: z.number().nullable(),
  organizationShortName: z.string().nullable(),
  kind: z.enum(ACT_KINDS),
  number: z.string(),
  date: z.string(),
  title: z.string(),
  url: z.string().nullable(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  isInForce: z.boolean(),
  programs: z.array(z.object({ id: z.number(), title: z.string() })),
  version: z.number(),
});
export type NormativeActOutput = z.infer<typeof NormativeActOutput>;

export const ListNormativeActsQuery = z.object({
  organizationId: idQuery(),
  municipalityId: idQuery(),
  level: z.enum(['organization', 'municipal']).optional(),
  kind: z.enum(ACT_KINDS).optional(),
  inForceOn: dateQuery('«Действует на дату»'),
  q: searchQuery(),
  ...pageFields,
});
export type ListNormativeActsQuery = z.infer<typeof ListNormativeActsQuery>;
