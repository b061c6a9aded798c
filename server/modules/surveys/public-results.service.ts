import { eq } from 'drizzle-orm';
import { publicResults, surveyResults, type ResponseForResults } from '../../../core/surveys/results.ts';
import type { Db } from '../../db/client.ts';
import { surveys } from '../../db/schema/index.ts';
import { AppError, forbidden, notFound, versionConflict } from '../../errors.ts';
import type { Actor, AuthUser } from '../auth/access.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { isDepartmentOf } from '../campaigns/campaigns.policy.ts';
import { findMunicipalityById } from '../municipalities/municipalities.repository.ts';
import * as repo from './surveys.repository.ts';

/**
 * The public page of a survey's results: a closed survey the department marked public shows its
 * aggregates to anyone — the cells below the threshold hidden as everywhere (surveyResults), free text only
 * of the questions marked publishable (publicResults), no names, no raw answers, no organization filter.
 */

/** Marks a closed survey public, or takes it off the public page. */
export async function setSurveyPublication(
  db: Db,
  actor: Actor,
  user: AuthUser,
  id: number,
  input: { isPublic: boolean; version: number },
) {
  const survey = await repo.findSurvey(db, id);
  if (!survey) throw notFound('Анкета');
  if (!isDepartmentOf(user, survey.municipalityId))
    throw forbidden('Публикует итоги анкетирования отдел образования муниципалитета.');
  if (survey.version !== input.version) throw versionConflict();
  if (input.isPublic && survey.status !== 'closed')
    throw new AppError('conflict', 'Опубликовать можно итоги только завершённого анкетирования.');
  const [updated] = await db
    .update(surveys)
    .set({ isPublic: input.isPublic, version: survey.version + 1 })
    .where(eq(surveys.id, id))
    .returning();
  await recordAudit(db, actor, {
    action: 'update',
    entity: 'survey',
    entityId: id,
    municipalityId: survey.municipalityId,
    summary: `Итоги анкеты «${survey.title}» ${input.isPublic ? 'опубликованы' : 'сняты с публикации'}`,
  });
  return { isPublic: updated.isPublic, version: updated.version };
}

/** The public results; a survey not published (or not closed) is «not found», as if it did not exist. */
export async function getPublicSurveyResults(db: Db, id: number) {
  const survey = await repo.findSurvey(db, id);
  if (!survey || !survey.isPublic || survey.status !== 'closed')
    throw notFound('Опубликованные итоги анкеты');
  const version = await repo.findCurrentVersion(db, id);
  const responses: ResponseForResults[] = (await repo.findResponsesForResults(db, id)).map((r) => ({
    organizationId: r.organization_id,
    organizationName: r.short_name,
    orgKind: r.kind,
    ageGroup: r.age_group,
    isYoung: r.is_young,
    answers: r.answers,
  }));
  const municipality = await findMunicipalityById(db, survey.municipalityId);
  return {
    survey: {
      id: survey.id,
      title: survey.title,
      kind: survey.kind,
      opensOn: survey.opensOn,
      closesOn: survey.closesOn,
      threshold: survey.threshold,
    },
    municipality: municipality
      ? {
          name: municipality.name,
          regionName: municipality.regionName,
          departmentName: municipality.departmentName,
        }
      : null,
    results: publicResults(
      version.definition,
      surveyResults(version.definition, responses, survey.threshold),
    ),
  };
}
