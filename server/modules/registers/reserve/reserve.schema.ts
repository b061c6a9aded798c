import { z } from 'zod';
import { PLAN_ITEM_KINDS, RESERVE_STATUSES, reserveStatus } from '../../../../core/reserve/reserve.ts';
import { idQuery, pageFields, searchQuery } from '../shared/http.ts';

export const PositionKindOutput = z.object({
  id: z.number(),
  code: z.string().nullable(),
  name: z.string(),
  municipalityId: z.number().nullable(),
  candidateCount: z.number(),
  version: z.number(),
});
export type PositionKindOutput = z.infer<typeof PositionKindOutput>;

export const ListPositionKindsQuery = z.object({ municipalityId: idQuery(), ...pageFields });
export type ListPositionKindsQuery = z.infer<typeof ListPositionKindsQuery>;

const statusQuery = z
  .enum(RESERVE_STATUSES, {
    error: () =>
      `«Статус»: допустимые значения — ${RESERVE_STATUSES.map((s) => reserveStatus.label[s]).join(', ')}`,
  })
  .optional();

const filterFields = {
  organizationId: idQuery(),
  municipalityId: idQuery(),
  positionKindId: idQuery(),
  status: statusQuery,
  q: searchQuery(),
};

export const ExportCandidatesQuery = z.object(filterFields);
export type ListCandidatesFilter = z.infer<typeof ExportCandidatesQuery>;

export const ListCandidatesQuery = z.object({ ...filterFields, ...pageFields });
export type ListCandidatesQuery = z.infer<typeof ListCandidatesQuery>;

export const CandidateOutput = z.object({
  id: z.number(),
  municipalityId: z.number(),
  organizationId: z.number().nullable(),
  organizationShortName: z.string().nullable(),
  teacherId: z.number().nullable(),
  /** The teacher's name from the registry, or the full name of a person from outside. */
  name: z.string(),
  fullName: z.string().nullable(),
  contact: z.string().nullable(),
  currentOrganizationShortName: z.string().nullable(),
  currentPositionTitle: z.string().nullable(),
  positionKindId: z.number(),
  positionKindCode: z.string().nullable(),
  positionKindName: z.string(),
  orderNumber: z.string(),
  orderDate: z.string(),
  includedDate: z.string(),
  reviewedDate: z.string().nullable(),
  status: z.enum(RESERVE_STATUSES),
  decisionDate: z.string().nullable(),
  appointedPosition: z.string().nullable(),
  appointedOrganizationId: z.number().nullable(),
  appointedOrganizationShortName: z.string().nullable(),
  exclusionReason: z.string().nullable(),
  notes: z.string().nullable(),
  planItemCount: z.number(),
  planDoneCount: z.number(),
  version: z.number(),
});
export type CandidateOutput = z.infer<typeof CandidateOutput>;

export const PlanItemOutput = z.object({
  id: z.number(),
  candidateId: z.number(),
  kind: z.enum(PLAN_ITEM_KINDS),
  trainingId: z.number().nullable(),
  routeId: z.number().nullable(),
  eventId: z.number().nullable(),
  title: z.string().nullable(),
  linkedTitle: z.string().nullable(),
  dueDate: z.string().nullable(),
  doneDate: z.string().nullable(),
  version: z.number(),
});
export type PlanItemOutput = z.infer<typeof PlanItemOutput>;
