import { useQuery } from '@tanstack/react-query';
import type { PlanItemKind, ReserveStatus } from '../../../../core/reserve/reserve.ts';
import { api } from '../../api/client.ts';

/** Shapes of the reserve API (mirrors server/modules/registers/reserve/reserve.schema.ts). */

export interface PositionKind {
  id: number;
  code: string | null;
  name: string;
  municipalityId: number | null;
  candidateCount: number;
  version: number;
}

export interface Candidate {
  id: number;
  municipalityId: number;
  organizationId: number | null;
  organizationShortName: string | null;
  teacherId: number | null;
  name: string;
  fullName: string | null;
  contact: string | null;
  currentOrganizationShortName: string | null;
  currentPositionTitle: string | null;
  positionKindId: number;
  positionKindCode: string | null;
  positionKindName: string;
  orderNumber: string;
  orderDate: string;
  includedDate: string;
  reviewedDate: string | null;
  status: ReserveStatus;
  decisionDate: string | null;
  appointedPosition: string | null;
  appointedOrganizationId: number | null;
  appointedOrganizationShortName: string | null;
  exclusionReason: string | null;
  notes: string | null;
  planItemCount: number;
  planDoneCount: number;
  version: number;
}

export interface PlanItem {
  id: number;
  candidateId: number;
  kind: PlanItemKind;
  trainingId: number | null;
  routeId: number | null;
  eventId: number | null;
  title: string | null;
  linkedTitle: string | null;
  dueDate: string | null;
  doneDate: string | null;
  version: number;
}

export function usePositionKinds() {
  return useQuery({
    queryKey: ['reserve-position-kinds'],
    queryFn: () => api.get<PositionKind[]>('/api/reserve-position-kinds', { pageSize: 1000 }),
    staleTime: 5 * 60_000,
  });
}

export const STATUS_COLOR: Record<ReserveStatus, string> = {
  reserve: 'blue',
  appointed: 'green',
  excluded: 'gray',
};
