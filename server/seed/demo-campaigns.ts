import { addDays, type IsoDate } from '../../core/dates.ts';
import type { Random } from '../../core/random.ts';
import { datesFromTemplate } from '../../core/campaigns/stages.ts';
import { findTemplate } from '../../core/templates/index.ts';
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { campaigns } from '../db/schema/index.ts';
import { systemAdmin, type Actor, type AuthUser } from '../modules/auth/access.ts';
import { closeCampaign, createCampaign } from '../modules/campaigns/campaigns.service.ts';
import {
  reopenForOrganization,
  reviewForm,
  saveDraft,
  submitForm,
} from '../modules/campaigns/submissions.service.ts';

/**
 * The services stamp «now» on creating, reviews and closing; in a past campaign it was opened on the first
 * day of its initial stage, each form was accepted a few days after it was sent, late ones were reopened
 * the day after the main stage, and the campaign closed at the end of its final stage — so the demo's
 * history reads as it would have happened (the letters print these dates).
 */
async function backdateReview(
  db: Db,
  campaignId: number,
  dates: { initialStart: IsoDate; mainEnd: IsoDate; finalEnd: IsoDate },
) {
  const { mainEnd, finalEnd } = dates;
  await db.execute(sql`update submission_events e set at = case e.action
      when 'accept' then s.submitted_at + interval '2 days'
      else ${mainEnd}::date + interval '1 day 9 hours' end
    from submissions s
    where e.submission_id = s.id and s.campaign_id = ${campaignId} and e.action in ('accept', 'reopen')`);
  await db.execute(sql`update submissions set reviewed_at = submitted_at + interval '2 days',
      updated_at = submitted_at + interval '2 days'
    where campaign_id = ${campaignId}`);
  await db
    .update(campaigns)
    .set({
      createdAt: new Date(`${dates.initialStart}T09:00:00Z`),
      closedAt: new Date(`${finalEnd}T14:00:00Z`),
    })
    .where(eq(campaigns.id, campaignId));
}

const seedActor: Actor = { user: systemAdmin('seed'), requestId: 'seed' };
const managerOf = (organizationId: number, municipalityId: number): Actor => ({
  user: {
    id: 0,
    login: 'seed',
    fullName: 'Ответственный ОО',
    teacherId: null,
    roles: [{ role: 'org_manager', organizationId, municipalityId, associationId: null }],
  } satisfies AuthUser,
  requestId: 'seed',
});

/**
 * The demo's monitoring history: two closed campaigns of the Мясниковский program (results frozen, so the
 * analysis has dynamics to show) and a campaign of the Кардымовский program in its main stage, with
 * organizations at every step — sent, accepted, returned, a draft, not started.
 */
export async function seedDemoCampaigns(options: {
  db: Db;
  rng: Random;
  today: IsoDate;
  municipalityId: number;
  organizationIds: number[];
  schoolIds: number[];
  programs: { myasnikovsky: number; kardymovsky: number };
}) {
  const { db, rng, today, municipalityId } = options;
  const year = Number(today.slice(0, 4));
  const template = findTemplate('seed-004-myasnikovsky')!;
  const pastYears = [year - 3, year - 2, year - 1]
    .filter((y) => datesFromTemplate(template.campaign.stages, y + 1).finalEnd < today)
    .slice(-2);
  const closed: { id: number; year: number }[] = [];
  for (const y of pastYears) {
    const campaignId = await createCampaign({
      db,
      actor: seedActor,
      input: { programId: options.programs.myasnikovsky, year: y, reminderDaysBefore: 3 },
    });
    const dates = datesFromTemplate(template.campaign.stages, y + 1);
    for (const organizationId of options.organizationIds) {
      const isLate = rng.chance(0.12);
      const sentOn = isLate ? addDays(dates.mainEnd, rng.int(2, 9)) : addDays(dates.mainEnd, -rng.int(0, 20));
      const manager = managerOf(organizationId, municipalityId);
      if (isLate)
        await reopenForOrganization({
          db,
          actor: seedActor,
          campaignId,
          organizationId,
          until: addDays(dates.mainEnd, 10),
        });
      const draft = await saveDraft({
        db,
        actor: manager,
        campaignId,
        organizationId,
        values: {},
        isRegistryConfirmed: true,
        version: null,
        today: sentOn,
      });
      await submitForm({
        db,
        actor: manager,
        campaignId,
        organizationId,
        version: draft.version,
        today: sentOn,
      });
      await reviewForm({
        db,
        actor: seedActor,
        campaignId,
        organizationId,
        decision: 'accept',
        version: draft.version + 1,
      });
    }
    await closeCampaign({ db, actor: seedActor, id: campaignId });
    await backdateReview(db, campaignId, dates);
    closed.push({ id: campaignId, year: y });
  }

  // The current campaign: «today» falls in its main stage.
  const academicYear = Number(today.slice(5, 7)) >= 9 ? year : year - 1;
  const currentId = await createCampaign({
    db,
    actor: seedActor,
    input: {
      programId: options.programs.kardymovsky,
      year: academicYear,
      reminderDaysBefore: 3,
      organizationIds: options.schoolIds,
      dates: {
        initialStart: addDays(today, -24),
        initialEnd: addDays(today, -14),
        mainStart: addDays(today, -14),
        mainEnd: addDays(today, 10),
        finalStart: addDays(today, 10),
        finalEnd: addDays(today, 28),
      },
    },
  });
  await db
    .update(campaigns)
    .set({ createdAt: new Date(`${addDays(today, -24)}T09:00:00Z`) })
    .where(eq(campaigns.id, currentId));
  for (const [index, organizationId] of options.schoolIds.entries()) {
    if (index === 0 || index >= 10) continue; // МБОУ СОШ № 1 and the small schools have not started
    const manager = managerOf(organizationId, municipalityId);
    const total = rng.int(8, 40);
    const values = {
      deficit_plan: rng.chance(0.7),
      open_lessons_total: total,
      open_lessons_by_young: rng.int(0, Math.min(6, total)),
    };
    // The need for staff is computed now (staffingNeed), no longer typed; the number once drawn for it still
    // is, so the rest of the demo keeps its values.
    rng.int(0, 3);
    const draft = await saveDraft({
      db,
      actor: manager,
      campaignId: currentId,
      organizationId,
      values: index >= 8 ? { open_lessons_total: total } : values,
      isRegistryConfirmed: index < 8,
      version: null,
      today: addDays(today, -rng.int(3, 12)),
    });
    if (index >= 8) continue; // drafts
    const sentOn = addDays(today, -rng.int(1, 6));
    await submitForm({
      db,
      actor: manager,
      campaignId: currentId,
      organizationId,
      version: draft.version,
      today: sentOn,
    });
    if (index <= 3)
      await reviewForm({
        db,
        actor: seedActor,
        campaignId: currentId,
        organizationId,
        decision: 'accept',
        version: draft.version + 1,
      });
    if (index === 4) {
      await reviewForm({
        db,
        actor: seedActor,
        campaignId: currentId,
        organizationId,
        decision: 'return',
        comment:
          'Число открытых уроков молодых педагогов не совпадает с планом методической работы — уточните.',
        version: draft.version + 1,
      });
    }
  }
  return { currentCampaignId: currentId, closed };
}
