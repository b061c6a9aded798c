import { Writable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMunicipality, createOrganization, createUser } from '../seed/factories.ts';
import { createTestApp, type TestApp } from '../test/harness.ts';

/** The server log during a teacher's card: neither the СНИЛС nor the name reach it, even when a query fails. */
let t: TestApp;
let cookie = '';
let organizationId = 0;
const lines: string[] = [];
const PASSWORD = 'log-password-1';

beforeAll(async () => {
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  t = await createTestApp({}, { logger: { level: 'info', stream } });
  const db = t.database.db;
  const m = await createMunicipality(db);
  organizationId = (await createOrganization(db, m.id)).id;
  await createUser(db, {
    login: 'coord',
    password: PASSWORD,
    grants: [{ role: 'coordinator', municipalityId: m.id }],
  });
  cookie = await t.login('coord', PASSWORD);
});
afterAll(() => t.close());

const teacher = (snils: string) => ({
  lastName: 'Журавлёва',
  firstName: 'Евдокия',
  middleName: 'Никифоровна',
  birthDate: '1990-04-12',
  sex: 'female',
  snils,
  pedagogicalStartDate: '2012-09-01',
  qualificationCategory: 'none',
  subjects: ['математика'],
  position: {
    organizationId,
    title: 'учитель математики',
    isMainJob: true,
    rate: 1,
    startDate: '2012-09-01',
  },
});

const PERSONAL = ['Журавлёва', 'Евдокия', 'Никифоровна', '1990-04-12'];
const logText = () => lines.join('');

describe('the server log holds no personal data', () => {
  it('a teacher created and searched for: the log has the requests, not the name or the СНИЛС', async () => {
    const created = await t.request({
      method: 'POST',
      url: '/api/teachers',
      cookie,
      body: teacher('112-233-445 95'),
    });
    expect(created.statusCode, created.body).toBe(201);
    const found = await t.request({
      method: 'GET',
      url: `/api/teachers?q=${encodeURIComponent('Журавлёва')}`,
      cookie,
    });
    expect(found.statusCode).toBe(200);
    expect(logText()).toContain('/api/teachers');
    for (const value of [...PERSONAL, '112-233-445 95', '11223344595'])
      expect(logText()).not.toContain(value);
  });

  it('a query that fails while writing the card logs the SQL and the error code, not the values', async () => {
    // The database refuses the insert (as a lost connection or a broken constraint would): a 500 with a log entry.
    await t.database.db.execute(sql`create function refuse_teacher() returns trigger language plpgsql as
      $$ begin raise exception 'refused: %', new.last_name; end $$`);
    await t.database.db.execute(
      sql`create trigger refuse_teacher before insert on teachers for each row execute function refuse_teacher()`,
    );
    lines.length = 0;
    const failed = await t.request({
      method: 'POST',
      url: '/api/teachers',
      cookie,
      body: teacher('123-456-789 64'),
    });
    expect(failed.statusCode).toBe(500);
    const log = logText();
    expect(log).toContain('unhandled error');
    expect(log).toContain('insert into \\"teachers\\"');
    expect(log).toContain('P0001');
    for (const value of [...PERSONAL, '123-456-789 64', '12345678964']) expect(log).not.toContain(value);
    expect(failed.body).not.toContain('Журавлёва');
  });
});
