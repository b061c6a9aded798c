import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  PROGRAM_FILE_FORMAT,
  PROGRAM_FILE_VERSION,
  templateToDefinition,
} from '../../../core/programs/program-file.ts';
import { findTemplate } from '../../../core/templates/index.ts';
import type { Database } from '../../db/client.ts';
import * as s from '../../db/schema/index.ts';
import { createMunicipality } from '../../seed/factories.ts';
import { createTestDatabase } from '../../test/harness.ts';
import type { Actor, AuthUser } from '../auth/access.ts';
import { addChild, removeChild, updateChild } from '../programs/programs.service.ts';
import { adoptRegionalProgram, publishRegionalProgram } from './regional-programs.service.ts';

/** A region publishes seed 004's program as a file; a municipality adopts it and may not touch the region's indicators. */
let database: Database;
const ids = { region: 0, otherRegion: 0, a: 0, stranger: 0 };

const actor = (roles: AuthUser['roles']): Actor => ({
  user: { id: 0, login: 'test', fullName: 'Тест', teacherId: null, roles },
});
const grant = { municipalityId: null, organizationId: null, associationId: null };
const regional = (regionId: number, municipalityIds: number[]) =>
  actor([{ role: 'regional_coordinator', ...grant, regionId, regionMunicipalityIds: municipalityIds }]);
const department = (municipalityId: number) => actor([{ role: 'coordinator', ...grant, municipalityId }]);

const fileContent = () => {
  const template = findTemplate('seed-004-myasnikovsky')!;
  return JSON.stringify({
    format: PROGRAM_FILE_FORMAT,
    formatVersion: PROGRAM_FILE_VERSION,
    exportedAt: '2026-12-01',
    exportedBy: 'Министерство образования',
    program: templateToDefinition(template),
  });
};

beforeAll(async () => {
  database = await createTestDatabase();
  const a = await createMunicipality(database.db, { name: 'Район А' });
  const stranger = await createMunicipality(database.db, { name: 'Чужой район' });
  Object.assign(ids, { region: a.regionId, otherRegion: stranger.regionId, a: a.id, stranger: stranger.id });
});
afterAll(() => database.close());

describe('regional programs', () => {
  it('a regional coordinator publishes for its own region only; versions count up by title', async () => {
    const db = database.db;
    const first = await publishRegionalProgram({
      db,
      actor: regional(ids.region, [ids.a]),
      regionId: ids.region,
      content: fileContent(),
    });
    const second = await publishRegionalProgram({
      db,
      actor: regional(ids.region, [ids.a]),
      regionId: ids.region,
      content: fileContent(),
    });
    expect([first.programVersion, second.programVersion]).toEqual([1, 2]);
    await expect(
      publishRegionalProgram({
        db,
        actor: regional(ids.region, [ids.a]),
        regionId: ids.otherRegion,
        content: fileContent(),
      }),
    ).rejects.toThrow('Нет доступа к данным этого региона.');
    await expect(
      publishRegionalProgram({ db, actor: department(ids.a), regionId: ids.region, content: fileContent() }),
    ).rejects.toThrow('Публикует региональную программу региональный координатор.');
  });

  it('a municipality adopts it: the region’s indicators are locked, its own may be added and changed', async () => {
    const db = database.db;
    const published = await publishRegionalProgram({
      db,
      actor: regional(ids.region, [ids.a]),
      regionId: ids.region,
      content: fileContent(),
    });
    // The regional coordinator reads, but does not manage, the municipality.
    await expect(
      adoptRegionalProgram({
        db,
        actor: regional(ids.region, [ids.a]),
        regionalProgramId: published.id,
        municipalityId: ids.a,
      }),
    ).rejects.toThrow('Нет доступа к данным этого муниципалитета.');
    await expect(
      adoptRegionalProgram({
        db,
        actor: department(ids.stranger),
        regionalProgramId: published.id,
        municipalityId: ids.stranger,
      }),
    ).rejects.toThrow('Региональная программа другого региона: принять её нельзя.');

    const { programId } = await adoptRegionalProgram({
      db,
      actor: department(ids.a),
      regionalProgramId: published.id,
      municipalityId: ids.a,
    });
    const [program] = await db.select().from(s.programs).where(eq(s.programs.id, programId));
    expect(program.regionalProgramId).toBe(published.id);
    const list = await db.select().from(s.indicators).where(eq(s.indicators.programId, programId));
    expect(list.length).toBeGreaterThan(5);
    expect(list.every((i) => i.isRegional)).toBe(true);

    const locked = list[0];
    const message = `Показатель «${locked.code}» задан региональной программой: муниципалитет не может изменить или удалить его.`;
    await expect(
      updateChild({
        db,
        actor: department(ids.a),
        kind: 'indicators',
        id: locked.id,
        values: { name: 'Своё название', version: locked.version },
      }),
    ).rejects.toThrow(message);
    await expect(
      removeChild({ db, actor: department(ids.a), kind: 'indicators', id: locked.id }),
    ).rejects.toThrow(message);

    const own = await addChild({
      db,
      actor: department(ids.a),
      programId,
      kind: 'indicators',
      values: {
        criterionId: locked.criterionId,
        code: 'М.1',
        name: 'Свой показатель муниципалитета',
        unit: 'count',
        numerator: 'teachers(young)',
      },
    });
    const renamed = await updateChild({
      db,
      actor: department(ids.a),
      kind: 'indicators',
      id: own,
      values: { name: 'Свой показатель (уточнён)', version: 1 },
    });
    expect(renamed).toMatchObject({ name: 'Свой показатель (уточнён)', isRegional: false });
  });
});
