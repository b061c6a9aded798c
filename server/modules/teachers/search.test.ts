import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ageAt, experienceAt, isoDate, type IsoDate } from '../../../core/dates.ts';
import { QUALIFICATION_CATEGORIES, type OrganizationKind } from '../../../core/enums.ts';
import { Random } from '../../../core/random.ts';
import { completeSnils } from '../../../core/registry/snils.ts';
import * as s from '../../db/schema/index.ts';
import { createMunicipality, createOrganization, createTeacher, createUser } from '../../seed/factories.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';

/**
 * Every search filter against an independent count: the test keeps its own description of each teacher
 * (explicit dates), computes who should match in plain TypeScript and compares with the API.
 */
type Org = 'S1' | 'S2' | 'K1' | 'X';
const KIND: Record<Org, OrganizationKind> = { S1: 'school', S2: 'school', K1: 'preschool', X: 'school' };
type Period = { from: IsoDate; to: IsoDate | null };

interface Spec {
  id: number;
  lastName: string;
  firstName: string;
  snils: string;
  birth: IsoDate;
  start: IsoDate;
  category: (typeof QUALIFICATION_CATEGORIES)[number];
  isManager: boolean;
  subjects: string[];
  jobs: { org: Org; title: string; from: IsoDate; to: IsoDate | null }[];
  diagnostics: IsoDate[];
  routes: Period[];
  pairs: Period[];
  memberships: (Period & { association: 'open' | 'closed' })[];
}

const ASSOCIATION_END: Record<'open' | 'closed', IsoDate | null> = { open: null, closed: '2024-06-30' };
const REF1 = '2025-09-01';
const REF2 = '2025-09-02';

let t: TestApp;
const orgIds = {} as Record<Org, number>;
const cookies: Record<string, string> = {};
const specs: Spec[] = [];

const activeAt = (p: Period, ref: IsoDate) => p.from <= ref && (p.to === null || p.to >= ref);

function makeSpecs(): Omit<Spec, 'id'>[] {
  const rng = new Random(20250901);
  const list: Omit<Spec, 'id'>[] = [];
  const surnames = ['Иванова', 'Петров', 'Сидорова', 'Кузнецов', 'Смирнова', 'Попов', 'Волкова', 'Зайцев'];
  const titles = [
    'учитель математики',
    'учитель русского языка',
    'воспитатель',
    'директор',
    'педагог-психолог',
  ];
  const subjects = ['математика', 'русский язык', 'физика', 'история'];
  const date = (from: number, to: number) => isoDate(rng.int(from, to), rng.int(1, 12), rng.int(1, 28));
  for (let i = 0; i < 56; i++) {
    const birth = date(1960, 2001);
    const start = rng.chance(0.3) ? date(2021, 2025) : date(Number(birth.slice(0, 4)) + 20, 2024);
    const org = rng.pick<Org>(['S1', 'S1', 'S2', 'K1', 'X']);
    const jobs: Spec['jobs'] = [
      {
        org,
        title: org === 'K1' ? 'воспитатель' : rng.pick(titles),
        from: start,
        to: rng.chance(0.15) ? date(2023, 2025) : null,
      },
    ];
    if (jobs[0].to && jobs[0].to < start) jobs[0].to = start;
    // A second job, in the same municipality (positions never cross municipalities).
    if (org !== 'X' && rng.chance(0.2))
      jobs.push({
        org: rng.pick<Org>(['S1', 'S2', 'K1']),
        title: 'совместитель',
        from: '2024-01-10',
        to: null,
      });
    list.push({
      lastName: `${rng.pick(surnames)}${i}`,
      firstName: rng.pick(['Анна', 'Олег', 'Мария', 'Игорь']),
      snils: completeSnils(String(500_000_000 + i * 7919)),
      birth,
      start,
      category: rng.pick([...QUALIFICATION_CATEGORIES]),
      isManager: jobs[0].title === 'директор',
      subjects: subjects.filter(() => rng.chance(0.35)),
      jobs,
      diagnostics: rng.chance(0.5) ? [date(2023, 2025)] : [],
      routes: rng.chance(0.3)
        ? [{ from: '2025-01-15', to: rng.pick(['2025-08-31', '2025-09-01', '2025-12-31']) }]
        : [],
      pairs: rng.chance(0.3) ? [{ from: date(2023, 2025), to: rng.chance(0.5) ? '2025-09-01' : null }] : [],
      memberships: rng.chance(0.4)
        ? [
            {
              from: date(2021, 2025),
              to: rng.chance(0.2) ? '2025-06-30' : null,
              association: rng.pick(['open', 'closed']),
            },
          ]
        : [],
    });
  }
  // Boundaries: 34 on REF1 and 35 on REF2; experience 2 on REF1 and 3 on REF2; a position ending on REF1.
  const base = {
    category: 'none' as const,
    isManager: false,
    subjects: ['математика'],
    diagnostics: [],
    routes: [],
    pairs: [],
    memberships: [],
  };
  list.push({
    ...base,
    lastName: 'Граничная',
    firstName: 'Ксения',
    snils: completeSnils('777000001'),
    birth: '1990-09-02',
    start: '2024-09-02',
    jobs: [{ org: 'S1', title: 'учитель математики', from: '2024-09-02', to: null }],
  });
  list.push({
    ...base,
    lastName: 'Стажёва',
    firstName: 'Ольга',
    snils: completeSnils('777000002'),
    birth: '1996-01-10',
    start: '2022-09-02',
    jobs: [{ org: 'S2', title: 'учитель физики', from: '2022-09-02', to: REF1 }],
  });
  return list;
}

function expected(filter: Record<string, unknown>, ref: IsoDate, scope: Org[]): number[] {
  const rule = {
    maxAge: Number(filter.youngMaxAge ?? 35),
    maxExperience: Number(filter.youngMaxExperience ?? 3),
  };
  return specs
    .filter((x) => {
      const jobMatches = x.jobs.some(
        (j) =>
          scope.includes(j.org) &&
          (filter.includeFormer || activeAt({ from: j.from, to: j.to }, ref)) &&
          (!filter.organizationId || orgIds[j.org] === filter.organizationId) &&
          (!filter.kind || KIND[j.org] === filter.kind) &&
          (!filter.position || j.title.includes(String(filter.position))),
      );
      const age = ageAt(x.birth, ref);
      const experience = experienceAt(x.start, ref);
      const young = age < rule.maxAge && experience < rule.maxExperience;
      const checks: [unknown, boolean][] = [
        [filter.subject, x.subjects.includes(String(filter.subject))],
        [filter.ageFrom, age >= Number(filter.ageFrom)],
        [filter.ageTo, age <= Number(filter.ageTo)],
        [filter.experienceFrom, experience >= Number(filter.experienceFrom)],
        [filter.experienceTo, experience <= Number(filter.experienceTo)],
        [filter.young, young === filter.young],
        [filter.category, x.category === filter.category],
        [filter.isManager, x.isManager === filter.isManager],
        [filter.diagnosedYear, x.diagnostics.some((d) => d.startsWith(String(filter.diagnosedYear)))],
        [filter.hasRoute, x.routes.some((p) => activeAt(p, ref)) === filter.hasRoute],
        [filter.inMentoring, x.pairs.some((p) => activeAt(p, ref)) === filter.inMentoring],
        [
          filter.inAssociation,
          x.memberships.some(
            (m) =>
              activeAt(m, ref) && activeAt({ from: '2020-01-01', to: ASSOCIATION_END[m.association] }, ref),
          ) === filter.inAssociation,
        ],
        [
          filter.q,
          `${x.lastName} ${x.firstName} Петровна`.toLowerCase().includes(String(filter.q).toLowerCase()),
        ],
      ];
      return jobMatches && checks.every(([value, ok]) => value === undefined || ok);
    })
    .map((x) => x.id)
    .sort((a, b) => a - b);
}

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  const m1 = await createMunicipality(db);
  const m2 = await createMunicipality(db);
  for (const org of ['S1', 'S2', 'K1'] as const) {
    orgIds[org] = (await createOrganization(db, m1.id, { shortName: org, kind: KIND[org] })).id;
  }
  orgIds.X = (await createOrganization(db, m2.id, { shortName: 'X' })).id;
  const orgOf = (org: Org) => ({ id: orgIds[org], municipalityId: org === 'X' ? m2.id : m1.id });
  const [open, closed] = await db
    .insert(s.associations)
    .values(
      (['open', 'closed'] as const).map((a) => ({
        municipalityId: m1.id,
        name: `РМО ${a}`,
        level: 'municipal' as const,
        type: 'rmo' as const,
        startDate: '2020-01-01',
        endDate: ASSOCIATION_END[a],
      })),
    )
    .returning();
  const partner = await createTeacher(db, orgOf('X'), { lastName: 'Партнёр', positionStart: '1990-01-01' });
  for (const spec of makeSpecs()) {
    const [first, ...other] = spec.jobs;
    const teacher = await createTeacher(db, orgOf(first.org), {
      lastName: spec.lastName,
      firstName: spec.firstName,
      snils: spec.snils,
      birthDate: spec.birth,
      pedagogicalStartDate: spec.start,
      qualificationCategory: spec.category,
      isManager: spec.isManager,
      subjects: spec.subjects,
      title: first.title,
      positionStart: first.from,
    });
    const id = teacher.id;
    if (first.to) await db.update(s.positions).set({ endDate: first.to }).where(eqTeacher(id));
    for (const job of other) {
      await db.insert(s.positions).values({
        teacherId: id,
        organizationId: orgIds[job.org],
        title: job.title,
        startDate: job.from,
        endDate: job.to,
        rate: 0.5,
      });
    }
    for (const date of spec.diagnostics) {
      await db.insert(s.diagnostics).values({ teacherId: id, date, level: 'municipal', instrument: 'Тест' });
    }
    for (const r of spec.routes) {
      await db
        .insert(s.routes)
        .values({ teacherId: id, startDate: r.from, endDate: r.to!, status: 'approved' });
    }
    for (const [i, p] of spec.pairs.entries()) {
      const [mentorId, menteeId] = i % 2 ? [id, partner.id] : [partner.id, id];
      await db.insert(s.mentoringPairs).values({
        organizationId: orgIds.S1,
        mentorId,
        menteeId,
        form: 'педагог — педагог',
        startDate: p.from,
        endDate: p.to,
      });
    }
    for (const m of spec.memberships) {
      await db.insert(s.associationMembers).values({
        associationId: m.association === 'open' ? open.id : closed.id,
        teacherId: id,
        joinedOn: m.from,
        leftOn: m.to,
      });
    }
    specs.push({ ...spec, id });
  }
  const password = 'search-password-1';
  await createUser(db, {
    login: 'coord',
    password,
    grants: [{ role: 'coordinator', municipalityId: m1.id }],
  });
  await createUser(db, {
    login: 'mgr',
    password,
    grants: [{ role: 'org_manager', organizationId: orgIds.S1 }],
  });
  await createUser(db, {
    login: 'coord2',
    password,
    grants: [{ role: 'coordinator', municipalityId: m2.id }],
  });
  for (const login of ['coord', 'mgr', 'coord2']) cookies[login] = await t.login(login, password);
});
afterAll(() => t.close());

const eqTeacher = (id: number) => eq(s.positions.teacherId, id);

const query = (filter: Record<string, unknown>) =>
  Object.entries(filter)
    .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`)
    .join('&');

async function search(who: string, filter: Record<string, unknown>, ref: IsoDate) {
  const response = await t.request({
    method: 'GET',
    url: `/api/teachers?${query({ ...filter, referenceDate: ref, pageSize: 500 })}`,
    cookie: cookies[who],
  });
  expect(response.statusCode).toBe(200);
  const ids = response.json().map((r: { id: number }) => r.id);
  expect(response.headers['x-total-count']).toBe(String(ids.length));
  return [...ids].sort((a: number, b: number) => a - b);
}

const FILTERS: Record<string, unknown>[] = [
  {},
  { includeFormer: true },
  { organizationId: 'S2' },
  { kind: 'preschool' },
  { subject: 'математика' },
  { position: 'директор' },
  { ageFrom: 30, ageTo: 35 },
  { ageTo: 34 },
  { experienceFrom: 3 },
  { experienceFrom: 1, experienceTo: 2 },
  { young: true },
  { young: false },
  { young: true, youngMaxExperience: 5 },
  { category: 'highest' },
  { diagnosedYear: 2024 },
  { hasRoute: true },
  { hasRoute: false },
  { inMentoring: true },
  { inAssociation: true },
  { isManager: true },
  { q: 'иванова' },
  { young: true, kind: 'school', includeFormer: true },
  { subject: 'физика', inAssociation: true, ageFrom: 40 },
];

const resolve = (filter: Record<string, unknown>) =>
  filter.organizationId ? { ...filter, organizationId: orgIds[filter.organizationId as Org] } : filter;

describe('each filter finds exactly the teachers an independent count finds', () => {
  for (const ref of [REF1, REF2]) {
    it.each(FILTERS.map((f) => [JSON.stringify(f), f] as const))(
      `coordinator on ${ref}: %s`,
      async (_, raw) => {
        const filter = resolve(raw);
        const want = expected(filter, ref, ['S1', 'S2', 'K1']);
        expect(await search('coord', filter, ref)).toEqual(want);
      },
    );
  }

  it.each(FILTERS.map((f) => [JSON.stringify(f), f] as const))('org_manager of S1: %s', async (_, raw) => {
    const filter = resolve(raw);
    expect(await search('mgr', filter, REF1)).toEqual(expected(filter, REF1, ['S1']));
  });

  it('the filters are not vacuous: each keeps some and drops some teachers', () => {
    for (const raw of FILTERS.slice(1)) {
      const count = expected(resolve(raw), REF1, ['S1', 'S2', 'K1']).length;
      expect(count, JSON.stringify(raw)).toBeGreaterThan(0);
      expect(count, JSON.stringify(raw)).toBeLessThan(specs.length);
    }
  });
});

describe('the boundaries of age and experience move with the reference date', () => {
  const idOf = (lastName: string) => specs.find((x) => x.lastName === lastName)!.id;

  it('a teacher born on 02.09.1990 is 34 on 01.09.2025 and 35 the next day', async () => {
    const young1 = await search('coord', { young: true, q: 'Граничная' }, REF1);
    const young2 = await search('coord', { young: true, q: 'Граничная' }, REF2);
    expect(young1).toEqual([idOf('Граничная')]);
    expect(young2).toEqual([]);
    const [row] = (
      await t.request({
        method: 'GET',
        url: `/api/teachers?q=Граничная&referenceDate=${REF2}`,
        cookie: cookies.coord,
      })
    ).json();
    expect(row).toMatchObject({ age: 35, experience: 1, isYoung: false, birthDate: '1990-09-02' });
  });

  it('experience 2 on 01.09.2025, 3 the next day; a position ending on 01.09.2025 still counts that day', async () => {
    expect(await search('coord', { experienceTo: 2, q: 'Стажёва' }, REF1)).toEqual([idOf('Стажёва')]);
    expect(await search('coord', { q: 'Стажёва' }, REF2)).toEqual([]);
    expect(await search('coord', { q: 'Стажёва', includeFormer: true, experienceFrom: 3 }, REF2)).toEqual([
      idOf('Стажёва'),
    ]);
  });
});

describe('summary, subjects, paging and scope', () => {
  it('the summary counts match the independent counts', async () => {
    const response = await t.request({
      method: 'GET',
      url: `/api/teachers/summary?referenceDate=${REF1}`,
      cookie: cookies.coord,
    });
    const summary = response.json();
    const scope: Org[] = ['S1', 'S2', 'K1'];
    expect(summary).toMatchObject({
      total: expected({}, REF1, scope).length,
      young: expected({ young: true }, REF1, scope).length,
      diagnosedThisYear: expected({ diagnosedYear: 2025 }, REF1, scope).length,
      withRoute: expected({ hasRoute: true }, REF1, scope).length,
      inMentoring: expected({ inMentoring: true }, REF1, scope).length,
      inAssociation: expected({ inAssociation: true }, REF1, scope).length,
      managers: expected({ isManager: true }, REF1, scope).length,
    });
    for (const category of QUALIFICATION_CATEGORIES) {
      expect(summary.byCategory[category]).toBe(expected({ category }, REF1, scope).length);
    }
  });

  it('subjects come with the number of teachers', async () => {
    const response = await t.request({
      method: 'GET',
      url: `/api/teachers/subjects?referenceDate=${REF1}`,
      cookie: cookies.mgr,
    });
    const maths = response.json().find((x: { subject: string }) => x.subject === 'математика');
    expect(maths.count).toBe(expected({ subject: 'математика' }, REF1, ['S1']).length);
  });

  it('pages concatenate into the whole list in name order, with positions of the page only in scope', async () => {
    const all: { id: number; fullName: string; positions: { organizationId: number }[] }[] = [];
    for (let page = 1; page <= 10; page++) {
      const response = await t.request({
        method: 'GET',
        url: `/api/teachers?referenceDate=${REF1}&pageSize=7&page=${page}`,
        cookie: cookies.mgr,
      });
      all.push(...response.json());
    }
    expect(all.map((r) => r.id).sort((a, b) => a - b)).toEqual(expected({}, REF1, ['S1']));
    const names = all.map((r) => r.fullName);
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    expect(all.flatMap((r) => r.positions).every((p) => p.organizationId === orgIds.S1)).toBe(true);
  });

  it('a coordinator of another municipality finds none of these teachers', async () => {
    const ids = await search('coord2', { includeFormer: true }, REF1);
    expect(ids.filter((id) => specs.some((x) => x.id === id && x.jobs.every((j) => j.org !== 'X')))).toEqual(
      [],
    );
  });

  it('a СНИЛС finds its teacher', async () => {
    const target = specs.find((x) => x.jobs.some((j) => j.org === 'S1' && j.to === null))!;
    const ids = await search(
      'coord',
      { q: `${target.snils.slice(0, 3)}-${target.snils.slice(3, 6)}`, includeFormer: true },
      REF1,
    );
    expect(ids).toContain(target.id);
  });
});
