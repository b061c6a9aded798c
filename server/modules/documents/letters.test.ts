import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { holds } from '../../../core/analysis/evidence.ts';
import { formatRuDate } from '../../../core/dates.ts';
import { campaigns, conclusions, organizations, recommendations } from '../../db/schema/index.ts';
import { createUser } from '../../seed/factories.ts';
import { seedDemo } from '../../seed/demo.ts';
import { hasLibreOffice, pagesOfDocx } from '../../test/office.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';
import { documentXmlOf, docxLines } from '../../test/report-docx.ts';

/**
 * Letters a school reads (issue 10, point 3), on the demo district: the school's letter leads with its own
 * findings and the recommendations addressed to it, then the municipal conclusions in brief; the head is
 * named in the addressee; the dates are those the campaign ran; the signature never stands alone on a page;
 * the general letter «Руководителям ОО» of seed 002 with numbered recommendations and their addressees.
 */

let t: TestApp;
const PASSWORD = 'letters-pass-1';
const cookies: Record<string, string> = {};
let latestId = 0;

interface Result {
  indicator: string;
  organization: number | null;
  value: number | null;
  level: 'high' | 'medium' | 'low' | null;
  isApplicable: boolean;
}
interface Analysis {
  indicators: { code: string; name: string; unit: string }[];
  organizations: { id: number; name: string }[];
  results: Result[];
}
interface Content {
  organizationId: number | null;
  addressee: string[];
  title: string;
  blocks: (
    | { kind: 'heading' | 'paragraph' | 'bullet'; text: string }
    | { kind: 'item'; number: number; text: string; details: string | null }
  )[];
  findings: {
    indicator: string;
    organization: number;
    value: number | null;
    claim: 'zero' | 'positive' | 'low';
  }[];
  closing: string;
  signer: { position: string; name: string };
  executor: string[];
}
interface Recommendation {
  id: number;
  organizationId: number | null;
  organizationName: string | null;
  text: string;
  deadline: string | null;
  audience: unknown;
}
let analysis: Analysis;
/**
 * The school the letter is read for: one of the latest campaign with recommendations addressed to it and
 * findings of its own, outside ШНОР/ШССУ (the group recommendation must not reach it) — found by query, as
 * the demo's draws decide which schools have them; its manager logs in as «own-school».
 */
let schoolOne = 0;
let schoolOneName = '';
let schoolFive = 0;

beforeAll(async () => {
  t = await createTestApp({ fixedToday: '2026-11-01' });
  await seedDemo({ db: t.database.db, seed: 5, today: '2026-11-01', password: PASSWORD });
  for (const login of ['metodist', 'school1', 'school5']) cookies[login] = await t.login(login, PASSWORD);
  const list = (await call('metodist', 'GET', '/api/campaigns')).json();
  const closed = list
    .filter((c: { status: string }) => c.status === 'closed')
    .sort((a: { year: number }, b: { year: number }) => a.year - b.year);
  latestId = closed[closed.length - 1].id;
  analysis = (await call('metodist', 'GET', `/api/campaigns/${latestId}/analysis`)).json();
  const db = t.database.db;
  const addressed = new Set(
    (
      await db
        .select({ id: recommendations.organizationId })
        .from(recommendations)
        .where(and(eq(recommendations.campaignId, latestId), isNotNull(recommendations.organizationId)))
    ).map((r) => r.id!),
  );
  const found = new Set(
    (await db.select().from(conclusions).where(eq(conclusions.campaignId, latestId)))
      .filter((c) => c.kind === 'problem' && c.evidence)
      .flatMap((c) => c.evidence!.items.map((i) => i.organization)),
  );
  const [school] = (
    await db
      .select()
      .from(organizations)
      .where(and(inArray(organizations.id, [...addressed]), eq(organizations.kind, 'school')))
      .orderBy(organizations.id)
  ).filter((o) => found.has(o.id) && !o.isLowResults && !o.isHardSocialConditions && o.headName);
  expect(school, 'a school of the demo with recommendations and findings').toBeDefined();
  schoolOne = school.id;
  schoolOneName = school.shortName;
  await createUser(db, {
    login: 'own-school',
    password: PASSWORD,
    grants: [{ role: 'org_manager', organizationId: schoolOne }],
  });
  cookies['own-school'] = await t.login('own-school', PASSWORD);
  schoolFive = analysis.organizations.find((o) => o.name === 'МБОУ СОШ № 5')!.id;
}, 300_000);
afterAll(() => t?.close());

function call(who: string | null, method: 'GET' | 'POST' | 'PATCH', url: string, body?: unknown) {
  return t.request({ method, url, cookie: who ? cookies[who] : undefined, body });
}

const paragraphsOf = async (docx: Buffer) => docxLines(await documentXmlOf(docx));

const letterUrl = (organizationId: number) =>
  `/api/campaigns/${latestId}/documents/letters?organizationId=${organizationId}`;

async function schoolLetter(organizationId: number) {
  const response = await call('metodist', 'GET', letterUrl(organizationId));
  expect(response.statusCode, response.body.slice(0, 300)).toBe(200);
  return paragraphsOf(response.rawPayload);
}

const resultOf = (code: string, org: number | null) =>
  analysis.results.find((r) => r.indicator === code && r.organization === org);

/** Every organization a letter states a value of has that value computed, and it bears the statement out. */
function expectFindingsSupported(content: Content) {
  for (const f of content.findings) {
    const r = resultOf(f.indicator, f.organization);
    expect(r, `${f.indicator} / ${f.organization}`).toBeDefined();
    expect(r!.isApplicable, `${f.indicator} / ${f.organization}`).not.toBe(false);
    expect(r!.value).toBe(f.value);
    expect(holds(f.claim, r!.value, r!.level), `${f.indicator} / ${f.organization}: ${f.claim}`).toBe(true);
  }
}

describe('the letter to a school', () => {
  it('leads with the school’s own findings and its recommendations, then the municipal conclusions in brief', async () => {
    const paragraphs = await schoolLetter(schoolOne);
    const title = paragraphs.findIndex((p) =>
      p.startsWith(`Адресные рекомендации руководителю ${schoolOneName}`),
    );
    expect(title).toBeGreaterThan(0);
    // The first thing after the heading is the school's own results.
    expect(paragraphs[title + 1]).toBe(`Результаты ${schoolOneName}:`);

    // Its findings: the items of the verified conclusions that name it — every one, and nothing else.
    const stored = (await call('metodist', 'GET', `/api/campaigns/${latestId}/conclusions`)).json() as {
      kind: string;
      evidence: { claim: string; items: { indicator: string; organization: number | null }[] } | null;
    }[];
    const expected = new Set(
      stored
        .filter((c) => c.kind === 'problem' && c.evidence)
        .flatMap((c) =>
          c.evidence!.items.filter((i) => i.organization === schoolOne).map((i) => i.indicator),
        ),
    );
    expect(expected.size, `${schoolOneName} has findings in the demo`).toBeGreaterThan(0);
    const recommendationsAt = paragraphs.indexOf(`Рекомендации ${schoolOneName}:`);
    const findings = paragraphs.slice(title + 3, recommendationsAt);
    expect(findings.map((p) => p.replace(/^–\s/, '').split(' ')[0]).sort()).toEqual([...expected].sort());
    for (const line of findings) {
      const code = line.replace(/^–\s/, '').split(' ')[0];
      const indicator = analysis.indicators.find((i) => i.code === code)!;
      expect(line).toContain(`«${indicator.name}»`);
      expect(resultOf(code, schoolOne)?.isApplicable).not.toBe(false);
    }

    // Then the recommendations addressed to it, numbered, with their deadlines.
    const recommendations = (
      await call('metodist', 'GET', `/api/campaigns/${latestId}/recommendations`)
    ).json() as Recommendation[];
    const own = recommendations.filter((r) => r.organizationId === schoolOne);
    expect(own.length).toBeGreaterThan(0);
    const summaryAt = paragraphs.indexOf('Выводы по муниципалитету (кратко):');
    expect(summaryAt).toBeGreaterThan(recommendationsAt);
    const items = paragraphs.slice(recommendationsAt + 1, summaryAt);
    expect(items).toHaveLength(own.length);
    own.forEach((r, i) => {
      expect(items[i].startsWith(`${i + 1}.\t${r.text}`)).toBe(true);
      if (r.deadline) expect(items[i]).toContain(`Срок — до ${formatRuDate(r.deadline)}.`);
    });
    // The summary names how many organizations each problem concerns, not all of them.
    const summary = paragraphs.slice(summaryAt + 1, paragraphs.indexOf('О мониторинге:'));
    // The dynamics in one line: which indicators improved and which worsened since the previous campaign.
    expect(summary.length).toBe(stored.filter((c) => c.kind !== 'dynamics').length + 1);
    // Which indicators moved is the demo's draw; the line names them by code, improved first.
    expect(summary[summary.length - 1]).toMatch(
      /^–\s+Изменения по муниципалитету к 2024 г\.: (?=у)(улучшил(ся показатель|ись показатели) [\d.]+(, [\d.]+)*)?(; )?(ухудшил(ся показатель|ись показатели) [\d.]+(, [\d.]+)*)?\.$/,
    );
    expect(summary.some((p) => /в \d+ ОО, в том числе в /.test(p) && p.endsWith(`в ${schoolOneName}.`))).toBe(
      true,
    );
  });

  it('names the head of the school from the registry in the addressee', async () => {
    const organization = (await call('metodist', 'GET', `/api/organizations/${schoolOne}`)).json();
    expect(organization.headName).toMatch(/^\S+ \S\.\S\.$/);
    const [surname, initials] = organization.headName.split(' ');
    const paragraphs = await schoolLetter(schoolOne);
    const at = paragraphs.indexOf(`Руководителю ${schoolOneName}`);
    expect(at).toBeGreaterThan(0);
    expect(paragraphs[at + 1]).toBe(`${surname} ${initials.replace('.', '. ')}`);
  });

  it('prints the dates the campaign ran: opened, the deadline, the last form received, closed', async () => {
    const db = t.database.db;
    const [row] = await db.select().from(campaigns).where(eq(campaigns.id, latestId));
    const view = (await call('metodist', 'GET', `/api/campaigns/${latestId}`)).json() as {
      organizations: { firstSubmittedAt: string | null }[];
    };
    const last = view.organizations
      .map((o) => o.firstSubmittedAt?.slice(0, 10))
      .filter((d): d is string => !!d)
      .sort()
      .pop()!;
    expect(last > row.mainEnd, 'the demo has a late form').toBe(true);
    // The department closed it ten days before the end of the final stage.
    const closedOn = '2026-07-05';
    expect(closedOn < row.finalEnd).toBe(true);
    await db
      .update(campaigns)
      .set({ closedAt: new Date(`${closedOn}T10:00:00Z`) })
      .where(eq(campaigns.id, latestId));
    try {
      const text = (await schoolLetter(schoolOne)).join('\n');
      expect(text).toContain(
        `с ${formatRuDate(row.initialStart)} по ${formatRuDate(closedOn)} проведён мониторинг`,
      );
      expect(text).toContain(
        `формы организаций принимались до ${formatRuDate(row.mainEnd)}, последняя форма получена ${formatRuDate(last)}.`,
      );
      expect(text).not.toContain(formatRuDate(row.finalEnd));
    } finally {
      await db.update(campaigns).set({ closedAt: row.closedAt }).where(eq(campaigns.id, latestId));
    }
  });

  it('carries the recommendations addressed to a group the school belongs to, and no other', async () => {
    const group = (
      (await call('metodist', 'GET', `/api/campaigns/${latestId}/recommendations`)).json() as Recommendation[]
    ).find((r) => r.audience)!;
    expect(group).toBeDefined();
    const five = (await schoolLetter(schoolFive)).join('\n');
    expect(five).toContain(group.text);
    expect(five).toContain('Адресаты: общеобразовательные организации (ШНОР или ШССУ).');
    expect((await schoolLetter(schoolOne)).join('\n')).not.toContain(group.text);
  });

  it('shows in the browser what the Word document prints, to the school itself', async () => {
    const content = (
      await call('own-school', 'GET', `/api/campaigns/${latestId}/letter-content?organizationId=${schoolOne}`)
    ).json() as Content;
    expect(content.blocks[0]).toEqual({ kind: 'heading', text: `Результаты ${schoolOneName}` });
    const paragraphs = (await schoolLetter(schoolOne)).join('\n');
    for (const line of content.addressee) expect(paragraphs).toContain(line);
    for (const b of content.blocks)
      expect(paragraphs).toContain(b.kind === 'item' ? `${b.number}.\t${b.text}` : b.text);
    expect(content.findings.every((f) => f.organization === schoolOne)).toBe(true);
    expectFindingsSupported(content);
    // Another school's letter is not the school's to read.
    const foreign = await call(
      'own-school',
      'GET',
      `/api/campaigns/${latestId}/letter-content?organizationId=${schoolFive}`,
    );
    expect(foreign.statusCode).toBe(403);
  });

  it('states only values the computed results bear out, in every school’s letter', async () => {
    const catalog = (await call('metodist', 'GET', `/api/campaigns/${latestId}/documents`)).json() as {
      addressees: { id: number }[];
    };
    expect(catalog.addressees.map((a) => a.id)).toContain(schoolFive);
    let findings = 0;
    for (const a of catalog.addressees) {
      const content = (
        await call('metodist', 'GET', `/api/campaigns/${latestId}/letter-content?organizationId=${a.id}`)
      ).json() as Content;
      expectFindingsSupported(content);
      findings += content.findings.length;
    }
    expect(findings).toBeGreaterThan(0);
  });
});

describe('the general letter «Руководителям ОО»', () => {
  it('holds the general conclusions and numbered recommendations, each with its addressees and deadline', async () => {
    const response = await call('metodist', 'GET', `/api/campaigns/${latestId}/documents/general-letter`);
    expect(response.statusCode, response.body.slice(0, 300)).toBe(200);
    expect(String(response.headers['content-disposition'])).toContain(
      encodeURIComponent('Адресные рекомендации 2025 руководителям ОО.docx'),
    );
    const paragraphs = await paragraphsOf(response.rawPayload);
    expect(paragraphs).toContain('Руководителям ОО');
    const stored = (await call('metodist', 'GET', `/api/campaigns/${latestId}/conclusions`)).json() as {
      text: string;
    }[];
    const conclusionsAt = paragraphs.indexOf('Общие выводы:');
    const recommendationsAt = paragraphs.indexOf('Рекомендации:');
    expect(conclusionsAt).toBeGreaterThan(0);
    expect(recommendationsAt).toBeGreaterThan(conclusionsAt);
    expect(paragraphs.slice(conclusionsAt + 1, recommendationsAt)).toEqual(
      stored.map((c, i) => `${i + 1}.\t${c.text}`),
    );
    const items = paragraphs.slice(recommendationsAt + 1).filter((p) => /^\d+\.\t/.test(p));
    expect(items.length).toBeGreaterThan(1);
    items.forEach((p, i) => {
      expect(p.startsWith(`${i + 1}.\t`)).toBe(true);
      expect(p).toMatch(/Адресаты: [^.]/);
      expect(p).toMatch(/Срок — до \d\d\.\d\d\.\d{4}\./);
    });
    const recommendations = (
      await call('metodist', 'GET', `/api/campaigns/${latestId}/recommendations`)
    ).json() as Recommendation[];
    const group = recommendations.find((r) => r.audience)!;
    expect(items[0]).toContain(group.text);
    expect(items[0]).toContain('Адресаты: общеобразовательные организации (ШНОР или ШССУ).');
    expect(items[0]).toContain(
      'Ответственные: руководители ОО, заместители руководителей по учебно-воспитательной работе.',
    );
    // A text addressed to several schools one by one is one item naming all of them.
    const byText = new Map<string, string[]>();
    for (const r of recommendations)
      if (r.organizationId !== null) byText.set(r.text, [...(byText.get(r.text) ?? []), r.organizationName!]);
    const [text, names] = [...byText.entries()].sort((a, b) => b[1].length - a[1].length)[0];
    expect(names.length).toBeGreaterThan(1);
    const item = items.find((p) => p.includes(text))!;
    for (const name of names) expect(item).toContain(name);
    // The department's own tasks are not in the schools' letter.
    for (const r of recommendations.filter((x) => x.organizationId === null && !x.audience))
      expect(items.some((p) => p.includes(`\t${r.text} Адресаты`))).toBe(false);
  });

  it('shows its text in the browser to the department only, and every value it names is borne out', async () => {
    const content = (
      await call('metodist', 'GET', `/api/campaigns/${latestId}/letter-content`)
    ).json() as Content;
    expect(content.organizationId).toBeNull();
    expect(content.addressee).toEqual(['Руководителям ОО']);
    expect(content.findings.length).toBeGreaterThan(0);
    expectFindingsSupported(content);
    expect((await call('school1', 'GET', `/api/campaigns/${latestId}/letter-content`)).statusCode).toBe(403);
    expect(
      (await call('school1', 'GET', `/api/campaigns/${latestId}/documents/general-letter`)).statusCode,
    ).toBe(403);
  });

  it('is refused while a conclusion is not borne out by the data', async () => {
    const db = t.database.db;
    const [wrong] = await db
      .insert(conclusions)
      .values({
        campaignId: latestId,
        text: 'Показатель не выполнен в МБОУ СОШ № 1.',
        kind: 'problem',
        evidence: {
          claim: 'zero',
          items: [
            { indicator: analysis.indicators[0].code, organization: schoolOne, value: 12345, level: null },
          ],
        },
      })
      .returning();
    try {
      for (const url of [
        `/api/campaigns/${latestId}/letter-content`,
        `/api/campaigns/${latestId}/documents/general-letter`,
        `/api/campaigns/${latestId}/letter-content?organizationId=${schoolOne}`,
      ]) {
        const refused = await call('metodist', 'GET', url);
        expect(refused.statusCode, url).toBe(409);
        expect(refused.json().error.message).toMatch(/Выводы не подтверждаются/);
      }
    } finally {
      await db.delete(conclusions).where(eq(conclusions.id, wrong.id));
    }
  });
});

describe('recommendations to a group of organizations', () => {
  it('are added with their addressees, deadline and responsible; a bad list is refused in Russian', async () => {
    const added = await call('metodist', 'POST', `/api/campaigns/${latestId}/recommendations`, {
      organizationId: null,
      audience: { organizationIds: [schoolOne, schoolFive] },
      text: 'Провести совместный методический семинар для учителей математики.',
      deadline: '2026-12-20',
      responsible: 'заместители руководителей по УВР',
    });
    expect(added.statusCode, added.body).toBe(201);
    const list = (
      await call('metodist', 'GET', `/api/campaigns/${latestId}/recommendations`)
    ).json() as (Recommendation & {
      addressee: string;
      responsible: string;
    })[];
    const row = list.find((r) => r.text.startsWith('Провести совместный'))!;
    expect(row).toMatchObject({
      organizationId: null,
      audience: { kinds: null, groups: null, organizationIds: [schoolOne, schoolFive].sort((a, b) => a - b) },
      addressee: 'Руководителям ОО',
      responsible: 'заместители руководителей по УВР',
    });
    const one = (await schoolLetter(schoolOne)).join('\n');
    expect(one).toContain('Провести совместный методический семинар');
    const names = [schoolOne, schoolFive]
      .sort((a, b) => a - b)
      .map((id) => analysis.organizations.find((o) => o.id === id)!.name);
    expect(one).toContain(`Адресаты: ${names.join(', ')} (2 организации).`);
    // Regenerating the recommendations keeps it: the rule library never drafts one to a group.
    expect(
      (await call('metodist', 'POST', `/api/campaigns/${latestId}/recommendations/generate`)).statusCode,
    ).toBe(200);
    const after = (
      await call('metodist', 'GET', `/api/campaigns/${latestId}/recommendations`)
    ).json() as Recommendation[];
    expect(after.some((r) => r.id === row.id)).toBe(true);

    const both = await call('metodist', 'POST', `/api/campaigns/${latestId}/recommendations`, {
      organizationId: schoolOne,
      audience: { groups: ['lowResults'] },
      text: 'Текст рекомендации',
    });
    expect(both.statusCode).toBe(400);
    expect(both.json().error.message).toMatch(/либо одной организации, либо группе/);
    const stray = await call('metodist', 'POST', `/api/campaigns/${latestId}/recommendations`, {
      organizationId: null,
      audience: { organizationIds: [999999] },
      text: 'Текст рекомендации',
    });
    expect(stray.statusCode).toBe(400);
    expect(stray.json().error.message).toMatch(/Адресаты рекомендации: организации № 999999 не участвуют/);
    const badGroup = await call('metodist', 'POST', `/api/campaigns/${latestId}/recommendations`, {
      organizationId: null,
      audience: { groups: ['rural'] },
      text: 'Текст рекомендации',
    });
    expect(badGroup.statusCode).toBe(400);
    expect(badGroup.json().error.message).toMatch(/группа: lowResults \(ШНОР\) или hardSocial \(ШССУ\)/);
  });
});

describe('the summary report', () => {
  it('lists a recommendation to a group of organizations with its addressees, not as the department’s', async () => {
    const response = await call('metodist', 'GET', `/api/campaigns/${latestId}/documents/report`);
    expect(response.statusCode).toBe(200);
    const paragraphs = await paragraphsOf(response.rawPayload);
    const group = (
      (await call('metodist', 'GET', `/api/campaigns/${latestId}/recommendations`)).json() as Recommendation[]
    ).find((r) => r.audience && r.text.startsWith('Обеспечить повышение квалификации'))!;
    const department = paragraphs.indexOf('Отделу образования (методическому кабинету):');
    const groups = paragraphs.indexOf('Группам образовательных организаций:');
    expect(groups).toBeGreaterThan(department);
    const items = paragraphs.slice(department + 1, groups);
    expect(items.length).toBeGreaterThan(0);
    expect(items.some((p) => p.includes(group.text))).toBe(false);
    expect(paragraphs[groups + 1]).toBe(
      `1.\t${group.text} Адресаты: общеобразовательные организации (ШНОР или ШССУ). Срок — до ${formatRuDate(group.deadline)}. Ответственные: руководители ОО, заместители руководителей по учебно-воспитательной работе.`,
    );
  }, 120_000);
});

describe.skipIf(!hasLibreOffice)('the pages of the demo letters (needs libreoffice on PATH)', () => {
  it('never leave the signature alone on the last page', async () => {
    const catalog = (await call('metodist', 'GET', `/api/campaigns/${latestId}/documents`)).json() as {
      addressees: { id: number; name: string }[];
    };
    const files: Record<string, Buffer> = {
      general: (await call('metodist', 'GET', `/api/campaigns/${latestId}/documents/general-letter`))
        .rawPayload,
    };
    for (const a of catalog.addressees)
      files[`letter-${a.id}`] = (await call('metodist', 'GET', letterUrl(a.id))).rawPayload;
    const content = (
      await call('metodist', 'GET', `/api/campaigns/${latestId}/letter-content`)
    ).json() as Content;
    const pages = await pagesOfDocx(files);
    for (const [name, letter] of Object.entries(pages)) {
      const last = letter[letter.length - 1];
      expect(last, name).toContain(content.signer.name);
      let rest = last;
      for (const part of [...content.signer.position.split('\n'), content.signer.name, ...content.executor])
        rest = rest.replace(part, '');
      expect(rest.replace(/\s+/g, ' ').trim(), `${name}: на последней странице только подпись`).not.toBe('');
    }
  }, 300_000);
});

describe('the letters a school has (/api/my-letters)', () => {
  // Last in the file: it removes МБОУ СОШ № 5's own recommendations, leaving it only those to groups.
  it('lists a letter whose only recommendations reach the school through a group, as the download does', async () => {
    await t.database.db.delete(recommendations).where(eq(recommendations.organizationId, schoolFive));
    const own = (
      (await call('metodist', 'GET', `/api/campaigns/${latestId}/recommendations`)).json() as Recommendation[]
    ).filter((r) => r.organizationId === schoolFive);
    expect(own).toEqual([]);
    const mine = (await call('school5', 'GET', '/api/my-letters')).json() as {
      campaignId: number;
      organizationId: number;
      organizationName: string;
      url: string;
    }[];
    expect(mine.find((l) => l.campaignId === latestId)).toEqual(
      expect.objectContaining({ organizationId: schoolFive, organizationName: 'МБОУ СОШ № 5' }),
    );
    // Exactly the letters the school may download: one per campaign, none it would be refused.
    const all = (await call('metodist', 'GET', '/api/campaigns')).json() as { id: number }[];
    const downloadable: number[] = [];
    for (const c of all) {
      const url = `/api/campaigns/${c.id}/documents/letters?organizationId=${schoolFive}`;
      if ((await call('school5', 'GET', url)).statusCode === 200) downloadable.push(c.id);
    }
    expect(mine.map((l) => l.campaignId).sort()).toEqual(downloadable.sort());
    for (const l of mine) expect((await call('school5', 'GET', l.url)).statusCode).toBe(200);
  });
});
