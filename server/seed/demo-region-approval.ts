import {
  PROGRAM_FILE_FORMAT,
  PROGRAM_FILE_VERSION,
  templateToDefinition,
} from '../../core/programs/program-file.ts';
import { campaignDatesForYear } from '../../core/campaigns/stages.ts';
import { findTemplate } from '../../core/templates/index.ts';
import type { Db } from '../db/client.ts';
import { systemAdmin, type Actor } from '../modules/auth/access.ts';
import { closeCampaign, createCampaign } from '../modules/campaigns/campaigns.service.ts';
import { sendToRegion } from '../modules/regional/approval.service.ts';
import {
  adoptRegionalProgram,
  publishRegionalProgram,
} from '../modules/regional/regional-programs.service.ts';

const TEMPLATE = 'seed-004-myasnikovsky';

/**
 * What the regional coordinator finds on first login to the demo region: seed 004's program published by the
 * region and adopted by the municipalities given; those of `sentBy` and `closedBy` closed their campaigns of the
 * year (the region compares them), the one of `sentBy` sent it to the region for acceptance; `adoptedBy` only
 * adopted the program (the region sees them «приняли программу, но не провели мониторинг»).
 */
export async function seedDemoRegionalApproval(options: {
  db: Db;
  regionId: number;
  sentBy: number;
  closedBy?: number[];
  adoptedBy?: number[];
  year: number;
}) {
  const { db, regionId, year } = options;
  const actor: Actor = { user: systemAdmin('seed'), requestId: 'seed' };
  const template = findTemplate(TEMPLATE)!;
  const published = await publishRegionalProgram({
    db,
    actor,
    regionId,
    content: JSON.stringify({
      format: PROGRAM_FILE_FORMAT,
      formatVersion: PROGRAM_FILE_VERSION,
      exportedAt: `${year + 1}-01-15`,
      exportedBy: 'Министерство общего и профессионального образования',
      program: templateToDefinition(template),
    }),
  });
  const adopt = (municipalityId: number) =>
    adoptRegionalProgram({ db, actor, regionalProgramId: published.id, municipalityId });
  const closedCampaigns: number[] = [];
  for (const municipalityId of [options.sentBy, ...(options.closedBy ?? [])]) {
    const { programId } = await adopt(municipalityId);
    const campaignId = await createCampaign({
      db,
      actor,
      input: {
        programId,
        year,
        reminderDaysBefore: 3,
        dates: campaignDatesForYear(template.campaign, year),
      },
    });
    await closeCampaign({ db, actor, id: campaignId });
    closedCampaigns.push(campaignId);
  }
  for (const municipalityId of options.adoptedBy ?? []) await adopt(municipalityId);
  const [campaignId] = closedCampaigns;
  await sendToRegion({ db, actor, campaignId, version: 0 });
  return { regionalProgramId: published.id, campaignId, closedCampaigns };
}
