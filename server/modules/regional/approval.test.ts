import { and, eq, isNull, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  PROGRAM_FILE_FORMAT,
  PROGRAM_FILE_VERSION,
  templateToDefinition,
} from '../../../core/programs/program-file.ts';
import { findTemplate } from '../../../core/templates/index.ts';
import type { Database } from '../../db/client.ts';
import * as s from '../../db/schema/index.ts';
import { createMunicipality, createOrganization, createTeacher } from '../../seed/factories.ts';
import { createTestDatabase } from '../../test/harness.ts';
import type { Actor, AuthUser } from '../auth/access.ts';
import {
  closeCampaign,
  createCampaign,
  getCampaignResults,
  requireCampaign,
} from '../campaigns/campaigns.service.ts';
import { createProgramFromTemplate } from '../programs/programs.service.ts';
import {
  acceptRegionalSubmission,
  getCampaignRegionalStatus,
  getRegionalSubmission,
  listRegionalSubmissions,
  reopenCampaign,
  returnRegionalSubmission,
  sendToRegion,
} from './approval.service.ts';
import { adoptRegionalProgram, publishRegionalProgram } from './regional-programs.service.ts';
import { computeRegionalRollUp } from './roll-up.service.ts';

/**
 * The two-level approval: a municipality sends its closed campaign of a regional program to the region, the
 * region returns it with a comment, the municipality reopens, fixes and sends again, the region accepts — and
 * the roll-up reads the accepted copy however the municipal data changes afterwards.
 */
let database: Database;
const ids = { region: 0, a: 0, stranger: 0, regionalProgram: 0, campaign: 0 };
let school: Awaited<ReturnType<typeof createOrganization>>;
const grant = { municipalityId: null, organizationId: null, associationId: null };
const asUser = (roles: AuthUser['roles'], fullName = 'Петрова Муниципальная'): AuthUser => ({
  id: 0,
  login: 'test',
  fullName,
  teacherId: null,
  roles,
});
const actorOf = (user: AuthUser): Actor => ({ user });
const regional = () =>
  asUser(
    [{ role: 'regional_coordinator', ...grant, regionId: ids.region, regionMunicipalityIds: [ids.a] }],
    'Иванова Региональная',
  );
const foreignRegional = () =>
  asUser([
    { role: 'regional_coordinator', ...grant, regionId: ids.region + 1000, regionMunicipalityIds: [] },
  ]);
const department = (municipalityId = ids.a) => asUser([{ role: 'coordinator', ...grant, municipalityId }]);
const YOUNG = { birthDate: '1998-05-01', pedagogicalStartDate: '2023-09-01' };

const rollUpRow = async () => {
  const rollUp = await computeRegionalRollUp({
    db: database.db,
    user: regional(),
    regionalProgramId: ids.regionalProgram,
    year: 2025,
  });
  const [row] = rollUp.municipalities;
  return {
    source: row.source,
    submissionStatus: row.submissionStatus,
    numerator: row.results[0]?.numerator,
    denominator: row.results[0]?.denominator,
  };
};
const status = () =>
  getCampaignRegionalStatus({ db: database.db, user: department(), campaignId: ids.campaign });
const campaignVersion = async () => (await requireCampaign(database.db, ids.campaign)).version;

beforeAll(async () => {
  database = await createTestDatabase();
  const db = database.db;
  const a = await createMunicipality(db, { name: 'Район А' });
  const stranger = await createMunicipality(db, { name: 'Чужой район' });
  Object.assign(ids, { region: a.regionId, a: a.id, stranger: stranger.id });
  school = await createOrganization(db, a.id, { shortName: 'СОШ А' });
  await createTeacher(db, school, { lastName: 'Молодая', ...YOUNG });
  await createTeacher(db, school, { lastName: 'Опытная' });

  const definition = templateToDefinition(findTemplate('seed-004-myasnikovsky')!);
  const [criterion] = definition.criteria;
  definition.criteria = [
    {
      ...criterion,
      indicators: [
        {
          ...criterion.indicators[0],
          code: 'Р.1',
          name: 'Доля молодых педагогов',
          unit: 'percent',
          numerator: 'teachers(young)',
          denominator: 'teachers()',
          factor: 100,
          applicability: null,
        },
      ],
    },
  ];
  definition.formFields = [];
  definition.recommendationRules = [];
  const published = await publishRegionalProgram({
    db,
    actor: actorOf(regional()),
    regionId: ids.region,
    content: JSON.stringify({
      format: PROGRAM_FILE_FORMAT,
      formatVersion: PROGRAM_FILE_VERSION,
      exportedAt: '2026-12-01',
      exportedBy: 'Министерство образования',
      program: definition,
    }),
  });
  ids.regionalProgram = published.id;
  const { programId } = await adoptRegionalProgram({
    db,
    actor: actorOf(department()),
    regionalProgramId: published.id,
    municipalityId: ids.a,
  });
  ids.campaign = await createCampaign({
    db,
    actor: actorOf(department()),
    input: { programId, year: 2025, reminderDaysBefore: 3 },
  });
});
afterAll(() => database.close());

describe('sending to the region', () => {
  it('is refused while the campaign runs, to anyone but the municipality, and for a municipal program', async () => {
    const db = database.db;
    await expect(
      sendToRegion({ db, actor: actorOf(department()), campaignId: ids.campaign, version: 0 }),
    ).rejects.toMatchObject({
      code: 'conflict',
      message:
        'Мониторинг ещё не закрыт: в регион отправляются замороженные результаты закрытого мониторинга.',
    });
    expect(await rollUpRow()).toMatchObject({ source: 'running', submissionStatus: null, numerator: 1 });
    await closeCampaign({ db, actor: actorOf(department()), id: ids.campaign });
    for (const who of [regional(), department(ids.stranger)])
      await expect(
        sendToRegion({ db, actor: actorOf(who), campaignId: ids.campaign, version: 0 }),
      ).rejects.toMatchObject({ code: 'forbidden' });

    const own = await createProgramFromTemplate({
      db,
      actor: actorOf(department()),
      municipalityId: ids.a,
      templateCode: 'seed-004-myasnikovsky',
    });
    const municipal = await createCampaign({
      db,
      actor: actorOf(department()),
      input: { programId: own, year: 2025, reminderDaysBefore: 3 },
    });
    await closeCampaign({ db, actor: actorOf(department()), id: municipal });
    await expect(
      sendToRegion({ db, actor: actorOf(department()), campaignId: municipal, version: 0 }),
    ).rejects.toThrow('в регион отправляются результаты только по принятой региональной программе');
    // A municipal program's closed campaign stays history.
    await expect(
      reopenCampaign({
        db,
        actor: actorOf(department()),
        campaignId: municipal,
        version: (await requireCampaign(db, municipal)).version,
      }),
    ).rejects.toThrow('Закрытый мониторинг по муниципальной программе не открывается заново');
  });

  it('sends with the version seen (0 before the first send), once', async () => {
    const db = database.db;
    expect(await status()).toMatchObject({ submission: null, version: 0, canSend: true, canReopen: true });
    await expect(
      sendToRegion({ db, actor: actorOf(department()), campaignId: ids.campaign, version: 1 }),
    ).rejects.toMatchObject({ code: 'version_conflict' });
    const sent = await sendToRegion({
      db,
      actor: actorOf(department()),
      campaignId: ids.campaign,
      version: 0,
    });
    expect(sent).toMatchObject({ status: 'sent', statusLabel: 'отправлено в регион', version: 1 });
    await expect(
      sendToRegion({ db, actor: actorOf(department()), campaignId: ids.campaign, version: 1 }),
    ).rejects.toThrow('Результаты уже отправлены в регион и ждут решения.');
    expect(await status()).toMatchObject({ canSend: false, canReopen: false });
    expect(await rollUpRow()).toMatchObject({ source: 'sent', submissionStatus: 'sent', numerator: 1 });
  });

  it('while sent the municipality cannot reopen the campaign', async () => {
    await expect(
      reopenCampaign({
        db: database.db,
        actor: actorOf(department()),
        campaignId: ids.campaign,
        version: await campaignVersion(),
      }),
    ).rejects.toMatchObject({
      code: 'conflict',
      message:
        'Результаты отправлены в регион и ждут решения: открыть мониторинг заново нельзя, пока регион не вернёт их на доработку.',
    });
  });
});

describe('the region decides', () => {
  it('only the regional coordinator of the region accepts or returns, with the current version', async () => {
    const db = database.db;
    const { submission } = await status();
    for (const who of [department(), foreignRegional()]) {
      await expect(
        acceptRegionalSubmission({ db, actor: actorOf(who), id: submission!.id, version: 1 }),
      ).rejects.toMatchObject({
        code: 'forbidden',
        message: 'Принимает и возвращает результаты региональный координатор этого региона.',
      });
      await expect(
        returnRegionalSubmission({ db, actor: actorOf(who), id: submission!.id, version: 1, comment: 'x' }),
      ).rejects.toMatchObject({ code: 'forbidden' });
      await expect(getRegionalSubmission({ db, user: who, id: submission!.id })).rejects.toMatchObject({
        code: 'forbidden',
      });
    }
    await expect(listRegionalSubmissions({ db, user: department() })).rejects.toMatchObject({
      code: 'forbidden',
    });
    expect(await listRegionalSubmissions({ db, user: foreignRegional() })).toEqual([]);
    await expect(
      acceptRegionalSubmission({ db, actor: actorOf(regional()), id: submission!.id, version: 7 }),
    ).rejects.toMatchObject({ code: 'version_conflict' });
  });

  it('returns with a comment; the municipality reopens, fixes, closes and sends again', async () => {
    const db = database.db;
    const { submission } = await status();
    const listed = await listRegionalSubmissions({ db, user: regional(), status: 'sent' });
    expect(listed.map((r) => [r.municipalityName, r.campaignId, r.status])).toEqual([
      ['Район А', ids.campaign, 'sent'],
    ]);
    const detail = await getRegionalSubmission({ db, user: regional(), id: submission!.id });
    expect(detail.results).toEqual([
      expect.objectContaining({ indicator: 'Р.1', numerator: 1, denominator: 2, value: 50 }),
    ]);
    const returned = await returnRegionalSubmission({
      db,
      actor: actorOf(regional()),
      id: submission!.id,
      version: submission!.version,
      comment: 'Не учтены педагоги-совместители',
    });
    expect(returned).toMatchObject({ status: 'returned', returnComment: 'Не учтены педагоги-совместители' });
    await expect(
      acceptRegionalSubmission({ db, actor: actorOf(regional()), id: submission!.id, version: 2 }),
    ).rejects.toThrow('Результаты возвращены муниципалитету: решение примут после повторной отправки.');
    expect(await rollUpRow()).toMatchObject({ source: 'closed', submissionStatus: 'returned' });
    expect(await status()).toMatchObject({ canSend: true, canReopen: true });

    const version = await campaignVersion();
    await expect(
      reopenCampaign({ db, actor: actorOf(department()), campaignId: ids.campaign, version: version - 1 }),
    ).rejects.toMatchObject({ code: 'version_conflict' });
    await expect(
      reopenCampaign({ db, actor: actorOf(regional()), campaignId: ids.campaign, version }),
    ).rejects.toMatchObject({ code: 'forbidden' });
    await reopenCampaign({ db, actor: actorOf(department()), campaignId: ids.campaign, version });
    const reopened = await requireCampaign(db, ids.campaign);
    expect(reopened).toMatchObject({ status: 'active', closedAt: null });
    const frozen = await db
      .select()
      .from(s.campaignResults)
      .where(eq(s.campaignResults.campaignId, ids.campaign));
    expect(frozen).toEqual([]);
    expect(await rollUpRow()).toMatchObject({ source: 'running', submissionStatus: 'returned' });
    await expect(
      sendToRegion({ db, actor: actorOf(department()), campaignId: ids.campaign, version: 2 }),
    ).rejects.toThrow('Мониторинг ещё не закрыт');

    // The fix: a second young teacher entered, then closed and sent again.
    await createTeacher(db, school, { lastName: 'Новенькая', ...YOUNG });
    await closeCampaign({ db, actor: actorOf(department()), id: ids.campaign });
    await expect(
      sendToRegion({ db, actor: actorOf(department()), campaignId: ids.campaign, version: 1 }),
    ).rejects.toMatchObject({ code: 'version_conflict' });
    const again = await sendToRegion({
      db,
      actor: actorOf(department()),
      campaignId: ids.campaign,
      version: (await status()).version,
    });
    expect(again.status).toBe('sent');
    expect(await rollUpRow()).toMatchObject({ source: 'sent', numerator: 2, denominator: 3 });
  });

  it('accepts: the roll-up reads the accepted copy whatever changes afterwards, and reopening is refused', async () => {
    const db = database.db;
    const { submission } = await status();
    const accepted = await acceptRegionalSubmission({
      db,
      actor: actorOf(regional()),
      id: submission!.id,
      version: submission!.version,
    });
    expect(accepted).toMatchObject({ status: 'accepted', statusLabel: 'принято регионом' });
    expect(await rollUpRow()).toEqual({
      source: 'accepted',
      submissionStatus: 'accepted',
      numerator: 2,
      denominator: 3,
    });
    await expect(
      returnRegionalSubmission({
        db,
        actor: actorOf(regional()),
        id: submission!.id,
        version: accepted.version,
        comment: 'поздно',
      }),
    ).rejects.toThrow('Результаты уже приняты регионом.');

    // Municipal data change after acceptance: a new teacher in the registry, and the campaign's own frozen
    // values rewritten. The municipality's campaign shows the change; the region keeps what it accepted.
    await createTeacher(db, school, { lastName: 'Поздняя' });
    await db
      .update(s.campaignResults)
      .set({ numerator: 9, denominator: 9, value: 100 })
      .where(and(eq(s.campaignResults.campaignId, ids.campaign), isNull(s.campaignResults.organizationId)));
    // A change of frozen values raises the campaign's version (the kept values are read anew under it).
    await db
      .update(s.campaigns)
      .set({ version: sql`${s.campaigns.version} + 1` })
      .where(eq(s.campaigns.id, ids.campaign));
    const municipal = await getCampaignResults({ db, user: department(), id: ids.campaign });
    expect(municipal.results.find((r) => r.organization === null)).toMatchObject({ numerator: 9 });
    expect(await rollUpRow()).toEqual({
      source: 'accepted',
      submissionStatus: 'accepted',
      numerator: 2,
      denominator: 3,
    });
    const detail = await getRegionalSubmission({ db, user: regional(), id: submission!.id });
    expect(detail).toMatchObject({
      source: 'accepted',
      results: [expect.objectContaining({ numerator: 2 })],
    });

    await expect(
      reopenCampaign({
        db,
        actor: actorOf(department()),
        campaignId: ids.campaign,
        version: await campaignVersion(),
      }),
    ).rejects.toMatchObject({
      code: 'conflict',
      message: 'Результаты приняты регионом и заморожены: открыть мониторинг заново нельзя.',
    });
    await expect(
      sendToRegion({ db, actor: actorOf(department()), campaignId: ids.campaign, version: accepted.version }),
    ).rejects.toThrow('Результаты уже приняты регионом.');
  });

  it('keeps the whole history: who, when, what, with the comment', async () => {
    const { history } = await status();
    expect(history.map((h) => [h.action, h.statusAfter, h.userName, h.comment])).toEqual([
      ['send', 'sent', 'Петрова Муниципальная', null],
      ['return', 'returned', 'Иванова Региональная', 'Не учтены педагоги-совместители'],
      ['reopen', 'returned', 'Петрова Муниципальная', null],
      ['send', 'sent', 'Петрова Муниципальная', null],
      ['accept', 'accepted', 'Иванова Региональная', null],
    ]);
    expect(history.every((h) => !Number.isNaN(Date.parse(h.at)))).toBe(true);
  });
});
