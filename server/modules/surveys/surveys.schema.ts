import { z } from 'zod';
import { SurveyDefinition } from '../../../core/surveys/definition.ts';
import { SURVEY_KINDS } from '../../../core/surveys/survey.ts';
import { idParam } from '../../http/fields.ts';

const isoDate = (label: string) =>
  z.string().regex(/^\d{4}-\d{2}-\d{2}$/, `${label}: дата в формате ГГГГ-ММ-ДД`);

export const SurveyAudienceInput = z.object({
  target: z.enum(['teachers', 'heads']),
  organizationIds: z.array(idParam()).min(1, 'выберите хотя бы одну организацию').max(5000),
  positions: z.array(z.string().trim().min(1).max(200)).max(50).optional(),
  youngOnly: z.boolean().optional(),
  lowResultsOnly: z.boolean().optional(),
  hardSocialOnly: z.boolean().optional(),
  associationId: idParam().nullable().optional(),
});

export const SurveyInput = z.object({
  municipalityId: idParam().optional(),
  code: z
    .string()
    .regex(/^[a-z][a-z0-9_]{1,39}$/, 'код анкеты — латинские строчные буквы, цифры и «_», от 2 до 40 знаков'),
  title: z.string().trim().min(3, 'укажите название анкеты').max(300),
  kind: z.enum(SURVEY_KINDS),
  audience: SurveyAudienceInput,
  opensOn: isoDate('Дата начала'),
  closesOn: isoDate('Дата окончания'),
  threshold: z.number().int().min(3, 'порог — не меньше 3 ответов').max(50).default(5),
  templateCode: z.string().max(60).nullable().optional(),
  definition: SurveyDefinition,
});
export type SurveyInput = z.infer<typeof SurveyInput>;

export const SurveyUpdate = SurveyInput.omit({ municipalityId: true, kind: true, code: true }).extend({
  version: z.number().int(),
  /** Editing an open survey's questions makes a new version only when this is set. */
  confirmNewVersion: z.boolean().optional(),
});
export type SurveyUpdate = z.infer<typeof SurveyUpdate>;

export const AnswerInput = z.object({ answers: z.record(z.string(), z.unknown()) });

export const TokenParams = z.object({
  token: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/, 'неверная ссылка'),
});
export const LinkParams = z.object({ code: z.string().regex(/^[A-Za-z0-9_-]{6,60}$/, 'неверная ссылка') });
export const ResultsQuery = z.object({ organizationId: idParam().optional() });
export const TrainingOrderQuery = z.object({
  question: z
    .string()
    .regex(/^[a-z][a-z0-9_]*$/, 'код вопроса — латинские строчные буквы, цифры и «_»')
    .optional(),
});

export const PublicationInput = z.object({
  isPublic: z.boolean({ error: '«Опубликовать итоги»: да или нет' }),
  version: z.number({ error: '«Версия»: ожидается число' }).int(),
});
