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
 * region, adopted by one municipality, its campaign of last year closed and sent to the region for acceptance.
 */
export async function seedDemoRegionalApproval(options: {
  db: Db;
  regionId: number;
  municipalityId: number;
  year: number;
}) {
  const { db, regionId, municipalityId, year } = options;
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
  const { programId } = await adoptRegionalProgram({
    db,
    actor,
    regionalProgramId: published.id,
    municipalityId,
  });
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
  await sendToRegion({ db, actor, campaignId, version: 0 });
  return { regionalProgramId: published.id, campaignId };
}
