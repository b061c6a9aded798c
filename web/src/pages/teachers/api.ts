import { useQuery } from '@tanstack/react-query';
import type { COMPETENCE_AREAS, QUALIFICATION_CATEGORIES } from '../../../../core/enums.ts';
import { api } from '../../api/client.ts';

export type QualificationCategory = (typeof QUALIFICATION_CATEGORIES)[number];
export type CompetenceArea = (typeof COMPETENCE_AREAS)[number];

/** Shapes of the teachers API (mirrors server/modules/teachers/*.schema.ts). */

export interface PositionSummary {
  id: number;
  organizationId: number;
  organizationShortName: string;
  title: string;
  isMainJob: boolean;
  rate: number;
  startDate: string;
  endDate: string | null;
}

export interface TeacherListItem {
  id: number;
  fullName: string;
  birthDate: string;
  age: number;
  experience: number;
  isYoung: boolean;
  category: QualificationCategory;
  isManager: boolean;
  subjects: string[];
  positions: PositionSummary[];
}

export interface TeacherSummary {
  referenceDate: string;
  total: number;
  young: number;
  diagnosedThisYear: number;
  withRoute: number;
  inMentoring: number;
  inAssociation: number;
  managers: number;
  byCategory: Record<QualificationCategory, number>;
}

export interface TeacherPermissions {
  canEdit: boolean;
  canDelete: boolean;
  positionOrganizationIds: number[];
  isLimited: boolean;
}

/** A stored record of any kind: its fields by key, plus display names of what it references. */
export type RecordRow = Record<string, unknown> & {
  id: number;
  version: number;
  updatedAt: string;
  labels: Record<string, string>;
};

export interface TeacherCard {
  id: number;
  municipalityId: number;
  fullName: string;
  lastName: string;
  firstName: string;
  middleName: string | null;
  birthDate: string | null;
  sex: 'male' | 'female' | null;
  snils: string | null;
  email: string | null;
  phone: string | null;
  pedagogicalStartDate: string | null;
  qualificationCategory: QualificationCategory | null;
  categoryDate: string | null;
  isManager: boolean | null;
  subjects: string[];
  age: number | null;
  experience: number | null;
  isYoung: boolean | null;
  referenceDate: string;
  positions: (PositionSummary & { version: number })[];
  permissions: TeacherPermissions;
  version: number;
  updatedAt: string | null;
}

export interface Deficit {
  code: string;
  area: CompetenceArea;
  title: string;
}

export interface Provider {
  id: number;
  name: string;
}

/** The deficit catalog, cached for the session: diagnostics and ИОМ steps show deficits by title. */
export function useDeficits() {
  return useQuery({
    queryKey: ['deficits'],
    queryFn: () => api.get<Deficit[]>('/api/deficits', { pageSize: 1000 }),
    staleTime: 10 * 60_000,
  });
}

export function useProviders() {
  return useQuery({
    queryKey: ['providers'],
    queryFn: () => api.get<Provider[]>('/api/providers', { pageSize: 1000 }),
    staleTime: 10 * 60_000,
  });
}

/** A request to attach a teacher of another organization (GET /api/teacher-attach-requests). */
export interface AttachRequest {
  id: number;
  teacherId: number;
  teacherName: string;
  organizationId: number;
  organizationName: string;
  position: { title: string; rate: number; isMainJob: boolean; startDate: string };
  status: 'pending' | 'confirmed' | 'refused';
  statusLabel: string;
  requestedByName: string;
  createdAt: string;
  decidedByName: string | null;
  decidedAt: string | null;
  comment: string | null;
  version: number;
}

export interface AttachRequestList {
  incoming: AttachRequest[];
  outgoing: AttachRequest[];
}

/** What POST /api/teachers/attach answers: the card (added at once) or the request sent (202). */
export const isAttachRequest = (answer: TeacherCard | AttachRequest): answer is AttachRequest =>
  'statusLabel' in answer && 'requestedByName' in answer;
