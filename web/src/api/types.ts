import type { OrganizationKind, Role } from '../../../core/enums.ts';

/** Shapes of the API answers the web app reads (mirrors the server's zod output schemas). */

/** GET /api/organizations/:id/monitoring: defined once in core, built by the server. */
export type {
  CardCampaign,
  CardIndicator,
  CardProgram,
  CardValue,
  OrganizationCard,
} from '../../../core/analysis/organization-card.ts';

export interface RoleGrant {
  role: Role;
  municipalityId: number | null;
  organizationId: number | null;
  associationId: number | null;
  regionId?: number | null;
  personalData?: boolean;
  scopeName?: string | null;
}

export interface Me {
  id: number;
  login: string;
  fullName: string;
  teacherId: number | null;
  roles: RoleGrant[];
}

export interface Organization {
  id: number;
  municipalityId: number;
  municipalityName: string;
  name: string;
  shortName: string;
  kind: OrganizationKind;
  isLowResults: boolean;
  isHardSocialConditions: boolean;
  address: string | null;
  headName: string | null;
  phone: string | null;
  email: string | null;
  website: string | null;
  inn: string | null;
  responsibleName: string | null;
  responsiblePhone: string | null;
  isActive: boolean;
  teacherCount: number;
  version: number;
  updatedAt: string;
}

export interface Municipality {
  id: number;
  regionId: number;
  regionName: string;
  name: string;
  departmentName: string;
  departmentAddress: string | null;
  departmentPhone: string | null;
  departmentEmail: string | null;
  departmentRequisites: string | null;
  headName: string | null;
  headPosition: string | null;
  organizationCount: number;
  version: number;
}

export interface User {
  id: number;
  login: string;
  fullName: string;
  email: string | null;
  isActive: boolean;
  teacherId: number | null;
  lastLoginAt: string | null;
  roles: RoleGrant[];
  version: number;
}

export interface AuditEntry {
  id: number;
  at: string;
  userLogin: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  organizationId: number | null;
  summary: string | null;
  before: unknown;
  after: unknown;
}
