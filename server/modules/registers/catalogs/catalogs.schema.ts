import { z } from 'zod';
import { COMPETENCE_AREAS, PROVIDER_KINDS } from '../../../../core/enums.ts';
import { recordSchema } from '../../../../core/registry/schema.ts';
import { deficitCatalogKind } from '../../../../core/registry/register-kinds.ts';
import { pageFields, searchQuery } from '../shared/http.ts';
import { catalogOwnerField, versionField } from '../shared/owned-routes.ts';

export const ProviderOutput = z.object({
  id: z.number(),
  name: z.string(),
  kind: z.enum(PROVIDER_KINDS),
  trainingCount: z.number(),
  /** The municipality that keeps the entry; null: a system-wide entry kept by a system administrator. */
  municipalityId: z.number().nullable(),
  version: z.number(),
});
export type ProviderOutput = z.infer<typeof ProviderOutput>;

export const ListProvidersQuery = z.object({
  q: searchQuery(),
  kind: z.enum(PROVIDER_KINDS).optional(),
  ...pageFields,
});
export type ListProvidersQuery = z.infer<typeof ListProvidersQuery>;

export const DeficitOutput = z.object({
  code: z.string(),
  area: z.enum(COMPETENCE_AREAS),
  title: z.string(),
  description: z.string().nullable(),
  diagnosticCount: z.number(),
  stepCount: z.number(),
  municipalityId: z.number().nullable(),
  version: z.number(),
});
export type DeficitOutput = z.infer<typeof DeficitOutput>;

export const ListDeficitsQuery = z.object({
  q: searchQuery(),
  area: z.enum(COMPETENCE_AREAS).optional(),
  ...pageFields,
});
export type ListDeficitsQuery = z.infer<typeof ListDeficitsQuery>;

export const CreateDeficitInput = recordSchema(deficitCatalogKind).extend({
  municipalityId: catalogOwnerField,
});
/** The code is what diagnostics and routes reference: it is fixed once created. */
export const UpdateDeficitInput = recordSchema(deficitCatalogKind, { partial: true })
  .omit({ code: true })
  .extend({ version: versionField });
export const DeficitParams = z.object({ code: z.string().min(1).max(20) });
