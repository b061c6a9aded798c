import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Random } from '../../core/random.ts';
import { createMunicipality, createOrganization, createTeacher, createUser } from '../seed/factories.ts';
import { createTestApp, type RegisteredRoute, type TestApp } from '../test/harness.ts';

/**
 * Malformed JSON bodies against a seeded sample of the state-changing routes of the route table: whatever
 * arrives, the answer is never 500, carries no stack trace, and a refusal is in Russian with a stable code.
 * FUZZ_SEED picks another sample; FUZZ_ROUTES another size.
 */

const SEED = Number(process.env.FUZZ_SEED ?? 20261201);
const ROUTES = Number(process.env.FUZZ_ROUTES ?? 40);
const PASSWORD = 'fuzz-password-1';

let t: TestApp;
let cookie: string;

beforeAll(async () => {
  t = await createTestApp({ fixedToday: '2026-11-01' });
  const db = t.database.db;
  const m = await createMunicipality(db);
  const org = await createOrganization(db, m.id);
  await createTeacher(db, org);
  await createUser(db, { login: 'fuzz', password: PASSWORD, grants: [{ role: 'admin' }] });
  cookie = await t.login('fuzz', PASSWORD);
});
afterAll(() => t.close());

const nested = (depth: number) => '['.repeat(depth) + '1' + ']'.repeat(depth);

/** JSON texts of values no field expects: written as text so that 1e400, \ud800 and \u0000 reach the parser. */
const EVIL_VALUES = [
  '2147483648',
  '-2147483649',
  '9007199254740993',
  '1e308',
  '1e400',
  '-0',
  '0.5',
  'true',
  'null',
  '[]',
  '{}',
  '"2147483648"',
  '"\\u0000"',
  '"текст\\u0000"',
  '"\\ud800"',
  '"\\udfff"',
  '""',
  '"   "',
  `"${'я'.repeat(100_000)}"`,
  '"2026-02-30"',
  '"\'; drop table users; --"',
  '{"__proto__":{"admin":true}}',
  nested(40),
  `{"a":${nested(5000)}}`,
];

/** Bodies that no route may accept, whatever its schema: the global checks answer them. */
const ALWAYS_REFUSED = [
  '{"a":',
  '{"a":1,}',
  "{'a':1}",
  '\u0000',
  '{"x":"\\u0000"}',
  '{"x":"\\ud800"}',
  '{"\\ud800":1}',
  `{"x":${nested(1000)}}`,
];

function evilBody(random: Random, fields: string[]): string {
  const keys = fields.length ? random.sample(fields, random.int(1, fields.length)) : ['id', 'name', 'items'];
  return `{${keys.map((k) => `${JSON.stringify(k)}:${random.pick(EVIL_VALUES)}`).join(',')}}`;
}

function urlOf(random: Random, route: RegisteredRoute, evilParams: boolean): string {
  return route.url.replace(/:(\w+)/g, () =>
    evilParams ? random.pick(['2147483648', '-1', '0', '1.5', 'abc', '%00', '%F0', '1e3']) : '1',
  );
}

function checkAnswer(where: string, response: { statusCode: number; body: string }, mustRefuse: boolean) {
  expect(response.statusCode, `${where}: ${response.body.slice(0, 300)}`).toBeLessThan(500);
  expect(response.body, where).not.toMatch(/\bat .+\.(ts|js):\d+|"stack"|node_modules/);
  if (mustRefuse) expect(response.statusCode, where).toBeGreaterThanOrEqual(400);
  if (response.statusCode >= 400) {
    const { error } = JSON.parse(response.body) as { error: { code: string; message: string } };
    expect(typeof error?.code, `${where}: ${response.body.slice(0, 300)}`).toBe('string');
    expect(error.code, where).toMatch(/^[a-z_]+$/);
    expect(error.message, where).toMatch(/[А-Яа-яЁё]/);
  }
}

describe('fuzzing JSON bodies of state-changing routes', () => {
  it(`answers ${ROUTES} sampled routes (seed ${SEED}) with 4xx in Russian, never 500 or a stack trace`, async () => {
    const random = new Random(SEED);
    const candidates = t.routes.filter(
      (r) =>
        ['POST', 'PUT', 'PATCH', 'DELETE'].includes(r.method) &&
        r.url.startsWith('/api/') &&
        r.bodyFields !== null &&
        r.url !== '/api/auth/logout',
    );
    expect(candidates.length).toBeGreaterThan(50);
    const sample = random.sample(candidates, ROUTES);
    let sent = 0;
    for (const route of sample) {
      const cases: { url: string; body: string; mustRefuse: boolean }[] = [
        ...ALWAYS_REFUSED.map((body) => ({ url: urlOf(random, route, false), body, mustRefuse: true })),
        ...['[]', '"текст"', '42', 'null'].map((body) => ({
          url: urlOf(random, route, false),
          body,
          mustRefuse: false,
        })),
      ];
      for (let i = 0; i < 8; i++) {
        cases.push({
          url: urlOf(random, route, i % 4 === 3),
          body: evilBody(random, route.bodyFields!),
          mustRefuse: false,
        });
      }
      for (const { url, body, mustRefuse } of cases) {
        const response = await t.app.inject({
          method: route.method as 'POST',
          url,
          headers: { cookie, 'content-type': 'application/json' },
          payload: body,
        });
        checkAnswer(`${route.method} ${url} ← ${body.slice(0, 80)}`, response, mustRefuse);
        sent++;
      }
    }
    expect(sent).toBe(sample.length * (ALWAYS_REFUSED.length + 12));
  }, 300_000);
});
