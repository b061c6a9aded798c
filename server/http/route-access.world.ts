import { sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import JSZip from 'jszip';
import { queryRows, type Db } from '../db/client.ts';
import * as s from '../db/schema/index.ts';
import { seedDemo } from '../seed/demo.ts';
import { createOrganization, createTeacher, createUser } from '../seed/factories.ts';
import { one, PASSWORD, resolveSamples, type Samples } from './route-access.samples.ts';
import { createTestApp, type TestApp } from '../test/harness.ts';
import { formatSnils } from '../modules/teachers/teachers.presenter.ts';

/**
 * The world of the route sweep (route-access.test.ts): the demo district, a second municipality with its
 * own organization, teacher and coordinator, the sample records every route is called with, a fingerprint
 * of the database to prove that a refused write wrote nothing, and the personal data a response must not
 * carry to a given caller.
 */

export const TODAY = '2026-11-01';

/**
 * The callers of the sweep: demo accounts (server/seed/demo.ts), the second municipality's coordinator and
 * admin, and a global admin (the owner of users and municipalities).
 */
export type Caller =
  | 'admin'
  | 'metodist'
  | 'school1'
  | 'school5'
  | 'teacher'
  | 'rmo'
  | 'kurator'
  | 'foreign'
  | 'foreignAdmin'
  /** The demo's regional coordinator (login `region`): aggregates of the demo district, no teacher. */
  | 'regional'
  /** The regional coordinator of the second municipality's region. */
  | 'foreignRegional';

export interface DemoTeacher {
  id: number;
  fullName: string;
  /** Its СНИЛС (as stored and as shown), e-mail and phone: text no answer may carry to the wrong caller. */
  personal: string[];
  /** Organizations where it has or had a position. */
  organizations: number[];
}

export interface AccessWorld {
  t: TestApp;
  db: Db;
  /** The day the application lives in (its fixed today). */
  today: string;
  municipalityId: number;
  school1: number;
  school5: number;
  teacherAccountTeacherId: number;
  rmoAssociationId: number;
  foreign: { municipalityId: number; organizationId: number; teacherId: number; names: string[] };
  samples: { school1: Samples; school5: Samples };
  demoTeachers: DemoTeacher[];
  demoNames: string[];
  call(
    who: Caller | null,
    options: { method: string; url: string; body?: unknown; file?: UploadFile },
  ): Promise<LightMyRequestResponse>;
  fingerprint(): Promise<Map<string, string>>;
  close(): Promise<void>;
}

export interface UploadFile {
  name: string;
  type: string;
  content: Buffer;
}

/** A multipart body with one file, as a browser sends it. */
export function multipart(file: UploadFile) {
  const boundary = '----route-access-boundary';
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\n` +
        `Content-Type: ${file.type}\r\n\r\n`,
    ),
    file.content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

export async function createAccessWorld(): Promise<AccessWorld> {
  const t = await createTestApp({ fixedToday: TODAY });
  const db = t.database.db;
  const demo = await seedDemo({ db, seed: 5, today: TODAY, password: PASSWORD });
  const orgId = (shortName: string) =>
    one<number>(db, shortName, sql`select id as v from organizations where short_name = ${shortName}`);
  const school1 = await orgId('МБОУ СОШ № 1');
  const school5 = await orgId('МБОУ СОШ № 5');

  // The second municipality: names that appear nowhere in the demo, so a leak is recognisable.
  const [region] = await db.insert(s.regions).values({ name: 'Соседняя область', code: '99' }).returning();
  const [other] = await db
    .insert(s.municipalities)
    .values({
      regionId: region.id,
      name: 'Заозёрный муниципальный округ',
      departmentName: 'Управление образования Заозёрного округа',
    })
    .returning();
  const otherOrg = await createOrganization(db, other.id, {
    name: 'Муниципальное казённое общеобразовательное учреждение «Заозёрная школа»',
    shortName: 'МКОУ Заозёрная школа',
  });
  const otherTeacher = await createTeacher(db, otherOrg, {
    lastName: 'Заозёрная',
    firstName: 'Снежана',
    middleName: 'Тимуровна',
    snils: '99988877775',
  });
  await createUser(db, {
    login: 'foreign',
    password: PASSWORD,
    grants: [{ role: 'coordinator', municipalityId: other.id }],
  });

  await createUser(db, {
    login: 'foreignadmin',
    password: PASSWORD,
    grants: [{ role: 'admin', municipalityId: other.id }],
  });
  await createUser(db, { login: 'admin', password: PASSWORD, grants: [{ role: 'admin' }] });
  await createUser(db, {
    login: 'foreignregion',
    password: PASSWORD,
    grants: [{ role: 'regional_coordinator', regionId: region.id }],
  });

  const cookies = new Map<Caller, string>();
  for (const login of [
    'admin',
    'metodist',
    'school1',
    'school5',
    'teacher',
    'rmo',
    'kurator',
    'foreign',
  ] as const) {
    cookies.set(login, await t.login(login, PASSWORD));
  }
  cookies.set('foreignAdmin', await t.login('foreignadmin', PASSWORD));
  cookies.set('regional', await t.login('region', PASSWORD));
  cookies.set('foreignRegional', await t.login('foreignregion', PASSWORD));
  const call: AccessWorld['call'] = (who, { method, url, body, file }) => {
    const headers: Record<string, string> = who ? { cookie: cookies.get(who)! } : {};
    if (file) {
      const form = multipart(file);
      return t.app.inject({
        method: method as 'POST',
        url,
        payload: form.payload,
        headers: { ...headers, ...form.headers },
      });
    }
    return t.app.inject({
      method: method as 'GET',
      url,
      headers,
      ...(body === undefined ? {} : { payload: body as object }),
    });
  };

  const teacherAccountTeacherId = await one<number>(
    db,
    'teacher account',
    sql`select teacher_id as v from users where login = 'teacher'`,
  );
  const rmoAssociationId = await one<number>(
    db,
    'association leader',
    sql`select association_id as v from user_roles r join users u on u.id = r.user_id where u.login = 'rmo'`,
  );
  // The demo keeps no contacts of teachers: give each one, so a leak of contacts is recognisable too.
  await db.execute(
    sql`update teachers set email = 'pedagog' || id || '@prirechensky.example.ru', phone = '+7 901 ' || (1000000 + id)
        where municipality_id = ${demo.municipalityId}`,
  );
  const demoTeachers = (
    await queryRows<{
      id: number;
      name: string;
      snils: string | null;
      email: string;
      phone: string;
      orgs: number[];
    }>(
      db,
      sql`select t.id, concat_ws(' ', t.last_name, t.first_name, t.middle_name) as name, t.snils, t.email, t.phone,
            array_agg(distinct p.organization_id) as orgs
          from teachers t join positions p on p.teacher_id = t.id
          where t.municipality_id = ${demo.municipalityId} group by t.id`,
    )
  ).map((r) => ({
    id: r.id,
    fullName: r.name,
    personal: [...(r.snils ? snilsForms(r.snils) : []), r.email, r.phone],
    organizations: r.orgs.map(Number),
  }));
  const demoNames = [
    ...(
      await queryRows<{ v: string }>(
        db,
        sql`select name as v from organizations where municipality_id = ${demo.municipalityId}
          union select name from municipalities where id = ${demo.municipalityId}`,
      )
    ).map((r) => r.v),
    ...demoTeachers.map((x) => x.fullName),
  ];
  const foreignNames = [other.name, otherOrg.name, 'Заозёрная Снежана Тимуровна'];
  if (foreignNames.some((n) => demoNames.includes(n)))
    throw new Error('foreign names must differ from the demo');

  const world: AccessWorld = {
    t,
    db,
    today: TODAY,
    municipalityId: demo.municipalityId,
    school1,
    school5,
    teacherAccountTeacherId,
    rmoAssociationId,
    foreign: {
      municipalityId: other.id,
      organizationId: otherOrg.id,
      teacherId: otherTeacher.id,
      names: foreignNames,
    },
    samples: {} as AccessWorld['samples'],
    demoTeachers,
    demoNames,
    call,
    fingerprint: () => fingerprint(db),
    close: () => t.close(),
  };
  world.samples.school5 = await resolveSamples(world, school5, 'school5', []);
  world.samples.school1 = await resolveSamples(world, school1, 'school1', [teacherAccountTeacherId]);
  return world;
}

/** A hash of every table's rows (sessions aside: each request extends its own). */
async function fingerprint(db: Db): Promise<Map<string, string>> {
  const tables = await queryRows<{ name: string }>(
    db,
    sql`select tablename as name from pg_tables where schemaname = 'public' and tablename <> 'sessions' order by 1`,
  );
  const parts = tables.map(
    (x) =>
      sql`select ${x.name} as t, count(*)::text || ':' || md5(coalesce(string_agg(r::text, '|' order by r::text), '')) as h from ${sql.identifier(x.name)} r`,
  );
  const rows = await queryRows<{ t: string; h: string }>(db, sql.join(parts, sql` union all `));
  return new Map(rows.map((r) => [r.t, r.h]));
}

export function changedTables(before: Map<string, string>, after: Map<string, string>): string[] {
  return [...after.keys()].filter((table) => before.get(table) !== after.get(table));
}

/** The text of a response: JSON as it is, and the XML inside an XLSX, DOCX or ZIP answer. */
export async function responseText(response: LightMyRequestResponse): Promise<string> {
  const payload = response.rawPayload;
  if (payload.length > 4 && payload.subarray(0, 2).toString() === 'PK') {
    const zip = await JSZip.loadAsync(payload);
    const texts: string[] = [];
    for (const entry of Object.values(zip.files)) {
      if (entry.dir) continue;
      if (/\.(xml|rels|txt|csv)$/i.test(entry.name)) texts.push(await entry.async('string'));
      else if (/\.(xlsx|docx|zip)$/i.test(entry.name)) {
        const inner = await entry.async('nodebuffer');
        texts.push(await responseText({ rawPayload: inner } as LightMyRequestResponse));
      }
    }
    return texts.join('\n');
  }
  return payload.toString('utf8');
}

/** The ways a СНИЛС may be written in a response. */
export const snilsForms = (digits: string) => [digits, formatSnils(digits)];
