import type { OrganizationOutput } from './organizations.schema.ts';
import type { OrganizationRow } from './organizations.repository.ts';

export const presentOrganization = (row: OrganizationRow): OrganizationOutput => ({
  id: row.id,
  municipalityId: row.municipalityId,
  municipalityName: row.municipalityName,
  name: row.name,
  shortName: row.shortName,
  kind: row.kind,
  isLowResults: row.isLowResults,
  isHardSocialConditions: row.isHardSocialConditions,
  address: row.address,
  headName: row.headName,
  phone: row.phone,
  email: row.email,
  website: row.website,
  inn: row.inn,
  responsibleName: row.responsibleName,
  responsiblePhone: row.responsiblePhone,
  isActive: row.isActive,
  teacherCount: Number(row.teacherCount),
  version: row.version,
  updatedAt: row.updatedAt.toISOString(),
});
