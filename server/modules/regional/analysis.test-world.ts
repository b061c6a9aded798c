import {
  PROGRAM_FILE_FORMAT,
  PROGRAM_FILE_VERSION,
  templateToDefinition,
} from '../../../core/programs/program-file.ts';
import { findTemplate } from '../../../core/templates/index.ts';
import type { Database } from '../../db/client.ts';
import { createMunicipality, createOrganization, createTeacher } from '../../seed/factories.ts';
import { createTestDatabase } from '../../test/harness.ts';
import type { AuthUser } from '../auth/access.ts';
import { createCampaign } from '../campaigns/campaigns.service.ts';
import { adoptRegionalProgram, publishRegionalProgram } from './regional-programs.service.ts';

/**
 * A region of four municipalities that adopted one regional program of two indicators — Р.1, the share of
 * young teachers, and Р.2, the number of teachers — with known values for the analysis and the documents:
 *
 *   municipality   young / teachers   Р.1      Р.2
 *   Район А        1 / 2              50 %     2
 *   Район Б        0 / 2               0 %     2
 *   Район В        2 / 2             100 %     2
 *   Район Г        1 / 4              25 %     4
 *   region         4 / 10             40 %    10
 *
 * Район А also ran the program in 2024 (one point of the dynamics before 2025).
 */
export interface RegionWorld {
  database: Database;
  regionId: number;
  regionalProgramId: number;
  municipalities: Record<'А' | 'Б' | 'В' | 'Г', number>;
  schools: Record<'А' | 'Б' | 'В' | 'Г', number>;
  regional: AuthUser;
  department: (municipalityId: number) => AuthUser;
}

const YOUNG = { birthDate: '1998-05-01', pedagogicalStartDate: '2023-09-01' };
const OLD = { birthDate: '1970-05-01', pedagogicalStartDate: '1995-09-01' };
const grant = { municipalityId: null, organizationId: null, associationId: null };
const asUser = (roles: AuthUser['roles']): AuthUser => ({
  id: 0,
  login: 'test',
  fullName: 'Тестова Регина Петровна',
  teacherId: null,
  roles,
});

export async function createRegionWorld(): Promise<RegionWorld> {
  const database = await createTestDatabase();
  const db = database.db;
  const first = await createMunicipality(db, { name: 'Район А' });
  const regionId = first.regionId;
  const municipalities = { А: first.id, Б: 0, В: 0, Г: 0 };
  for (const key of ['Б', 'В', 'Г'] as const)
    municipalities[key] = (await createMunicipality(db, { name: `Район ${key}`, regionId })).id;
  const teachers: Record<keyof typeof municipalities, [number, number]> = {
    А: [1, 1],
    Б: [0, 2],
    В: [2, 0],
    Г: [1, 3],
  };
  const schools = { А: 0, Б: 0, В: 0, Г: 0 };
  for (const key of ['А', 'Б', 'В', 'Г'] as const) {
    const school = await createOrganization(db, municipalities[key], { shortName: `СОШ ${key}` });
    schools[key] = school.id;
    const [young, old] = teachers[key];
    for (let i = 0; i < young; i++)
      await createTeacher(db, school, { lastName: `Молодая${key}${i}`, ...YOUNG });
    for (let i = 0; i < old; i++) await createTeacher(db, school, { lastName: `Опытная${key}${i}`, ...OLD });
  }
  const definition = templateToDefinition(findTemplate('seed-004-myasnikovsky')!);
  const [criterion] = definition.criteria;
  const [model] = criterion.indicators;
  const indicator = { ...model, applicability: null, targets: {}, levelHigh: null, levelMedium: null };
  definition.criteria = [
    {
      ...criterion,
      indicators: [
        {
          ...indicator,
          code: 'Р.1',
          name: 'Доля молодых педагогов',
          unit: 'percent',
          direction: 'higher',
          numerator: 'teachers(young)',
          denominator: 'teachers()',
          factor: 100,
          levelHigh: 60,
          levelMedium: 30,
        },
        {
          ...indicator,
          code: 'Р.2',
          name: 'Число педагогов',
          unit: 'count',
          direction: 'higher',
          numerator: 'teachers()',
          denominator: null,
          factor: 1,
        },
      ],
    },
  ];
  definition.formFields = [];
  definition.recommendationRules = [];
  const regional = asUser([
    {
      role: 'regional_coordinator',
      ...grant,
      regionId,
      regionMunicipalityIds: Object.values(municipalities),
    },
  ]);
  const department = (municipalityId: number) => asUser([{ role: 'coordinator', ...grant, municipalityId }]);
  const published = await publishRegionalProgram({
    db,
    actor: { user: regional },
    regionId,
    content: JSON.stringify({
      format: PROGRAM_FILE_FORMAT,
      formatVersion: PROGRAM_FILE_VERSION,
      exportedAt: '2026-12-01',
      exportedBy: 'Министерство образования',
      program: definition,
    }),
  });
  for (const key of ['А', 'Б', 'В', 'Г'] as const) {
    const actor = { user: department(municipalities[key]) };
    const { programId } = await adoptRegionalProgram({
      db,
      actor,
      regionalProgramId: published.id,
      municipalityId: municipalities[key],
    });
    for (const year of key === 'А' ? [2024, 2025] : [2025])
      await createCampaign({ db, actor, input: { programId, year, reminderDaysBefore: 3 } });
  }
  return {
    database,
    regionId,
    regionalProgramId: published.id,
    municipalities,
    schools,
    regional,
    department,
  };
}
