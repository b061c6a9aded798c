import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../server/db/client.ts';
import { queryRows } from '../server/db/client.ts';
import { captureOutput } from '../server/test/cli-output.ts';
import { sql } from 'drizzle-orm';
import { commandHelp } from './commands.ts';
import { seedCommand } from './database.ts';

/** `pedmonitor seed --region`: further municipalities of the demo region, the same for the same seed. */
const dirs = [
  mkdtempSync(path.join(os.tmpdir(), 'pedmonitor-region-a-')),
  mkdtempSync(path.join(os.tmpdir(), 'pedmonitor-region-b-')),
];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

async function seeded(dataDir: string) {
  return (await captureOutput(() => seedCommand.run({ data: dataDir, region: true, seed: '5' }, []))).printed;
}

async function snapshot(dataDir: string) {
  const database = await openDatabase({ dataDir, lockOwner: { role: 'cli' } });
  try {
    return await queryRows<{ m: string; o: string; t: string }>(
      database.db,
      sql`select m.name as m, o.short_name as o, string_agg(t.last_name || ' ' || t.first_name || ' ' || t.birth_date, ', ' order by t.id) as t
        from municipalities m join regions r on r.id = m.region_id join organizations o on o.municipality_id = m.id
        join positions p on p.organization_id = o.id join teachers t on t.id = p.teacher_id
        where r.name = 'Ростовская область' group by m.name, o.short_name order by 1, 2`,
    );
  } finally {
    await database.close();
  }
}

describe.skipIf(Boolean(process.env.DATABASE_URL))('pedmonitor seed --region', () => {
  it('explains --region in --help', () => {
    expect(commandHelp(seedCommand)).toContain('seed [--seed N] [--region]');
  });

  it('adds three municipalities with organizations and teachers, deterministically, once', async () => {
    const printed = await seeded(dirs[0]);
    expect(printed).toMatch(
      /^Добавлены муниципалитеты демонстрационного региона «Ростовская область»:\n {2}№ \d+ Заречный район: 4 организации, \d+ педагог/,
    );
    expect(printed).toContain('Каменский район: 3 организации');
    expect(printed).toContain('Степной район: 4 организации');
    expect(printed).toMatch(/Мониторинг по региональной программе \(№ \d+\) закрыт и отправлен в регион/);
    // Each municipality's coordinator, to adopt a regional program and run a monitoring.
    expect(printed).toMatch(
      /Демонстрационные учётные записи:\n {2}zarechny .* — координатор: Заречный район/,
    );
    expect(printed).toContain('kamensky');
    expect(printed).toContain('stepnoy');
    await seeded(dirs[1]);
    const a = await snapshot(dirs[0]);
    expect(new Set(a.map((r) => r.m))).toEqual(
      new Set(['Заречный район', 'Каменский район', 'Степной район']),
    );
    expect(a).toHaveLength(11);
    // The regional coordinator's «Приём результатов» has the first district's closed campaign to decide on.
    const database = await openDatabase({ dataDir: dirs[0], lockOwner: { role: 'cli' } });
    try {
      const sent = await queryRows<{ m: string; status: string; campaign: string; frozen: number }>(
        database.db,
        sql`select m.name as m, s.status, c.status as campaign,
          (select count(*)::int from campaign_results r where r.campaign_id = c.id) as frozen
          from regional_submissions s join municipalities m on m.id = s.municipality_id
          join campaigns c on c.id = s.campaign_id`,
      );
      expect(sent).toEqual([
        { m: 'Заречный район', status: 'sent', campaign: 'closed', frozen: expect.any(Number) },
      ]);
      expect(sent[0].frozen).toBeGreaterThan(0);
    } finally {
      await database.close();
    }
    expect(await snapshot(dirs[1])).toEqual(a);
    await expect(seeded(dirs[0])).rejects.toThrow(
      'Муниципалитет «Заречный район» демонстрационного региона уже есть в базе.',
    );
    // Three seeds of a region, each migrating its own embedded database.
  }, 240_000);
});
