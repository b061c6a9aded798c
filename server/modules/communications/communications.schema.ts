import { z } from 'zod';
import { isValidIsoDate } from '../../../core/dates.ts';
import { idParam } from '../../http/fields.ts';

export const CampaignFileParams = z.object({ id: idParam(), fileId: idParam() });
export const CampaignOrgParams = z.object({ id: idParam(), organizationId: idParam() });
export const CampaignSendingParams = z.object({ id: idParam(), sendingId: idParam() });

export const SendAnnouncementInput = z.object({
  /** Sending again after a first sending: the page asks the coordinator first. */
  confirmResend: z.boolean().default(false),
  /** «Продолжить рассылку»: the last sending, cut off, goes on to the participants it did not reach. */
  continue: z.boolean().default(false),
});

const DueRuleInput = z.discriminatedUnion(
  'kind',
  [
    z.object({
      kind: z.literal('date'),
      date: z.string().refine(isValidIsoDate, 'Срок сбора: некорректная дата'),
    }),
    z.object({
      kind: z.literal('monthly'),
      day: z
        .number({ error: 'День месяца: число от 1 до 31' })
        .int('День месяца: целое число от 1 до 31')
        .min(1, 'День месяца: число от 1 до 31')
        .max(31, 'День месяца: число от 1 до 31'),
    }),
  ],
  { error: 'Срок сбора: дата (kind = date) или день каждого месяца (kind = monthly)' },
);

export const ReplaceDueDatesInput = z.object({
  items: z
    .array(
      z.object({
        indicatorCode: z.string().trim().min(1, 'Показатель: укажите код').max(50),
        rule: DueRuleInput,
      }),
    )
    .max(500),
});
