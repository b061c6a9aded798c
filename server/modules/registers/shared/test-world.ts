import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import {
  createMunicipality,
  createOrganization,
  createTeacher,
  createUser,
  type GrantSpec,
} from '../../../seed/factories.ts';

/**
 * The test world of the registers: two municipalities, organizations A1 and A2 in the first and B1 in the
 * second, two teachers in each, and users of every role. One per test file (a fresh database each).
 */
export interface World {
  t: TestApp;
  m1: number;
  m2: number;
  a1: number;
  a2: number;
  b1: number;
  /** Teachers: two in each organization. */
  teachers: { a1: number[]; a2: number[]; b1: number[] };
  get(who: Login, url: string): Promise<LightMyRequestResponse>;
  post(who: Login, url: string, body: unknown): Promise<LightMyRequestResponse>;
  patch(who: Login, url: string, body: unknown): Promise<LightMyRequestResponse>;
  put(who: Login, url: string, body: unknown): Promise<LightMyRequestResponse>;
  del(who: Login, url: string): Promise<LightMyRequestResponse>;
  /** Audit entries of an entity, newest first (read as the global admin). */
  audit(
    entity: string,
    entityId: number | string,
  ): Promise<{ action: string; userLogin: string; before: any; after: any; summary: string }[]>;
  addUser(login: string, grants: GrantSpec[]): Promise<void>;
  close(): Promise<void>;
}

export type Login = string;

const PASSWORD = 'registers-password-1';

export async function createWorld(options: { fixedToday?: string } = {}): Promise<World> {
  const t = await createTestApp(options.fixedToday ? { fixedToday: options.fixedToday } : undefined);
  const db = t.database.db;
  const m1 = (await createMunicipality(db, { name: 'Первый район' })).id;
  const m2 = (await createMunicipality(db, { name: 'Второй район' })).id;
  const orgA1 = await createOrganization(db, m1, { shortName: 'Школа А1' });
  const orgA2 = await createOrganization(db, m1, { shortName: 'Школа А2' });
  const orgB1 = await createOrganization(db, m2, { shortName: 'Школа Б1' });
  const teachersOf = async (org: { id: number; municipalityId: number }, names: string[]) => {
    const ids: number[] = [];
    for (const lastName of names)
      ids.push((await createTeacher(db, org, { lastName, title: 'учитель математики' })).id);
    return ids;
  };
  const teachers = {
    a1: await teachersOf(orgA1, ['Алексеева', 'Андреев']),
    a2: await teachersOf(orgA2, ['Борисова', 'Богданов']),
    b1: await teachersOf(orgB1, ['Васильева', 'Виноградов']),
  };
  const cookies = new Map<string, string>();
  const addUser = async (login: string, grants: GrantSpec[]) => {
    await createUser(db, { login, password: PASSWORD, grants });
    cookies.set(login, await t.login(login, PASSWORD));
  };
  await addUser('root', [{ role: 'admin' }]);
  await addUser('coord1', [{ role: 'coordinator', municipalityId: m1 }]);
  await addUser('coord2', [{ role: 'coordinator', municipalityId: m2 }]);
  await addUser('mgra1', [{ role: 'org_manager', organizationId: orgA1.id }]);
  await addUser('mgra2', [{ role: 'org_manager', organizationId: orgA2.id }]);
  await addUser('teachera1', [{ role: 'teacher', organizationId: orgA1.id }]);

  const send =
    (method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE') => (who: Login, url: string, body?: unknown) => {
      const cookie = cookies.get(who);
      if (!cookie) throw new Error(`unknown test user ${who}`);
      return t.request({ method, url, cookie, body });
    };
  return {
    t,
    m1,
    m2,
    a1: orgA1.id,
    a2: orgA2.id,
    b1: orgB1.id,
    teachers,
    get: send('GET'),
    post: send('POST'),
    patch: send('PATCH'),
    put: send('PUT'),
    del: send('DELETE'),
    async audit(entity, entityId) {
      const response = await send('GET')(
        'root',
        `/api/audit?entity=${entity}&entityId=${entityId}&pageSize=100`,
      );
      return response.json();
    },
    addUser,
    close: () => t.close(),
  };
}

/** Asserts an error answer: status, code and the exact Russian message. */
export function expectError(response: LightMyRequestResponse, status: number, message?: string | RegExp) {
  expect(response.statusCode, response.body).toBe(status);
  if (message === undefined) return;
  const actual = response.json().error.message as string;
  if (typeof message === 'string') expect(actual).toBe(message);
  else expect(actual).toMatch(message);
}
