import { useQuery } from '@tanstack/react-query';
import type {
  EDUCATION_STAGES,
  PRACTICE_ACTIONS,
  PRACTICE_KINDS,
  PRACTICE_STATUSES,
  REVIEW_BODIES,
} from '../../../../core/practices.ts';
import { api } from '../../api/client.ts';

/** Shapes of the banks of practices and difficulties (mirror server/modules/practices, difficulties). */

export type PracticeStatus = (typeof PRACTICE_STATUSES)[number];
export type PracticeAction = (typeof PRACTICE_ACTIONS)[number];

export interface PracticeSummary {
  id: number;
  municipalityId: number;
  organizationId: number | null;
  organizationShortName: string | null;
  title: string;
  kind: (typeof PRACTICE_KINDS)[number];
  subject: string | null;
  stage: (typeof EDUCATION_STAGES)[number] | null;
  status: PracticeStatus;
  authors: { id: number; name: string }[];
  deficits: { code: string; title: string }[];
  isPublic: boolean;
  publishedAt: string | null;
  updatedAt: string;
  version: number;
}

export interface Practice extends PracticeSummary {
  description: string | null;
  links: string[];
  reviewBody: (typeof REVIEW_BODIES)[number] | null;
  associationId: number | null;
  associationName: string | null;
  reason: string | null;
  files: { id: number; name: string; mimeType: string; size: number }[];
  events: { id: number; title: string; date: string }[];
  reviews: {
    id: number;
    reviewerId: number;
    reviewerName: string;
    scores: Record<string, number> | null;
    total: number | null;
    comment: string | null;
    reviewedAt: string | null;
  }[];
  history: {
    fromStatus: PracticeStatus | null;
    toStatus: PracticeStatus;
    comment: string | null;
    userName: string;
    at: string;
  }[];
  can: { edit: boolean; manage: boolean; review: boolean; actions: PracticeAction[] };
}

export interface Criterion {
  code: string;
  title: string;
  description: string;
  maxPoints: number;
}

export const STATUS_COLOR: Record<PracticeStatus, string> = {
  draft: 'gray',
  submitted: 'blue',
  on_review: 'violet',
  returned: 'orange',
  recommended: 'teal',
  published: 'green',
  rejected: 'red',
};

export function useCriteria() {
  return useQuery({
    queryKey: ['practice-criteria'],
    queryFn: () => api.get<{ criteria: Criterion[]; maxScore: number }>('/api/practice-criteria'),
    staleTime: Infinity,
  });
}

export interface DifficultyMatrix {
  municipalityId: number;
  period: { from: string; to: string };
  diagnosed: number;
  canSeeNames: 'all' | number[];
  deficits: {
    code: string;
    title: string;
    area: string;
    count: number;
    share: number | null;
    resources: { id: number; title: string; kind: string; url: string | null }[];
    practices: { id: number; title: string }[];
  }[];
  organizations: { id: number; shortName: string; diagnosed: number }[];
  cells: { organizationId: number; deficitCode: string; count: number; share: number | null }[];
  trends: { years: number[]; series: { code: string; values: number[] }[] };
}

export interface DifficultyTeacher {
  teacherId: number;
  name: string;
  organizationShortName: string;
  positionTitle: string;
  date: string;
}
