import { describe, expect, it } from 'vitest';
import { compactResults, expandResults } from '../indicators/compact-results.ts';
import { compactAnalysis, expandAnalysis } from './compact.ts';

const result = (indicator: string, organization: number | null, organizationName: string, value: number) => ({
  indicator,
  organization,
  organizationName,
  value,
  level: null,
  isApplicable: true,
});

describe('the analysis on the wire', () => {
  const results = [
    result('1.1', 1, 'СОШ № 1', 10),
    result('1.1', 2, 'СОШ № 2', 20),
    result('1.1', null, 'Муниципалитет в целом', 15),
  ];
  const analysis = {
    campaign: { id: 7, year: 2025 },
    organizations: [
      { id: 1, name: 'СОШ № 1', kind: 'school' },
      { id: 2, name: 'СОШ № 2', kind: 'school' },
    ],
    results,
    rating: { method: 'балл', rows: [{ organizationId: 2, name: 'СОШ № 2', place: 1 }] },
    clusters: [{ organizationIds: [1, 2], names: ['СОШ № 1', 'СОШ № 2'], title: 'все' }],
    dynamics: [
      // Frozen a year ago, when school 1 had another name: the name it was frozen with comes back.
      { campaignId: 3, year: 2024, results: [result('1.1', 1, 'Школа № 1', 5)] },
      { campaignId: 7, year: 2025, results },
    ],
  };

  it('sends the current results once and no name twice, and gives back exactly what it stripped', () => {
    const wire = JSON.parse(JSON.stringify(compactAnalysis(analysis)));
    expect(wire.dynamics[1].results).toBeUndefined();
    expect(JSON.stringify(wire.results)).not.toContain('СОШ');
    expect(wire.rating.rows[0]).not.toHaveProperty('name');
    expect(wire.clusters[0]).not.toHaveProperty('names');
    expect(wire.dynamics[0].renamed).toEqual({ 1: 'Школа № 1' });
    expect(expandAnalysis<typeof analysis>(wire)).toEqual(analysis);
  });

  it('a results table names each organization once', () => {
    const wire = JSON.parse(JSON.stringify(compactResults({ isFrozen: false, results })));
    expect(wire.organizations).toEqual([
      { id: 1, name: 'СОШ № 1' },
      { id: 2, name: 'СОШ № 2' },
    ]);
    expect(wire.renamed).toBeUndefined();
    expect(expandResults(wire)).toEqual(results);
  });
});
