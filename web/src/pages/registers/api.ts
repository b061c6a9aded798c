import { useQuery } from '@tanstack/react-query';
import type {
  ACT_KINDS,
  ASSOCIATION_TYPES,
  COMPETENCE_AREAS,
  EVENT_FORMATS,
  EVENT_TYPES,
  EVENT_ROLES,
  LEVELS,
  OrganizationKind,
  PROVIDER_KINDS,
} from '../../../../core/enums.ts';
import { api } from '../../api/client.ts';
import type { Organization } from '../../api/types.ts';
import { useAuth } from '../../auth/auth.tsx';

/** Shapes of the registers API (mirrors server/modules/registers/*\/*.schema.ts). */

type Level = (typeof LEVELS)[number];

interface Versioned {
  id: number;
  version: number;
}

export interface Association extends Versioned {
  municipalityId: number;
  name: string;
  level: Level;
  type: (typeof ASSOCIATION_TYPES)[number];
  subject: string | null;
  organizationId: number | null;
  organizationShortName: string | null;
  leaderId: number | null;
  leaderName: string | null;
  startDate: string;
  endDate: string | null;
  memberCount: number;
}

export interface Member extends Versioned {
  associationId: number;
  teacherId: number;
  teacherName: string;
  organizationShortName: string | null;
  positionTitle: string | null;
  joinedOn: string;
  leftOn: string | null;
}

export interface RegisterEvent extends Versioned {
  municipalityId: number;
  organizationId: number | null;
  organizationShortName: string | null;
  title: string;
  level: Level;
  date: string;
  format: (typeof EVENT_FORMATS)[number];
  type: (typeof EVENT_TYPES)[number] | null;
  deficitCodes: string[];
  participantCount: number;
}

export interface Participant extends Versioned {
  eventId: number;
  teacherId: number;
  teacherName: string;
  organizationShortName: string | null;
  positionTitle: string | null;
  role: (typeof EVENT_ROLES)[number];
}

export interface MentoringProgram extends Versioned {
  organizationId: number;
  organizationShortName: string;
  title: string;
  startDate: string;
  endDate: string | null;
  pairCount: number;
}

export interface MentoringPair extends Versioned {
  programId: number | null;
  programTitle: string | null;
  organizationId: number;
  organizationShortName: string;
  mentorId: number;
  mentorName: string;
  menteeId: number;
  menteeName: string;
  form: string;
  startDate: string;
  endDate: string | null;
  outcome: string | null;
}

export interface Vacancy extends Versioned {
  organizationId: number;
  organizationShortName: string;
  month: string;
  position: string;
  subject: string | null;
  count: number;
}

export interface VacancySummaryRow {
  organizationId: number;
  organizationShortName: string;
  organizationKind: OrganizationKind;
  month: string;
  count: number;
}

export interface NormativeAct extends Versioned {
  municipalityId: number;
  organizationId: number | null;
  organizationShortName: string | null;
  kind: (typeof ACT_KINDS)[number];
  number: string;
  date: string;
  title: string;
  url: string | null;
  validFrom: string;
  validTo: string | null;
  isInForce: boolean;
  /** The monitoring programs the act approves. */
  programs: { id: number; title: string }[];
}

export interface ProviderEntry extends Versioned {
  name: string;
  kind: (typeof PROVIDER_KINDS)[number];
  trainingCount: number;
  /** The municipality that keeps the entry; null: system-wide, kept by a system administrator. */
  municipalityId: number | null;
}

export interface DeficitEntry {
  code: string;
  version: number;
  municipalityId: number | null;
  area: (typeof COMPETENCE_AREAS)[number];
  title: string;
  description: string | null;
  diagnosticCount: number;
  stepCount: number;
}

export interface Candidate {
  id: number;
  fullName: string;
  organizationShortName: string | null;
  positionTitle: string | null;
}

export interface SkippedTeacher {
  teacherId: number;
  teacherName: string | null;
  reason: string;
}

export interface AddLinksResult<T> {
  added: T[];
  skipped: SkippedTeacher[];
}

/** Organizations the user sees, for filters and selects (one organization for an org_manager). */
export function useOrganizationOptions() {
  return useQuery({
    queryKey: ['organizations', 'options'],
    queryFn: () => api.list<Organization>('/api/organizations', { pageSize: 1000 }),
    staleTime: 5 * 60_000,
    select: (result) => result.items,
  });
}

/**
 * The organization an org_manager keeps its records in (the first it manages), for a fixed organization
 * input; null for everyone else.
 */
export function useManagedOrganization(): { id: number; shortName: string } | null {
  const { managedOrganizationIds } = useRegistersRole();
  const organizations = useOrganizationOptions();
  const managedId = managedOrganizationIds[0];
  if (managedId === undefined) return null;
  return {
    id: managedId,
    shortName: organizations.data?.find((o) => o.id === managedId)?.shortName ?? 'своя организация',
  };
}

/** What the signed-in user is to the registers. */
export function useRegistersRole() {
  const { me, hasRole } = useAuth();
  const isDepartment = hasRole('admin', 'coordinator');
  const managedOrganizationIds = (me?.roles ?? [])
    .filter((g) => g.role === 'org_manager' && g.organizationId !== null)
    .map((g) => g.organizationId!);
  const leaderAssociationIds = (me?.roles ?? [])
    .filter((g) => g.role === 'association_leader' && g.associationId !== null)
    .map((g) => g.associationId!);
  const municipalityId = me?.roles.find((g) => g.municipalityId !== null)?.municipalityId ?? null;
  return {
    isDepartment,
    managedOrganizationIds,
    leaderAssociationIds,
    municipalityId,
    /** May change records of this organization (null — municipal records). */
    canManage: (organizationId: number | null) =>
      isDepartment || (organizationId !== null && managedOrganizationIds.includes(organizationId)),
  };
}
