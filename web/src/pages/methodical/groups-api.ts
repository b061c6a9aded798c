import { useQuery } from '@tanstack/react-query';
import type { Verdict } from '../../../../core/management/effect.ts';
import type { PlanItemState } from '../../../../core/groups/partnership.ts';
import type { IndicatorUnit } from '../../../../core/indicators/levels.ts';
import { api } from '../../api/client.ts';

/** Shapes of groups of organizations and school partnerships (mirror server/modules/groups/groups.schema.ts). */

export interface OrganizationGroup {
  id: number;
  municipalityId: number;
  name: string;
  description: string | null;
  /** All members for the department; for a school, only itself. */
  organizationIds: number[];
  canEdit: boolean;
  version: number;
}

export interface Partnership {
  id: number;
  municipalityId: number;
  strongOrganization: { id: number; name: string };
  weakOrganization: { id: number; name: string };
  title: string;
  startDate: string;
  endDate: string | null;
  plan: { title: string; dueDate: string; doneDate: string | null; state: PlanItemState }[];
  outcomes: string | null;
  events: { id: number; title: string; date: string; level: string; format: string }[];
  canEdit: boolean;
  version: number;
}

export interface PartnershipEffect {
  partnershipId: number;
  organizationId: number;
  programs: {
    programId: number;
    programTitle: string;
    before: { campaignId: number; title: string; year: number } | null;
    after: { campaignId: number; title: string; year: number } | null;
    indicators: {
      code: string;
      name: string;
      unit: IndicatorUnit;
      before: number | null;
      after: number | null;
      verdict: Verdict;
    }[];
    verdict: Verdict;
  }[];
}

export function useOrganizationGroups() {
  return useQuery({
    queryKey: ['organization-groups'],
    queryFn: () => api.get<OrganizationGroup[]>('/api/organization-groups'),
  });
}

export function usePartnerships() {
  return useQuery({
    queryKey: ['school-partnerships'],
    queryFn: () => api.get<Partnership[]>('/api/school-partnerships'),
  });
}
