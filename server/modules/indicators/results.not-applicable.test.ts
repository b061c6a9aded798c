import { describe, expect, it } from 'vitest';
import { resultsToCsv } from './results.export.ts';

describe('results export', () => {
  it('writes «не применяется» where the indicator does not apply, not 0 and not an empty cell', () => {
    const base = { indicator: '3.3', numerator: null, denominator: null, level: null };
    const csv = resultsToCsv([
      { ...base, organization: 1, organizationName: 'МБДОУ д/с № 1', value: null, isApplicable: false },
      { ...base, organization: 2, organizationName: 'МБОУ СОШ № 1', value: 0, isApplicable: true },
    ]);
    const lines = csv.trim().split('\r\n');
    expect(lines[1]).toBe('3.3;1;МБДОУ д/с № 1;не применяется;;;');
    expect(lines[2]).toBe('3.3;2;МБОУ СОШ № 1;0;;;');
  });
});
