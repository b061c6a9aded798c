import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getRegionalMunicipalityAnalysis, getRegionalOrganizationCard } from './analysis.drilldown.ts';
import {
  getRegionalAnalysis,
  listRegionalPrograms,
  listRegionalProgramsForMunicipality,
  rateMunicipalities,
} from './analysis.service.ts';
import { createRegionWorld, type RegionWorld } from './analysis.test-world.ts';

/** The analysis over municipalities with the known numbers of analysis.test-world.ts. */
let w: RegionWorld;
beforeAll(async () => {
  w = await createRegionWorld();
}, 120_000);
afterAll(() => w?.database.close());

const analysisOf = (year = 2025) =>
  getRegionalAnalysis({ db: w.database.db, user: w.regional, regionalProgramId: w.regionalProgramId, year });

describe('the regional analysis', () => {
  it('gives each municipality its value and the region its own over distinct teachers', async () => {
    const a = await analysisOf();
    expect(a.municipalities.map((m) => m.name)).toEqual(['Район А', 'Район Б', 'Район В', 'Район Г']);
    const value = (code: string, id: number | null) =>
      a.results.find((r) => r.indicator === code && r.organization === id)?.value;
    expect(['А', 'Б', 'В', 'Г'].map((k) => value('Р.1', w.municipalities[k as 'А']))).toEqual([
      50, 0, 100, 25,
    ]);
    expect(['А', 'Б', 'В', 'Г'].map((k) => value('Р.2', w.municipalities[k as 'А']))).toEqual([2, 2, 2, 4]);
    expect(value('Р.1', null)).toBe(40);
    expect(value('Р.2', null)).toBe(10);
  });

  it('rates municipalities by the composite score, with its method in words', async () => {
    const a = await analysisOf();
    // Р.1 normalised: А 0,5 · Б 0 · В 1 · Г 0,25; Р.2: А, Б, В 0 · Г 1 — the score is their mean × 100.
    expect(a.rating.rows.map((r) => [r.name, r.score, r.place])).toEqual([
      ['Район Г', 62.5, 1],
      ['Район В', 50, 2],
      ['Район А', 25, 3],
      ['Район Б', 0, 4],
    ]);
    expect(a.rating.indicators).toEqual(['Р.1', 'Р.2']);
    expect(a.rating.method).toMatch(/значения муниципалитетов приводятся к шкале от 0 до 1/);
    // The heat map in rating order, a cell per indicator with its level.
    expect(a.heatmap.map((h) => h.name)).toEqual(['Район Г', 'Район В', 'Район А', 'Район Б']);
    expect(a.heatmap[1].cells).toEqual([
      { indicator: 'Р.1', value: 100, level: 'high' },
      { indicator: 'Р.2', value: 2, level: null },
    ]);
    expect(a.heatmap[0].cells[0]).toEqual({ indicator: 'Р.1', value: 25, level: 'low' });
  });

  it('describes the municipal values and groups similar municipalities', async () => {
    const a = await analysisOf();
    expect(a.statistics['Р.1']).toMatchObject({ count: 4, mean: 43.75, median: 37.5, min: 0, max: 100 });
    expect(a.statistics['Р.2']).toMatchObject({ count: 4, mean: 2.5, median: 2, min: 2, max: 4 });
    const clustered = a.clusters.flatMap((c) => c.municipalityIds).sort((x, y) => x - y);
    expect(clustered).toEqual(Object.values(w.municipalities).sort((x, y) => x - y));
    expect(a.clusters[0].title).toBe('Сильные позиции');
    expect(a.clusters.map((c) => c.description).join(' ')).toMatch(/\d муниципалитет(а|ов)?: /);
    expect(a.clusters.map((c) => c.description).join(' ')).not.toMatch(/ОО/);
  });

  it('keeps the years of the program and the dynamics up to the chosen one', async () => {
    const a = await analysisOf();
    expect(a.years).toEqual([2024, 2025]);
    expect(a.dynamics.map((d) => d.year)).toEqual([2024, 2025]);
    // 2024: only Район А ran the program, so its municipality and the region have the same share.
    const earlier = a.dynamics[0].results.filter((r) => r.indicator === 'Р.1');
    expect(earlier.map((r) => [r.organization, r.value])).toEqual([
      [null, 50],
      [w.municipalities.А, 50],
    ]);
    const only2024 = await analysisOf(2024);
    expect(only2024.municipalities.map((m) => m.name)).toEqual(['Район А']);
    expect(only2024.withoutCampaign.map((m) => m.name)).toEqual(['Район Б', 'Район В', 'Район Г']);
    expect(only2024.clusters).toEqual([]);
  });

  it('rates with the pure function alone: «нет данных» is not a value', () => {
    const { rows } = rateMunicipalities(
      [{ code: 'X', name: 'X', unit: 'percent', direction: 'lower' }],
      [
        { id: 1, name: 'Один' },
        { id: 2, name: 'Два' },
        { id: 3, name: 'Три' },
      ],
      [
        { indicator: 'X', organization: 1, value: 10 },
        { indicator: 'X', organization: 2, value: 30 },
        { indicator: 'X', organization: 3, value: null },
      ],
    );
    expect(rows.map((r) => [r.municipalityId, r.score, r.place])).toEqual([
      [1, 100, 1],
      [2, 0, 2],
      [3, null, null],
    ]);
  });

  it('lists the region’s programs with years and adopters, and the department’s adopt list', async () => {
    const listed = await listRegionalPrograms({ db: w.database.db, user: w.regional, regionId: w.regionId });
    expect(listed.programs).toHaveLength(1);
    expect(listed.programs[0]).toMatchObject({ years: [2024, 2025] });
    expect(listed.programs[0].adoptedBy.map((m) => m.name)).toEqual([
      'Район А',
      'Район Б',
      'Район В',
      'Район Г',
    ]);
    const own = await listRegionalProgramsForMunicipality({
      db: w.database.db,
      user: w.department(w.municipalities.Б),
      municipalityId: w.municipalities.Б,
    });
    expect(own).toHaveLength(1);
    expect(own[0].adoptedProgram).not.toBeNull();
    await expect(
      listRegionalPrograms({
        db: w.database.db,
        user: w.department(w.municipalities.А),
        regionId: w.regionId,
      }),
    ).rejects.toThrow('Программы региона видит региональный координатор.');
  });
});

describe('drilling down from the region', () => {
  it('to a municipality: its organizations’ results, no teacher', async () => {
    const m = await getRegionalMunicipalityAnalysis({
      db: w.database.db,
      user: w.regional,
      regionalProgramId: w.regionalProgramId,
      municipalityId: w.municipalities.Г,
      year: 2025,
    });
    expect(m.municipality.name).toBe('Район Г');
    expect(m.organizations.map((o) => o.name)).toEqual(['СОШ Г']);
    expect(JSON.stringify(m)).not.toMatch(/Молодая|Опытная/);
    await expect(
      getRegionalMunicipalityAnalysis({
        db: w.database.db,
        user: w.regional,
        regionalProgramId: w.regionalProgramId,
        municipalityId: w.municipalities.Г,
        year: 2024,
      }),
    ).rejects.toThrow('У муниципалитета нет мониторинга этой программы за 2024 год.');
  });

  it('to an organization: its values over the years beside its municipality and the region', async () => {
    const card = await getRegionalOrganizationCard({
      db: w.database.db,
      user: w.regional,
      regionalProgramId: w.regionalProgramId,
      organizationId: w.schools.А,
      year: 2025,
    });
    expect(card.organization).toMatchObject({ shortName: 'СОШ А', municipalityName: 'Район А' });
    expect(card.indicators.map((i) => i.code)).toEqual(['Р.1', 'Р.2']);
    expect(card.campaigns.map((c) => c.year)).toEqual([2024, 2025]);
    expect(card.campaigns[1].values['Р.1']).toMatchObject({ value: 50, municipal: 50 });
    expect(card.region).toEqual({ 'Р.1': 40, 'Р.2': 10 });
    const stranger = { ...w.regional, roles: [{ ...w.regional.roles[0], regionId: w.regionId + 1000 }] };
    await expect(
      getRegionalOrganizationCard({
        db: w.database.db,
        user: stranger,
        regionalProgramId: w.regionalProgramId,
        organizationId: w.schools.А,
        year: 2025,
      }),
    ).rejects.toThrow('Нет доступа к данным этого региона.');
  });
});
