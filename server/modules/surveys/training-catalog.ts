import { eq, isNull, or } from 'drizzle-orm';
import type { SurveyDefinition } from '../../../core/surveys/definition.ts';
import {
  checkTrainingQuestions,
  trainingCatalog,
  trainingQuestionsOf,
} from '../../../core/surveys/training-order.ts';
import type { Db } from '../../db/client.ts';
import { deficits } from '../../db/schema/index.ts';
import { AppError } from '../../errors.ts';

/** The deficits of the catalog a municipality sees: its own entries and the system-wide ones. */
export async function catalogOf(db: Db, municipalityId: number) {
  const rows = await db
    .select({ code: deficits.code, title: deficits.title, area: deficits.area })
    .from(deficits)
    .where(or(isNull(deficits.municipalityId), eq(deficits.municipalityId, municipalityId)));
  return trainingCatalog(rows);
}

/** Refuses a definition whose training-request question offers options outside the catalog. */
export async function assertTrainingQuestions(db: Db, municipalityId: number, definition: SurveyDefinition) {
  if (!trainingQuestionsOf(definition).length) return;
  const errors = checkTrainingQuestions(definition, await catalogOf(db, municipalityId));
  if (errors.length)
    throw new AppError('validation_failed', `Анкета составлена с ошибками: ${errors.join('; ')}.`, {
      errors,
    });
}
