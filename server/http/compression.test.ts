import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createMunicipality, createOrganization, createUser } from '../seed/factories.ts';
import { createTestApp, type TestApp } from '../test/harness.ts';
import { acceptsGzip } from './json-gzip.ts';

let t: TestApp;
let cookie: string;

beforeAll(async () => {
  t = await createTestApp();
  const m = await createMunicipality(t.database.db);
  for (let i = 1; i <= 40; i++) await createOrganization(t.database.db, m.id, { shortName: `Школа № ${i}` });
  await createUser(t.database.db, {
    login: 'coord',
    password: 'compression-pass-1',
    grants: [{ role: 'coordinator', municipalityId: m.id }],
  });
  cookie = await t.login('coord', 'compression-pass-1');
}, 120_000);
afterAll(() => t.close());

it('answers large JSON gzip-compressed to a client that accepts it, and plain to one that does not', async () => {
  const url = '/api/organizations?pageSize=100';
  const plain = await t.app.inject({ method: 'GET', url, headers: { cookie } });
  expect(plain.statusCode).toBe(200);
  expect(plain.headers['content-encoding']).toBeUndefined();
  const zipped = await t.app.inject({ method: 'GET', url, headers: { cookie, 'accept-encoding': 'gzip' } });
  expect(zipped.headers['content-encoding']).toBe('gzip');
  expect(zipped.rawPayload.length).toBeLessThan(plain.rawPayload.length / 3);
  expect(JSON.parse(gunzipSync(zipped.rawPayload).toString('utf8'))).toEqual(plain.json());
});

it('refuses gzip where the client gives it q=0, honours x-no-compression, and always answers Vary', async () => {
  const url = '/api/organizations?pageSize=100';
  for (const headers of [
    { 'accept-encoding': 'gzip;q=0, deflate;q=0' },
    { 'accept-encoding': 'gzip', 'x-no-compression': '1' },
  ]) {
    const answer = await t.app.inject({ method: 'GET', url, headers: { cookie, ...headers } });
    expect(answer.headers['content-encoding']).toBeUndefined();
    expect(answer.headers.vary, JSON.stringify(headers)).toMatch(/accept-encoding/i);
    expect(answer.json().length).toBe(40);
  }
  const zipped = await t.app.inject({
    method: 'GET',
    url,
    headers: { cookie, 'accept-encoding': 'br, *;q=0.5' },
  });
  expect(zipped.headers['content-encoding']).toBe('gzip');
  expect(zipped.headers.vary).toMatch(/accept-encoding/i);
});

it('reads Accept-Encoding as RFC 9110 does', () => {
  expect(acceptsGzip(undefined)).toBe(false);
  expect(acceptsGzip('gzip, deflate, br')).toBe(true);
  expect(acceptsGzip('GZIP;q=0.8')).toBe(true);
  expect(acceptsGzip('gzip;q=0')).toBe(false);
  expect(acceptsGzip('br, *')).toBe(true);
  expect(acceptsGzip('*;q=0')).toBe(false);
  expect(acceptsGzip('gzip;q=0, *')).toBe(false);
  expect(acceptsGzip('identity')).toBe(false);
});
