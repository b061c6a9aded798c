import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../server/db/client.ts';
import { createMunicipality, createOrganization } from '../server/seed/factories.ts';
import { commandHelp } from './commands.ts';
import { websitesCheckCommand } from './websites.ts';
import { captureOutput } from '../server/test/cli-output.ts';

/** `pedmonitor websites check` on a data folder of its own, against a site served on 127.0.0.1 here. */
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'pedmonitor-websites-cli-'));
const ids = { m: 0, school: 0 };
const site = http.createServer((req, res) => {
  res.writeHead(req.url === '/' ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' });
  res.end('<html><body><a href="/sveden/employees">Педагогический состав</a></body></html>');
});

beforeAll(async () => {
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(site.address() as AddressInfo).port}/`;
  process.env.CRAWLER_ALLOW_HOSTS = '127.0.0.1';
  process.env.CRAWLER_DELAY_MS = '0';
  if (process.env.DATABASE_URL) return;
  const database = await openDatabase({ dataDir, lockOwner: { role: 'cli' } });
  try {
    await database.migrate();
    const m = await createMunicipality(database.db);
    const school = await createOrganization(database.db, m.id, { shortName: 'Школа № 1', website: base });
    await createOrganization(database.db, m.id, { shortName: 'Школа № 2', website: 'http://10.0.0.5/' });
    Object.assign(ids, { m: m.id, school: school.id });
  } finally {
    await database.close();
  }
}, 120_000);
afterAll(async () => {
  delete process.env.CRAWLER_ALLOW_HOSTS;
  delete process.env.CRAWLER_DELAY_MS;
  rmSync(dataDir, { recursive: true, force: true });
  await new Promise<void>((resolve) => site.close(() => resolve()));
});

const run = (flags: Record<string, string>) =>
  captureOutput(() => websitesCheckCommand.run({ data: dataDir, ...flags }, []));

describe.skipIf(Boolean(process.env.DATABASE_URL))('pedmonitor websites check', () => {
  it('explains itself with --help', () => {
    const help = commandHelp(websitesCheckCommand);
    expect(help).toContain('npx pedmonitor websites check [--municipality ID] [--organization ID]');
    expect(help).toContain('CRAWLER_ALLOW_HOSTS');
  });

  it('checks every site of the municipality with progress, refusing a private address', async () => {
    const { printed, progress } = await run({ municipality: String(ids.m) });
    expect(progress).toContain('  1/2 Школа № 1');
    expect(progress).toContain('  2/2 Школа № 2');
    expect(printed).toBe(
      'Школа № 1: выполнено требований 2 из 7\nШкола № 2: адрес во внутренней сети запрещён\n',
    );
  });

  it('checks one organization, and names a wrong one', async () => {
    const { progress } = await run({ organization: String(ids.school) });
    expect(progress).toContain('(1)');
    await expect(run({ organization: '99999' })).rejects.toThrow(
      'Параметр --organization: организации № 99999 нет.',
    );
  });
});
