import type {
  ASSOCIATION_TYPES,
  COMPETENCE_AREAS,
  LEVELS,
  RESOURCE_KINDS,
  ROUTE_STATUSES,
  STEP_STATUSES,
} from '../../../../core/enums.ts';
import type { CertificationDue } from '../../../../core/certification.ts';

/** Shapes of the ИОМ, meetings and cabinet API (mirrors server/modules/iom, registers/meetings, cabinet). */

export type ResourceKind = (typeof RESOURCE_KINDS)[number];
export type RouteStatus = (typeof ROUTE_STATUSES)[number];
export type StepStatus = (typeof STEP_STATUSES)[number];
export type AssociationType = (typeof ASSOCIATION_TYPES)[number];
export type Level = (typeof LEVELS)[number];
export type CompetenceArea = (typeof COMPETENCE_AREAS)[number];

export interface Resource {
  id: number;
  municipalityId: number | null;
  isShared: boolean;
  deficitCode: string;
  deficitTitle: string;
  area: CompetenceArea;
  kind: ResourceKind;
  title: string;
  provider: string | null;
  hours: number | null;
  url: string | null;
  stepCount: number;
  version: number;
}

export interface RouteStep {
  id: number;
  routeId: number;
  deficitCode: string | null;
  deficitTitle: string | null;
  kind: ResourceKind | null;
  resourceId: number | null;
  resource: { title: string; provider: string | null; hours: number | null; url: string | null } | null;
  title: string;
  deadline: string;
  status: StepStatus;
  result: string | null;
  isOverdue: boolean;
  version: number;
}

export interface Approval {
  at: string;
  by: string;
}

export interface RouteView {
  id: number;
  teacherId: number;
  diagnostic: { id: number; date: string; instrument: string; deficitCodes: string[] } | null;
  startDate: string;
  endDate: string;
  curatorId: number | null;
  tutorId: number | null;
  curatorName: string | null;
  tutorName: string | null;
  status: RouteStatus;
  approvedAt: string | null;
  approvals: { curator: Approval | null; tutor: Approval | null };
  progress: { done: number; total: number; percent: number };
  steps: RouteStep[];
  version: number;
  permissions: {
    canEdit: boolean;
    canApproveAsCurator: boolean;
    canApproveAsTutor: boolean;
    canWithdrawCurator: boolean;
    canWithdrawTutor: boolean;
    canMarkSteps: boolean;
  };
}

export interface ProposedStep {
  deficitCode: string | null;
  kind: ResourceKind;
  resourceId: number | null;
  title: string;
  deadline: string;
}

export interface Proposal {
  diagnostic: { id: number; date: string; instrument: string; level: string };
  startDate: string;
  endDate: string;
  existingRouteId: number | null;
  deficits: { code: string; title: string; area: CompetenceArea; resources: Resource[] }[];
  steps: ProposedStep[];
}

export interface Meeting {
  id: number;
  associationId: number;
  date: string;
  topic: string;
  plan: string | null;
  isHeld: boolean;
  notes: string | null;
  state: 'held' | 'planned' | 'overdue';
  isDue: boolean;
  presentCount: number;
  absentCount: number;
  memberCount: number;
  rate: number | null;
  version: number;
}

export interface AssociationYear {
  association: {
    id: number;
    name: string;
    type: AssociationType;
    level: Level;
    organizationShortName: string | null;
    leaderName: string | null;
  };
  schoolYear: number;
  period: { from: string; to: string };
  schoolYears: number[];
  permissions: { canManage: boolean; canSeeAttendance: boolean };
  meetings: Meeting[];
  members: {
    teacherId: number;
    teacherName: string;
    organizationShortName: string | null;
    positionTitle: string | null;
    present: number;
    absent: number;
    rate: number | null;
  }[];
  summary: {
    planned: number;
    held: number;
    overdue: number;
    averageRate: number | null;
    next: { date: string; topic: string } | null;
  };
}

export interface MeetingAttendance {
  meeting: Meeting;
  entries: {
    teacherId: number;
    teacherName: string;
    organizationShortName: string | null;
    isPresent: boolean | null;
  }[];
}

export interface AssociationOverview {
  id: number;
  name: string;
  type: AssociationType;
  level: Level;
  organizationShortName: string | null;
  leaderName: string | null;
  memberCount: number;
  planned: number;
  held: number;
  nextDate: string | null;
  canManage: boolean;
}

export interface Cabinet {
  referenceDate: string;
  schoolYear: number;
  profile: {
    id: number;
    fullName: string;
    age: number;
    experience: number;
    isYoung: boolean;
    qualificationCategory: 'none' | 'compliance' | 'first' | 'highest';
    categoryDate: string | null;
    lastCertification: { date: string; result: string } | null;
    certification: CertificationDue;
    subjects: string[];
    positions: { organizationShortName: string; title: string; isMainJob: boolean }[];
  };
  diagnostics: {
    id: number;
    date: string;
    level: Level;
    instrument: string;
    score: number | null;
    maxScore: number | null;
    routeId: number | null;
    deficits: { code: string; title: string; area: CompetenceArea | null }[];
  }[];
  routes: RouteView[];
  trainings: {
    id: number;
    type: 'upskilling' | 'retraining';
    title: string;
    providerName: string | null;
    hours: number;
    endDate: string;
  }[];
  mentoring: {
    id: number;
    role: 'mentor' | 'mentee';
    partnerName: string;
    form: string;
    programTitle: string | null;
    organizationShortName: string;
    startDate: string;
    endDate: string | null;
    outcome: string | null;
    isActive: boolean;
  }[];
  associations: {
    id: number;
    name: string;
    type: AssociationType;
    level: Level;
    leaderName: string | null;
    joinedOn: string;
    leftOn: string | null;
    isCurrent: boolean;
    meetingsPlanned: number;
    meetingsHeld: number;
    attended: number;
    marked: number;
  }[];
  upcomingMeetings: {
    id: number;
    associationId: number;
    associationName: string;
    date: string;
    topic: string;
    plan: string | null;
  }[];
  events: {
    id: number;
    title: string;
    date: string;
    level: Level;
    format: string;
    role: 'participant' | 'speaker' | 'organizer';
  }[];
  competitions: {
    id: number;
    name: string;
    level: Level;
    date: string;
    result: 'participant' | 'laureate' | 'winner';
  }[];
}

export const RESOURCE_KIND_COLOR: Record<ResourceKind, string> = {
  course: 'blue',
  event: 'grape',
  mentoring: 'teal',
  self_study: 'orange',
};

export const ROUTE_STATUS_COLOR: Record<RouteStatus, string> = {
  draft: 'gray',
  approved: 'blue',
  in_progress: 'yellow',
  completed: 'green',
};

export const STEP_STATUS_COLOR: Record<StepStatus, string> = {
  planned: 'gray',
  in_progress: 'yellow',
  done: 'green',
  cancelled: 'red',
};

/** Badges in narrow table cells and cards keep their whole text instead of an ellipsis. */
export const WHOLE = { minWidth: 'max-content' } as const;
