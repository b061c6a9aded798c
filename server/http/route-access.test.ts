import { sql } from 'drizzle-orm';
import { queryRows } from '../db/client.ts';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTE_CASES } from './route-access.cases.ts';
import { changedTables, createAccessWorld, type AccessWorld, type Caller } from './route-access.world.ts';
import { brief, createSweeper, targetsRecords, type Sweeper } from './route-access.sweep.ts';

/**
 * Authorization of every API route, swept from the route table rather than written route by route: each
 * registered route must have an entry in ROUTE_CASES (route-access.cases.ts), and each entry is called as an
 * anonymous user, as the coordinator of another municipality, as the manager of another school, as a
 * teacher and as an association leader against real records of the demo district. A refused write must
 * leave the database exactly as it was; no answer may carry personal data its caller may not see.
 */

let w: AccessWorld;
let sweeper: Sweeper;
beforeAll(async () => {
  w = await createAccessWorld();
  sweeper = createSweeper(w);
}, 600_000);
afterAll(() => w?.close());

const keyOf = (route: { method: string; url: string }) => `${route.method} ${route.url}`;
const apiRoutes = () => w.t.routes.filter((r) => r.url.startsWith('/api/'));
/** The routes in the order of the table, which is also the order parents come before children in. */
const cases = () => Object.entries(ROUTE_CASES);

describe('the route table', () => {
  it('has an entry for every registered route, hidden or documented', () => {
    const missing = apiRoutes()
      .map(keyOf)
      .filter((key) => !(key in ROUTE_CASES))
      .map(
        (key) =>
          `«${key}» has no entry in ROUTE_CASES (server/http/route-access.cases.ts). Add ` +
          `'${key}': organization | municipality | caller | catalog(...) with a real request (see the comment ` +
          'at the top of that file), so its authorization is swept like every other route.',
      );
    expect(missing).toEqual([]);
  });

  it('has no entry for a route that does not exist', () => {
    const registered = new Set(apiRoutes().map(keyOf));
    expect(Object.keys(ROUTE_CASES).filter((key) => !registered.has(key))).toEqual([]);
  });

  it('knows every path of the OpenAPI document, and more: the routes hidden from it', async () => {
    const doc = (await w.call('metodist', { method: 'GET', url: '/api/docs/json' })).json();
    const documented = Object.entries(doc.paths as Record<string, object>).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`),
    );
    const known = new Set(apiRoutes().map(keyOf));
    expect(documented.filter((key) => key.includes('/api/') && !known.has(key))).toEqual([]);
    expect(apiRoutes().some((r) => r.isHidden)).toBe(true);
  });

  it('puts every route with a parameter in a scope that is checked against other owners', () => {
    const loose = cases()
      .filter(([key, entry]) => /[:*]/.test(key) && entry.scope === 'caller')
      .map(([key]) => key);
    expect(loose).toEqual([]);
  });

  it('declares public exactly the routes of the allow-list', () => {
    const flagged = apiRoutes()
      .filter((r) => r.isPublic && ROUTE_CASES[keyOf(r)]?.scope !== 'public')
      .map(keyOf);
    expect(flagged).toEqual([]);
  });
});

describe('without a session', { timeout: 180_000 }, () => {
  it('every route except the public ones answers 401 with the Russian error body', async () => {
    const failures: string[] = [];
    for (const [key, entry] of cases()) {
      if (entry.scope === 'public') continue;
      const { response } = await sweeper.send(null, key, entry, w.samples.school5);
      const body = response.statusCode === 401 ? response.json() : null;
      if (
        body?.error?.code !== 'unauthenticated' ||
        body.error.message !== 'Войдите в систему, чтобы продолжить.'
      ) {
        failures.push(`${key}: ${brief(response)}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('the public routes answer, without personal data', async () => {
    const failures: string[] = [];
    for (const [key, entry] of cases()) {
      if (entry.scope !== 'public' || entry.endsSession) continue;
      const { response } = await sweeper.send(null, key, entry, w.samples.school5);
      const isRefused = response.statusCode === 401 && response.json().error.code === 'unauthenticated';
      if (isRefused || response.statusCode >= 500) failures.push(`${key}: ${brief(response)}`);
      for (const leak of await sweeper.leaksIn(null, response, true)) failures.push(`${key}: leaks ${leak}`);
    }
    expect(failures).toEqual([]);
  });
});

describe('signed in, outside the owner of the records', { timeout: 180_000 }, () => {
  it('the coordinator of another municipality reaches nothing of the demo district and changes nothing', async () => {
    const failures = await sweeper.sweep('foreign', w.samples.school5, (_key, entry, method) => {
      if (targetsRecords(entry)) return 'refused';
      if (method === 'GET') return 'read';
      // Its own (empty) municipality: nothing to write, so nothing may change — not even elsewhere.
      return entry.scope === 'caller' ? 'unchanged' : 'skip';
    });
    expect(failures).toEqual([]);
  });

  it('the manager of school 1 reaches nothing of school 5, and writes nothing of the municipality', async () => {
    const failures = await sweeper.sweep('school1', w.samples.school5, (_key, entry, method) => {
      if (entry.scope === 'organization') return 'refused';
      if (method === 'GET') return 'read';
      return entry.scope === 'municipality' ? 'refused' : 'skip';
    });
    expect(failures).toEqual([]);
  });

  it('a teacher reads no colleague’s personal data and writes no registry data of its own school', async () => {
    const failures = await sweeper.sweep('teacher', w.samples.school1, (_key, entry, method) => {
      if (method === 'GET') return entry.personal && entry.scope !== 'public' ? 'refused' : 'read';
      return targetsRecords(entry) ? 'refused' : 'skip';
    });
    expect(failures).toEqual([]);
  });

  it('an association leader reads no personal data and writes nothing of a school or the municipality', async () => {
    const failures = await sweeper.sweep('rmo', w.samples.school5, (_key, entry, method) => {
      if (method === 'GET') return 'read';
      return targetsRecords(entry) ? 'refused' : 'skip';
    });
    expect(failures).toEqual([]);
  });
});

describe('a regional coordinator', { timeout: 240_000 }, () => {
  it('of the demo region reads the aggregates of its municipality, no teacher, and writes nothing of it', async () => {
    const failures = await sweeper.sweep('regional', w.samples.school5, (_key, entry, method) => {
      if (method === 'GET') {
        if (entry.personal && targetsRecords(entry)) return 'refused';
        return entry.aggregate ? 'answered' : 'read';
      }
      // Its own region's records it writes (publishing a program): the samples-are-real test sends those.
      if (entry.scope === 'region') return 'skip';
      if (targetsRecords(entry)) return 'refused';
      return entry.scope === 'caller' ? 'unchanged' : 'skip';
    });
    expect(failures).toEqual([]);
  });

  it('of another region reaches nothing of the demo district and changes nothing', async () => {
    const failures = await sweeper.sweep('foreignRegional', w.samples.school5, (_key, entry, method) => {
      if (targetsRecords(entry)) return 'refused';
      if (method === 'GET') return 'read';
      return entry.scope === 'caller' ? 'unchanged' : 'skip';
    });
    expect(failures).toEqual([]);
  });
});

describe('teachers inside shared lists', () => {
  // Municipal events and РМО gather teachers of every school: each reader sees its own part of them.
  const get = async (who: Caller, url: string) => {
    const response = await w.call(who, { method: 'GET', url });
    expect(response.statusCode, response.body).toBe(200);
    expect(await sweeper.leaksIn(who, response)).toEqual([]);
    return response.json();
  };
  const teachersOf = (organization: number) =>
    new Set(w.demoTeachers.filter((t) => t.organizations.includes(organization)).map((t) => t.id));

  it('a school sees only its own teachers among the participants of municipal events and members of РМО', async () => {
    const own = teachersOf(w.school1);
    const [event] = await queryRows<{ id: number }>(
      w.db,
      sql`select e.id from events e join event_participations p on p.event_id = e.id
          where e.organization_id is null and e.municipality_id = ${w.municipalityId}
          group by e.id having count(*) filter (where p.teacher_id in (select teacher_id from positions where organization_id = ${w.school1})) > 0
            and count(*) filter (where p.teacher_id not in (select teacher_id from positions where organization_id = ${w.school1})) > 0
          order by e.id limit 1`,
    );
    const lists = [
      `/api/events/${event.id}/participants?pageSize=1000`,
      `/api/associations/${w.samples.school5.municipalAssociation}/members?pageSize=1000`,
      '/api/event-participations?pageSize=1000',
      '/api/association-members?pageSize=1000',
    ];
    for (const url of lists) {
      const all = (await get('metodist', url)) as { teacherId: number }[];
      const seen = (await get('school1', url)) as { teacherId: number }[];
      // The department's view holds others, so the school's view was really filtered.
      expect(
        all.some((row) => !own.has(row.teacherId)),
        url,
      ).toBe(true);
      expect(
        seen.filter((row) => !own.has(row.teacherId)),
        url,
      ).toEqual([]);
    }
    const pairs = (await get('school1', '/api/mentoring-pairs?pageSize=1000')) as {
      organizationId: number;
    }[];
    expect(pairs.length).toBeGreaterThan(0);
    expect(pairs.filter((p) => p.organizationId !== w.school1)).toEqual([]);
    const campaign = await get('school1', `/api/campaigns/${w.samples.school1.campaign}`);
    expect(campaign.organizations.map((o: { organizationId: number }) => o.organizationId)).toEqual([
      w.school1,
    ]);
  });

  it('an association leader reads its members’ names and workplaces, not their personal data or records', async () => {
    const members = (await get('rmo', `/api/associations/${w.rmoAssociationId}/members?pageSize=1000`)) as {
      teacherId: number;
      teacherName: string;
    }[];
    expect(members.length).toBeGreaterThan(0);
    const member = members[0].teacherId;
    const card = await get('rmo', `/api/teachers/${member}`);
    expect(card).toMatchObject({
      fullName: members[0].teacherName,
      birthDate: null,
      snils: null,
      email: null,
      phone: null,
      age: null,
      educations: [],
      certifications: [],
      permissions: { isLimited: true, canEdit: false },
    });
    for (const records of ['diagnostics', 'trainings', 'routes', 'positions']) {
      const response = await w.call('rmo', { method: 'GET', url: `/api/teachers/${member}/${records}` });
      expect(response.statusCode, records).toBe(403);
    }
    const stranger = w.demoTeachers.find((t) => !members.some((m) => m.teacherId === t.id))!;
    expect((await w.call('rmo', { method: 'GET', url: `/api/teachers/${stranger.id}` })).statusCode).toBe(
      403,
    );
  });
});

describe('attendance of association meetings', () => {
  // The sweep reads as a leader without demanding refusals (a leader's reads are answered, limited);
  // who was present at another association's meetings must be refused outright.
  it('an association leader sees who was present at its own association’s meetings only', async () => {
    const meetingOf = (where: ReturnType<typeof sql>) =>
      queryRows<{ id: number }>(
        w.db,
        sql`select min(m.id) as id from association_meetings m join associations a on a.id = m.association_id where ${where}`,
      ).then(([row]) => row.id);
    const own = await meetingOf(sql`a.id = ${w.rmoAssociationId}`);
    const response = await w.call('rmo', {
      method: 'GET',
      url: `/api/association-meetings/${own}/attendance`,
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().entries.length).toBeGreaterThan(0);
    const others = [
      await meetingOf(sql`a.municipality_id = ${w.municipalityId} and a.type = 'young_school'`),
      w.samples.school1.meeting,
      w.samples.school5.meeting,
    ];
    for (const meeting of others) {
      const url = `/api/association-meetings/${meeting}/attendance`;
      expect(sweeper.refusalProblem(await w.call('rmo', { method: 'GET', url })), url).toBeNull();
    }
  });
});

describe('requests of another municipality on its own records, naming ours', () => {
  // The second municipality's coordinator works on its own program, campaign, roadmap, association and
  // event, and names records of the demo district in the request: each is refused, and writes nothing.
  const own = { program: 0, campaign: 0, roadmap: 0, measure: 0, association: 0, event: 0 };
  const post = (who: Caller, url: string, body: unknown) => w.call(who, { method: 'POST', url, body });
  const patch = (who: Caller, url: string, body: unknown) => w.call(who, { method: 'PATCH', url, body });

  beforeAll(async () => {
    const m = w.foreign.municipalityId;
    const created = async (response: LightMyRequestResponse) => {
      expect(response.statusCode, response.body).toBeLessThan(300);
      return response.json();
    };
    own.program = (
      await created(
        await post('foreign', '/api/programs/from-template', {
          municipalityId: m,
          templateCode: 'seed-004-myasnikovsky',
        }),
      )
    ).id;
    own.campaign = (
      await created(await post('foreign', '/api/campaigns', { programId: own.program, year: 2026 }))
    ).campaign.id;
    const roadmap = await created(
      await post('foreign', '/api/roadmaps', {
        municipalityId: m,
        title: 'Дорожная карта Заозёрного округа',
        periodStart: '2026-09-01',
        periodEnd: '2027-08-31',
      }),
    );
    own.roadmap = roadmap.id;
    const measure = {
      section: '1',
      number: '1.1',
      title: 'Семинар',
      deadlineKind: 'as_needed',
      executors: 'Управление образования',
    };
    own.measure = (
      await created(await post('foreign', `/api/roadmaps/${own.roadmap}/measures`, measure))
    ).measures[0].id;
    own.association = (
      await created(
        await post('foreign', '/api/associations', {
          municipalityId: m,
          name: 'РМО учителей Заозёрного округа',
          level: 'municipal',
          type: 'rmo',
          startDate: '2026-09-01',
        }),
      )
    ).id;
    own.event = (
      await created(
        await post('foreign', '/api/events', {
          municipalityId: m,
          title: 'Совещание',
          level: 'municipal',
          date: '2026-10-01',
          format: 'offline',
        }),
      )
    ).id;
  });

  /** A request that must be refused as invalid, write nothing and name nothing of the demo district. */
  async function refused(send: () => Promise<LightMyRequestResponse>, message: RegExp) {
    const before = await w.fingerprint();
    const response = await send();
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json().error.message).toMatch(message);
    expect(changedTables(before, await w.fingerprint())).toEqual([]);
    expect(await sweeper.leaksIn('foreign', response)).toEqual([]);
  }

  it('a campaign enrols only schools of its municipality, on creation and on change', async () => {
    const campaign = (
      await w.call('foreign', { method: 'GET', url: `/api/campaigns/${own.campaign}` })
    ).json();
    const foreignOnly = /не относятся к муниципалитету программы/;
    await refused(
      () =>
        post('foreign', '/api/campaigns', {
          programId: own.program,
          year: 2027,
          organizationIds: [w.school5],
        }),
      foreignOnly,
    );
    await refused(
      () =>
        patch('foreign', `/api/campaigns/${own.campaign}`, {
          organizationIds: [w.school5],
          version: campaign.campaign.version,
        }),
      foreignOnly,
    );
  });

  it('a recommendation is addressed only to a school of the campaign’s municipality', async () => {
    await refused(
      () =>
        post('foreign', `/api/campaigns/${own.campaign}/recommendations`, {
          organizationId: w.school5,
          text: 'Посторонняя рекомендация',
        }),
      /Организация не найдена в муниципалитете мониторинга/,
    );
  });

  it('measures and decisions link only programs, recommendations, conclusions, measures and files of their municipality', async () => {
    const s = w.samples.school5;
    const measure = {
      section: '1',
      number: '1.2',
      title: 'Мероприятие',
      deadlineKind: 'as_needed',
      executors: 'Управление',
    };
    const url = `/api/roadmaps/${own.roadmap}/measures`;
    await refused(
      () =>
        post('foreign', url, {
          ...measure,
          indicators: [{ programId: s.program, indicatorCode: s.indicatorCode }],
        }),
      /программы мониторинга № /,
    );
    await refused(
      () => post('foreign', url, { ...measure, recommendationIds: [s.recommendation] }),
      /рекомендации № /,
    );
    await refused(
      () => post('foreign', url, { ...measure, evidence: [{ title: 'Приказ', fileId: s.file }] }),
      /файлы № /,
    );
    await refused(
      () =>
        patch('foreign', `/api/measures/${own.measure}`, {
          recommendationIds: [s.recommendation],
          version: 1,
        }),
      /рекомендации № /,
    );
    const decision = {
      municipalityId: w.foreign.municipalityId,
      kind: 'order',
      date: '2026-10-01',
      title: 'Приказ',
    };
    await refused(
      () => post('foreign', '/api/decisions', { ...decision, conclusionIds: [s.conclusion] }),
      /выводы № /,
    );
    await refused(
      () => post('foreign', '/api/decisions', { ...decision, measureIds: [s.measure] }),
      /мероприятия № /,
    );
  });

  it('a teacher of the demo district is refused by number, never by name', async () => {
    const s = w.samples.school5;
    await refused(
      () =>
        post('foreign', '/api/associations', {
          municipalityId: w.foreign.municipalityId,
          name: 'Творческая группа',
          level: 'municipal',
          type: 'creative_group',
          leaderId: s.teacher,
          startDate: '2026-09-01',
        }),
      /^Руководитель — педагог другого муниципалитета\.$/,
    );
    await refused(
      () =>
        post('foreign', '/api/mentoring-pairs', {
          organizationId: w.foreign.organizationId,
          mentorId: s.teacher,
          menteeId: w.foreign.teacherId,
          form: 'педагог — педагог',
          startDate: '2026-09-01',
        }),
      /^Наставник — педагог другого муниципалитета\.$/,
    );
    for (const url of [
      `/api/associations/${own.association}/members`,
      `/api/events/${own.event}/participants`,
    ]) {
      const response = await post('foreign', url, {
        teacherIds: [s.teacher, s.colleague],
        joinedOn: '2026-09-01',
      });
      expect(response.statusCode, response.body).toBe(201);
      expect(response.json().skipped).toEqual([
        { teacherId: s.teacher, teacherName: null, reason: 'педагог другого муниципалитета' },
        { teacherId: s.colleague, teacherName: null, reason: 'педагог другого муниципалитета' },
      ]);
      expect(await sweeper.leaksIn('foreign', response)).toEqual([]);
    }
  });

  it('a municipal admin links an account only to a teacher of its municipality', async () => {
    const account = {
      login: 'zaozerny-teacher',
      fullName: 'Учётная запись педагога',
      roles: [{ role: 'teacher', organizationId: w.foreign.organizationId }],
    };
    const noTeacher = /^Педагог №\d+ не найден в реестре вашего муниципалитета\.$/;
    await refused(
      () => post('foreignAdmin', '/api/users', { ...account, teacherId: w.samples.school5.teacher }),
      noTeacher,
    );
    const created = await post('foreignAdmin', '/api/users', { ...account, teacherId: w.foreign.teacherId });
    expect(created.statusCode, created.body).toBe(201);
    const user = created.json().user;
    await refused(
      () =>
        patch('foreignAdmin', `/api/users/${user.id}`, {
          teacherId: w.samples.school5.teacher,
          version: user.version,
        }),
      noTeacher,
    );
  });

  it('a coordinator sends reminders for the campaigns of its own municipality only', async () => {
    // Reminding a month ahead makes every form of the demo's active campaign not yet sent due now.
    await w.db.execute(
      sql`update campaigns set reminder_days_before = 30 where id = ${w.samples.school5.campaign}`,
    );
    const before = await w.fingerprint();
    const foreign = await post('foreign', '/api/reminders/run', undefined);
    expect(foreign.statusCode, foreign.body).toBe(200);
    expect(foreign.json().sent).toEqual([]);
    expect(changedTables(before, await w.fingerprint())).toEqual([]);
    const own = (await post('metodist', '/api/reminders/run', undefined)).json();
    expect(own.sent.length).toBeGreaterThan(0);
    expect(own.sent.every((x: { campaignId: number }) => x.campaignId === w.samples.school5.campaign)).toBe(
      true,
    );
  });
});

describe('the samples are real', () => {
  // Last: these requests succeed, and write. A refusal above proves something only if the same request
  // goes through for the records' owner — otherwise a wrong sample id would pass as a 404.
  it('the owner of each record reaches it with the very request the others were refused', async () => {
    const failures: string[] = [];
    const controlled = cases().filter(([, entry]) => targetsRecords(entry));
    const order = [
      ...controlled.filter(([key]) => key.startsWith('GET ')),
      ...controlled.filter(([key]) => !key.startsWith('GET ') && !key.startsWith('DELETE ')),
      ...controlled.filter(([key]) => key.startsWith('DELETE ')).reverse(),
    ];
    for (const [key, entry] of order) {
      const { response } = await sweeper.send(entry.owner ?? 'metodist', key, entry, w.samples.school5);
      // 409 and 423 are answers of the business rules (a stale version, a closed campaign): past authorization.
      if (response.statusCode >= 300 && ![409, 423].includes(response.statusCode))
        failures.push(`${key}: ${brief(response)}`);
    }
    expect(failures).toEqual([]);
  });
});
