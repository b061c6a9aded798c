import { describe, expect, it } from 'vitest';
import { describeAudience, headOfAddressee, inAudience, normalizeAudience } from './audience.ts';

const school = { id: 1, kind: 'school' as const, isLowResults: false, isHardSocialConditions: false };
const shnor = { id: 5, kind: 'school' as const, isLowResults: true, isHardSocialConditions: true };
const garden = { id: 9, kind: 'preschool' as const, isLowResults: false, isHardSocialConditions: false };

describe('recommendations to several organizations', () => {
  it('reach all organizations, a kind, ШНОР/ШССУ or a list', () => {
    const all = normalizeAudience({});
    expect(all).toEqual({ kinds: null, groups: null, organizationIds: null });
    expect([school, shnor, garden].every((o) => inAudience(all, o))).toBe(true);
    const schools = normalizeAudience({ kinds: ['school'] });
    expect([school, shnor, garden].map((o) => inAudience(schools, o))).toEqual([true, true, false]);
    const group = normalizeAudience({ kinds: ['school'], groups: ['hardSocial', 'lowResults'] });
    expect(group.groups).toEqual(['lowResults', 'hardSocial']);
    expect([school, shnor, garden].map((o) => inAudience(group, o))).toEqual([false, true, false]);
    const list = normalizeAudience({ organizationIds: [9, 1, 9] });
    expect(list.organizationIds).toEqual([1, 9]);
    expect([school, shnor, garden].map((o) => inAudience(list, o))).toEqual([true, false, true]);
    // Every kind is no limit at all.
    expect(normalizeAudience({ kinds: ['school', 'preschool', 'additional'] }).kinds).toBeNull();
  });

  it('name their addressees in Russian', () => {
    const names = (id: number) => ({ 1: 'МБОУ СОШ № 1', 9: 'МБДОУ д/с № 1' })[id];
    expect(describeAudience(normalizeAudience({}), names)).toBe('все организации');
    expect(
      describeAudience(normalizeAudience({ kinds: ['school'], groups: ['lowResults', 'hardSocial'] }), names),
    ).toBe('общеобразовательные организации (ШНОР или ШССУ)');
    expect(describeAudience(normalizeAudience({ organizationIds: [1, 9] }), names)).toBe(
      'МБОУ СОШ № 1, МБДОУ д/с № 1 (2 организации)',
    );
    expect(describeAudience(normalizeAudience({ organizationIds: [1] }), names)).toBe('МБОУ СОШ № 1');
  });
});

describe('the head in a letter’s addressee', () => {
  it('is «Фамилия И. О.» whatever way the registry holds the name, never declined', () => {
    expect(headOfAddressee('Ермакова В.П.')).toBe('Ермакова В. П.');
    expect(headOfAddressee('Ермакова  В. П. ')).toBe('Ермакова В. П.');
    expect(headOfAddressee('Ермакова Вера Павловна')).toBe('Ермакова В. П.');
    expect(headOfAddressee('В.П. Ермакова')).toBe('Ермакова В. П.');
    expect(headOfAddressee('Салтыков-Щедрин М.Е.')).toBe('Салтыков-Щедрин М. Е.');
    expect(headOfAddressee('и.о. директора Петров')).toBe('и.о. директора Петров');
    expect(headOfAddressee('')).toBeNull();
    expect(headOfAddressee(null)).toBeNull();
  });
});
