import { describe, expect, it } from 'vitest';
import {
  assertRegionAccess,
  canAccessMunicipality,
  isRegionalReaderOf,
  municipalityScope,
  organizationScope,
  regionScope,
  type AuthUser,
} from './access.ts';

const regional = (personalData: boolean): AuthUser => ({
  id: 7,
  login: 'region',
  fullName: 'Региональный координатор',
  teacherId: null,
  roles: [
    {
      role: 'regional_coordinator',
      municipalityId: null,
      organizationId: null,
      associationId: null,
      regionId: 3,
      regionMunicipalityIds: [10, 11],
      personalData,
    },
  ],
});

describe('the regional coordinator’s scope', () => {
  it('reaches the aggregates of its region’s municipalities, and nothing else by default', () => {
    const user = regional(false);
    expect(municipalityScope(user, 'aggregate')).toEqual({ all: false, ids: [10, 11] });
    expect(organizationScope(user, 'aggregate').municipalityIds).toEqual([10, 11]);
    // Personal reads (teachers' cards and lists) and writes: nothing.
    expect(municipalityScope(user, 'read')).toEqual({ all: false, ids: [] });
    expect(organizationScope(user, 'read').municipalityIds).toEqual([]);
    expect(municipalityScope(user, 'manage').ids).toEqual([]);
    expect(organizationScope(user, 'manage').municipalityIds).toEqual([]);
    expect(canAccessMunicipality(user, 12, 'aggregate')).toBe(false);
    expect(isRegionalReaderOf(user, 11)).toBe(true);
    expect(isRegionalReaderOf(user, 12)).toBe(false);
  });

  it('reads teachers’ personal data only with the explicit grant, and still writes nothing', () => {
    const user = regional(true);
    expect(municipalityScope(user, 'read').ids).toEqual([10, 11]);
    expect(organizationScope(user, 'read').municipalityIds).toEqual([10, 11]);
    expect(organizationScope(user, 'manage').municipalityIds).toEqual([]);
    expect(canAccessMunicipality(user, 10, 'manage')).toBe(false);
  });

  it('knows its region only', () => {
    const user = regional(false);
    expect(regionScope(user)).toEqual([3]);
    expect(() => assertRegionAccess(user, 3)).not.toThrow();
    expect(() => assertRegionAccess(user, 4)).toThrow('Нет доступа к данным этого региона.');
  });
});
