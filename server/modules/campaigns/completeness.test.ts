import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completenessOf, isOverdue } from '../../../core/campaigns/completeness.ts';
import * as s from '../../db/schema/index.ts';
import { createMunicipality, createOrganization, createTeacher, createUser } from '../../seed/factories.ts';
import { campaignFromTemplate, createTestApp, type TestApp } from '../../test/harness.ts';
import { campaignReportXml, docxParagraphs } from '../../test/report-docx.ts';

/**
 * One campaign seen in the four places that state its completeness — the header of the campaign page, its
 * table of organizations, the home page's list and the summary report — must say the same. Кардымовский
 * template, 2025: the main stage ends 22.10.2025, the final one 05.11.2025; the campaign is closed early,
 * on 28.10.2025. Six schools: А sent on time and accepted, Б sent on time and returned for revision, В sent
 * late (24.10) and awaits review, Г sent on time and awaits review, Д has a draft, Е never started.
 */
let t: TestApp;
let campaignId = 0;
const PASSWORD = 'completeness-pass-1';
let cookie = '';

beforeAll(async () => {
  t = await createTestApp({ fixedToday: '2025-10-01' });
  const db = t.database.db;
  const m = await createMunicipality(db);
  const schools = [];
  for (const name of ['А', 'Б', 'В', 'Г', 'Д', 'Е']) {
    const o = await createOrganization(db, m.id, { shortName: `Школа ${name}` });
    await createTeacher(db, o);
    schools.push(o.id);
  }
  await createUser(db, {
    login: 'coord',
    password: PASSWORD,
    grants: [{ role: 'coordinator', municipalityId: m.id }],
  });
  cookie = await t.login('coord', PASSWORD);
  campaignId = (await campaignFromTemplate(t, cookie, { municipalityId: m.id })).campaignId;
  const at = (day: string) => new Date(`${day}T09:00:00Z`);
  const sent = (organizationId: number, status: 'submitted' | 'returned' | 'accepted', first: string) => ({
    campaignId,
    organizationId,
    status,
    firstSubmittedAt: at(first),
    submittedAt: at(first),
  });
  await db.insert(s.submissions).values([
    sent(schools[0], 'accepted', '2025-10-15'),
    sent(schools[1], 'returned', '2025-10-22'), // on the deadline day itself
    sent(schools[2], 'submitted', '2025-10-24'),
    sent(schools[3], 'submitted', '2025-10-01'),
    { campaignId, organizationId: schools[4], status: 'draft' as const },
  ]);
  t.app.config.fixedToday = '2025-10-28';
  const closed = await t.request({ method: 'POST', url: `/api/campaigns/${campaignId}/close`, cookie });
  expect(closed.statusCode, closed.body).toBe(200);
}, 120_000);
afterAll(() => t?.close());

const get = async (url: string) => {
  const r = await t.request({ method: 'GET', url, cookie });
  expect(r.statusCode, r.body).toBe(200);
  return r.json();
};

async function reportText(): Promise<string> {
  return docxParagraphs(await campaignReportXml(t, cookie, campaignId)).join('\n');
}

describe('completeness and timeliness have one definition', () => {
  const expected = {
    participants: 6,
    sent: 4, // А, Б (returned, still sent on time), В, Г
    onTime: 3, // А, Б, Г
    late: 1, // В
    notSent: 2, // Д, Е
    accepted: 1,
    underReview: 2,
    returned: 1,
    sentShare: 66.7,
    onTimeShare: 50,
    deadline: '2025-10-22',
  };

  it('the campaign page header', async () => {
    const view = await get(`/api/campaigns/${campaignId}`);
    expect(view.stats).toMatchObject(expected);
    expect(view.stats.onTime + view.stats.late + view.stats.notSent).toBe(view.stats.participants);
  });

  it('the table of organizations: one mark per row, the same totals', async () => {
    const view = await get(`/api/campaigns/${campaignId}`);
    const rows: { organizationName: string; timeliness: string; isOverdue: boolean }[] = view.organizations;
    expect(rows.map((r) => [r.organizationName, r.timeliness, r.isOverdue])).toEqual([
      ['Школа А', 'on_time', false],
      ['Школа Б', 'on_time', false],
      ['Школа В', 'late', false],
      ['Школа Г', 'on_time', false],
      ['Школа Д', 'not_sent', true],
      ['Школа Е', 'not_sent', true],
    ]);
    const count = (x: string) => rows.filter((r) => r.timeliness === x).length;
    expect([count('on_time'), count('late'), count('not_sent')]).toEqual([
      expected.onTime,
      expected.late,
      expected.notSent,
    ]);
  });

  it('the home page list', async () => {
    const list = await get('/api/campaigns');
    expect(list.find((c: { id: number }) => c.id === campaignId).completeness).toMatchObject(expected);
  });

  it('the summary report', async () => {
    expect(await reportText()).toContain(
      'Полнота сбора (срок — 22.10.2025). Формы отправили 4 из 6 (66,7\u00a0%): в срок — 3, с опозданием — 1; ' +
        'не отправили — 2. Из отправленных принято 1, на проверке 2, возвращено на доработку 1.',
    );
  });
});

describe('the rules themselves', () => {
  it('a campaign closed before its deadline leaves the unsent forms overdue; before the deadline they are not', () => {
    const form = { state: 'draft' as const, firstSentOn: null };
    expect(isOverdue(form, '2025-10-22', '2025-10-10', true)).toBe(true);
    expect(isOverdue(form, '2025-10-22', '2025-10-10', false)).toBe(false);
    expect(isOverdue(form, '2025-10-22', '2025-10-23', false)).toBe(true);
    expect(
      completenessOf(
        [
          { state: 'accepted', firstSentOn: '2025-10-22' },
          { state: 'returned', firstSentOn: '2025-10-23' },
          form,
        ],
        '2025-10-22',
      ),
    ).toMatchObject({ sent: 2, onTime: 1, late: 1, notSent: 1, accepted: 1, returned: 1, onTimeShare: 33.3 });
    expect(completenessOf([], '2025-10-22')).toMatchObject({ participants: 0, sentShare: 0, onTimeShare: 0 });
  });
});
