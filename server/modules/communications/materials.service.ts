import { eq } from 'drizzle-orm';
import { fieldDueDates, type DueRule } from '../../../core/campaigns/due-dates.ts';
import type { Db } from '../../db/client.ts';
import { campaignFiles } from '../../db/schema/index.ts';
import { forbidden, notFound } from '../../errors.ts';
import {
  attachStoredFile,
  REPORT_FILE_EXTENSIONS,
  REPORT_FILE_TYPES,
  removeStoredFile,
} from '../management/stored-files.ts';
import { requireUser, type Actor, type AuthUser } from '../auth/access.ts';
import { assertDepartment, isDepartmentOf } from '../campaigns/campaigns.policy.ts';
import { findParticipants } from '../campaigns/campaigns.repository.ts';
import { requireCampaign } from '../campaigns/campaigns.service.ts';
import { findProgramTree } from '../programs/programs.repository.ts';
import {
  findCampaignFile,
  findCampaignFiles,
  findDueDateRows,
  findLastAnnouncementTo,
} from './communications.repository.ts';
import { assertCampaignMaterialsReader, ownOrganizationIds } from './communications.policy.ts';

/**
 * What a school reads beside its form: the coordinator's instructions (plain text in paragraphs), the
 * files attached to the campaign (pdf, docx, xlsx, odt, ods, jpg, png under the upload limit, stored in
 * `files` like the management documents), the announcement letter sent to it, and each field's due date.
 */
export const CAMPAIGN_FILE_TYPES = `${REPORT_FILE_TYPES}, ODS`;
export const MAX_CAMPAIGN_FILES = 20;

/** The instructions as paragraphs: blank lines part them, single line breaks stay inside one. */
export const paragraphsOf = (text: string | null) =>
  (text ?? '')
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);

export async function dueRulesOf(db: Db, campaignId: number): Promise<Map<string, DueRule>> {
  const rows = await findDueDateRows(db, campaignId);
  return new Map(
    rows.map((r) => [
      r.indicatorCode,
      r.dueDate ? { kind: 'date', date: r.dueDate } : { kind: 'monthly', day: r.monthlyDay! },
    ]),
  );
}

export async function getCampaignMaterials(options: {
  db: Db;
  user: AuthUser;
  campaignId: number;
  today: string;
}) {
  const { db, user } = options;
  const campaign = await requireCampaign(db, options.campaignId);
  const participants = await findParticipants(db, campaign.id);
  const own = assertCampaignMaterialsReader(
    user,
    campaign,
    new Set(participants.map((p) => p.organizationId)),
  );
  const tree = await findProgramTree(db, campaign.programId);
  if (!tree) throw notFound('Программа мониторинга');
  const due = fieldDueDates(tree.indicators, await dueRulesOf(db, campaign.id), options.today);
  const letter = own ? await findLastAnnouncementTo(db, campaign.id, own) : undefined;
  return {
    campaignId: campaign.id,
    instructions: campaign.instructions ?? '',
    paragraphs: paragraphsOf(campaign.instructions),
    files: await findCampaignFiles(db, campaign.id),
    /** The letter last sent to the user's organization (a school's users only). */
    announcement: letter
      ? { sentAt: letter.sentAt.toISOString(), organizationId: letter.organizationId }
      : null,
    fieldDueDates: tree.formFields
      .filter((f) => due.has(f.code))
      .map((f) => ({ ...due.get(f.code)!, fieldLabel: f.label })),
  };
}

/** The coordinator attaches a file to the campaign: its participants download it beside their form. */
export async function attachCampaignFile(options: {
  db: Db;
  actor: Actor;
  campaignId: number;
  name: string;
  content: Buffer;
  limit: number;
}) {
  const { db, actor } = options;
  const user = requireUser(actor.user);
  const campaign = await requireCampaign(db, options.campaignId);
  assertDepartment(user, campaign.municipalityId);
  return attachStoredFile({
    db,
    actor,
    upload: { name: options.name, content: options.content, limit: options.limit },
    label: 'Файл мониторинга',
    types: { extensions: CAMPAIGN_FILE_EXTENSIONS, label: CAMPAIGN_FILE_TYPES },
    count: {
      existing: (await findCampaignFiles(db, campaign.id)).length,
      max: MAX_CAMPAIGN_FILES,
      tooMany: `К мониторингу можно прикрепить не больше ${MAX_CAMPAIGN_FILES} файлов: удалите ненужные.`,
    },
    owner: { municipalityId: campaign.municipalityId },
    link: (tx, fileId) => tx.insert(campaignFiles).values({ campaignId: campaign.id, fileId }),
    audit: {
      entity: 'campaign_file',
      summary: (name) => `К мониторингу «${campaign.title}» прикреплён файл «${name}»`,
    },
  });
}

const CAMPAIGN_FILE_EXTENSIONS = [...REPORT_FILE_EXTENSIONS, 'ods'];

export async function downloadCampaignFile(options: {
  db: Db;
  user: AuthUser;
  campaignId: number;
  fileId: number;
}) {
  const campaign = await requireCampaign(options.db, options.campaignId);
  const participants = await findParticipants(options.db, campaign.id);
  assertCampaignMaterialsReader(options.user, campaign, new Set(participants.map((p) => p.organizationId)));
  const file = await findCampaignFile(options.db, campaign.id, options.fileId);
  if (!file) throw notFound('Файл мониторинга');
  return file;
}

export async function removeCampaignFile(options: {
  db: Db;
  actor: Actor;
  campaignId: number;
  fileId: number;
}) {
  const { db, actor } = options;
  const user = requireUser(actor.user);
  const campaign = await requireCampaign(db, options.campaignId);
  assertDepartment(user, campaign.municipalityId);
  const file = await findCampaignFile(db, campaign.id, options.fileId);
  if (!file) throw notFound('Файл мониторинга');
  await removeStoredFile({
    db,
    actor,
    file,
    owner: { municipalityId: campaign.municipalityId },
    audit: {
      entity: 'campaign_file',
      summary: (name) => `Из мониторинга «${campaign.title}» удалён файл «${name}»`,
    },
  });
}

/** A campaign's file reached through /api/files/:id: only its participants' users and the department. */
export async function assertMayDownloadCampaignFile(db: Db, user: AuthUser, fileId: number) {
  const links = await db
    .select({ campaignId: campaignFiles.campaignId })
    .from(campaignFiles)
    .where(eq(campaignFiles.fileId, fileId));
  for (const link of links) {
    const campaign = await requireCampaign(db, link.campaignId);
    if (isDepartmentOf(user, campaign.municipalityId)) continue;
    const participants = new Set((await findParticipants(db, campaign.id)).map((p) => p.organizationId));
    if (!ownOrganizationIds(user).some((id) => participants.has(id)))
      throw forbidden('Нет доступа к этому файлу.');
  }
}
