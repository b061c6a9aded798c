import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  PROGRAM_FILE_FORMAT,
  PROGRAM_FILE_VERSION,
  templateToDefinition,
} from '../../../core/programs/program-file.ts';
import { findTemplate } from '../../../core/templates/index.ts';
import type { Database } from '../../db/client.ts';
import * as s from '../../db/schema/index.ts';
import { createMunicipality, createOrganization, createTeacher } from '../../seed/factories.ts';
import { createTestDatabase, recordQueries } from '../../test/harness.ts';
import type { Actor, AuthUser } from '../auth/access.ts';
import { closeCampaign, createCampaign } from '../campaigns/campaigns.service.ts';
import { acceptRegionalSubmission, sendToRegion } from './approval.service.ts';
import { adoptRegionalProgram, publishRegionalProgram } from './regional-programs.service.ts';
import { computeRegionalRollUp } from './roll-up.service.ts';

/** The formulas are parsed once per roll-up, and closing parses none beyond its own measuring. */
const counted = vi.hoisted(() => ({ measured: 0, evaluated: 0, parsed: 0 }));
vi.mock('../indicators/compute.ts', async (importOriginal) =>
  (await import('../../test/counting-compute.ts')).countingCompute(await importOriginal(), counted),
);

/**
 * The roll-up of a regional program adopted by two municipalities of one region, with a young teacher working
 * in both: each municipality counts her, the region once — so the region's share is not the naive sum.
 */
let database: Database;
const ids = { region: 0, a: 0, b: 0, regionalProgram: 0, schoolA: 0, schoolB: 0 };
const campaignOf: Record<number, number> = {};
const grant = { municipalityId: null, organizationId: null, associationId: null };
const asUser = (roles: AuthUser['roles']): AuthUser => ({
  id: 0,
  login: 'test',
  fullName: 'Тест',
  teacherId: null,
  roles,
});
const actorOf = (user: AuthUser): Actor => ({ user });
const regional = () =>
  asUser([
    { role: 'regional_coordinator', ...grant, regionId: ids.region, regionMunicipalityIds: [ids.a, ids.b] },
  ]);
const department = (municipalityId: number) => asUser([{ role: 'coordinator', ...grant, municipalityId }]);
const YOUNG = { birthDate: '1998-05-01', pedagogicalStartDate: '2023-09-01' };

beforeAll(async () => {
  database = await createTestDatabase();
  const db = database.db;
  const a = await createMunicipality(db, { name: 'Район А' });
  const b = await createMunicipality(db, { name: 'Район Б', regionId: a.regionId });
  Object.assign(ids, { region: a.regionId, a: a.id, b: b.id });
  const schoolA = await createOrganization(db, a.id, { shortName: 'СОШ А' });
  const schoolB = await createOrganization(db, b.id, { shortName: 'СОШ Б' });
  Object.assign(ids, { schoolA: schoolA.id, schoolB: schoolB.id });
  const shared = await createTeacher(db, schoolA, { lastName: 'Двумя', ...YOUNG });
  await db.insert(s.positions).values({
    teacherId: shared.id,
    organizationId: schoolB.id,
    title: 'учитель',
    isMainJob: false,
    rate: 0.5,
    startDate: '2024-09-01',
  });
  await createTeacher(db, schoolA, { lastName: 'Аова' });
  await createTeacher(db, schoolB, { lastName: 'Бова' });
  // Each school's site publishes the mentoring section (the coordinator's override), and each reports vacancies:
  // the region counts both municipalities' sites and needs, not the first municipality's alone.
  for (const [school, count] of [
    [schoolA, 1],
    [schoolB, 2],
  ] as const) {
    await db.insert(s.websiteCheckOverrides).values({
      organizationId: school.id,
      requirementCode: 'mentoring',
      requirementTitle: 'Раздел «Наставничество»',
      isFound: true,
      setByName: 'Тест',
      setAt: new Date('2025-06-01T00:00:00Z'),
    });
    await db.insert(s.vacancies).values({
      organizationId: school.id,
      month: '2025-06-01',
      position: 'учитель',
      subject: 'математика',
      count,
    });
  }

  const definition = templateToDefinition(findTemplate('seed-004-myasnikovsky')!);
  const [criterion] = definition.criteria;
  const [model] = criterion.indicators;
  definition.criteria = [
    {
      ...criterion,
      indicators: [
        {
          ...model,
          code: 'Р.1',
          name: 'Доля молодых педагогов',
          unit: 'percent',
          numerator: 'teachers(young)',
          denominator: 'teachers()',
          factor: 100,
          applicability: null,
        },
        {
          ...model,
          code: 'Р.2',
          name: 'Число ОО, разместивших раздел «Наставничество» на сайте',
          unit: 'count',
          numerator: 'websites(requirement = "mentoring")',
          denominator: null,
          factor: 1,
          applicability: null,
        },
        {
          ...model,
          code: 'Р.3',
          name: 'Потребность в педагогах на следующий учебный год',
          unit: 'count',
          numerator: 'staffingNeed()',
          denominator: null,
          factor: 1,
          applicability: null,
        },
      ],
    },
  ];
  definition.formFields = [];
  definition.recommendationRules = [];
  const content = JSON.stringify({
    format: PROGRAM_FILE_FORMAT,
    formatVersion: PROGRAM_FILE_VERSION,
    exportedAt: '2026-12-01',
    exportedBy: 'Министерство образования',
    program: definition,
  });
  const published = await publishRegionalProgram({
    db,
    actor: actorOf(regional()),
    regionId: ids.region,
    content,
  });
  ids.regionalProgram = published.id;
  for (const m of [ids.a, ids.b]) {
    const { programId } = await adoptRegionalProgram({
      db,
      actor: actorOf(department(m)),
      regionalProgramId: published.id,
      municipalityId: m,
    });
    const campaign: number = await createCampaign({
      db,
      actor: actorOf(department(m)),
      input: { programId, year: 2025, reminderDaysBefore: 3 },
    });
    campaignOf[m] = campaign;
  }
});
afterAll(() => database.close());

describe('the regional roll-up', () => {
  it('gives each municipality its value and the region one over distinct teachers', async () => {
    const rollUp = await computeRegionalRollUp({
      db: database.db,
      user: regional(),
      regionalProgramId: ids.regionalProgram,
      year: 2025,
    });
    expect(rollUp.indicators).toEqual(['Р.1', 'Р.2', 'Р.3']);
    const municipal = rollUp.municipalities.map((m) => [
      m.municipalityName,
      m.results[0]?.numerator,
      m.results[0]?.denominator,
    ]);
    expect(municipal).toEqual([
      ['Район А', 1, 2],
      ['Район Б', 1, 2],
    ]);
    const [region] = rollUp.region;
    expect(region).toMatchObject({ indicator: 'Р.1', numerator: 1, denominator: 3 });
    expect(region.value).toBeCloseTo(33.33, 1);
  });

  it('counts the sites and the staffing need of every municipality of the region, not of the first one', async () => {
    const rollUp = await computeRegionalRollUp({
      db: database.db,
      user: regional(),
      regionalProgramId: ids.regionalProgram,
      year: 2025,
    });
    const valueOf = (results: { indicator: string; value: number | null }[], code: string) =>
      results.find((r) => r.indicator === code)?.value;
    expect(rollUp.municipalities.map((m) => valueOf(m.results, 'Р.2'))).toEqual([1, 1]);
    expect(valueOf(rollUp.region, 'Р.2')).toBe(2);
    const [needA, needB] = rollUp.municipalities.map((m) => valueOf(m.results, 'Р.3') ?? 0);
    expect(needB).toBeGreaterThan(needA);
    expect(valueOf(rollUp.region, 'Р.3')).toBeCloseTo(needA + needB, 2);
  });

  it('keeps the region’s row of a closed or accepted municipality as it measured at closing', async () => {
    const db = database.db;
    const rollUp = () =>
      computeRegionalRollUp({ db, user: regional(), regionalProgramId: ids.regionalProgram, year: 2025 });
    const young = (results: { indicator: string; numerator: number | null; denominator: number | null }[]) =>
      results.filter((r) => r.indicator === 'Р.1').map((r) => [r.numerator, r.denominator])[0];
    counted.parsed = 0;
    await closeCampaign({ db, actor: actorOf(department(ids.a)), id: campaignOf[ids.a] });
    expect(counted.parsed).toBe(0);
    // After А closed, each district takes on a young teacher: А's part stays as closed, Б's is measured now.
    const school = async (id: number) =>
      (await db.select().from(s.organizations).where(eq(s.organizations.id, id)))[0];
    await createTeacher(db, await school(ids.schoolA), { lastName: 'Новая', ...YOUNG });
    await createTeacher(db, await school(ids.schoolB), { lastName: 'Новикова', ...YOUNG });
    let answer = await rollUp();
    // One parse for both the measuring of running Б and the region's row over the parts.
    expect(counted.parsed).toBe(1);
    expect(answer.municipalities.map((m) => [m.source, young(m.results)])).toEqual([
      ['closed', [1, 2]],
      ['running', [2, 3]],
    ]);
    // А's frozen {Двумя | Двумя, Аова} ∪ Б's {Двумя, Новикова | Двумя, Бова, Новикова}: Двумя once, Новая not yet.
    expect(young(answer.region)).toEqual([2, 4]);
    expect(answer.region.find((r) => r.indicator === 'Р.2')?.value).toBe(2);

    // Б closes too: both kept parts are read in one query, not one per closed campaign.
    await closeCampaign({ db, actor: actorOf(department(ids.b)), id: campaignOf[ids.b] });
    const recorded = recordQueries(database);
    try {
      answer = await rollUp();
    } finally {
      recorded.stop();
    }
    expect(answer.municipalities.map((m) => [m.source, young(m.results)])).toEqual([
      ['closed', [1, 2]],
      ['closed', [2, 3]],
    ]);
    expect(young(answer.region)).toEqual([2, 4]);
    expect(recorded.queries.filter((q) => q.includes('"campaign_region_parts"'))).toHaveLength(1);

    // А is sent and accepted; a later teacher of Б moves nothing.
    const sent = await sendToRegion({
      db,
      actor: actorOf(department(ids.a)),
      campaignId: campaignOf[ids.a],
      version: 0,
    });
    await acceptRegionalSubmission({ db, actor: actorOf(regional()), id: sent.id, version: sent.version });
    await createTeacher(db, await school(ids.schoolB), { lastName: 'Позднева', ...YOUNG });
    answer = await rollUp();
    expect(answer.municipalities.map((m) => [m.source, young(m.results)])).toEqual([
      ['accepted', [1, 2]],
      ['closed', [2, 3]],
    ]);
    expect(young(answer.region)).toEqual([2, 4]);
    expect(answer.region.find((r) => r.indicator === 'Р.1')?.value).toBe(50);
  });

  it('is the region’s: a department or a coordinator of another region is refused', async () => {
    await expect(
      computeRegionalRollUp({
        db: database.db,
        user: department(ids.a),
        regionalProgramId: ids.regionalProgram,
        year: 2025,
      }),
    ).rejects.toThrow('Сводные результаты региона видит региональный координатор.');
    const stranger = asUser([
      { role: 'regional_coordinator', ...grant, regionId: ids.region + 100, regionMunicipalityIds: [] },
    ]);
    await expect(
      computeRegionalRollUp({
        db: database.db,
        user: stranger,
        regionalProgramId: ids.regionalProgram,
        year: 2025,
      }),
    ).rejects.toThrow('Нет доступа к данным этого региона.');
  });
});
