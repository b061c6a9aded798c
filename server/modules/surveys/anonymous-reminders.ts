import { createHash, randomBytes } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { surveyAddresses, surveyTokens } from '../../db/schema/index.ts';
import type { SurveyRow } from './surveys.repository.ts';

/**
 * E-mail of an anonymous survey. Every invited address gets a one-time token of its own (a row of
 * survey_tokens like a device's, plus the address in survey_addresses), so that a reminder reaches only the
 * addresses whose token is still unused. Nothing ties an answer to the address: a response keeps no token
 * and no time, and the addresses are forgotten when the survey closes (`forgetAddresses`).
 */

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
export const newToken = () => randomBytes(24).toString('base64url');

export const anonymousInvitationText = (title: string, until: string, link: string) =>
  `Просим ответить на анонимную анкету «${title}» ${until}: ${link}\n` +
  'Ответы анонимны: анкета не связывает ответ с человеком. Ссылка одноразовая; по ней система знает только, ' +
  'воспользовались ли вы ею, — чтобы не напоминать тем, кто уже ответил.';

/** A one-time token for an invited address; returns the token (only its hash is stored). */
export async function issueMailedToken(
  db: Db,
  options: { surveyId: number; organizationId: number; email: string },
): Promise<string> {
  const token = newToken();
  const tokenHash = hashToken(token);
  await db
    .insert(surveyTokens)
    .values({ tokenHash, surveyId: options.surveyId, organizationId: options.organizationId });
  await db.insert(surveyAddresses).values({ surveyId: options.surveyId, email: options.email, tokenHash });
  return token;
}

/**
 * The letters of a reminder: one to each address whose token is unused, with a new one-time link — the
 * stored hash cannot give the old link back, so the old token is replaced (and no longer opens the survey).
 */
export async function unusedAddressLetters(
  db: Db,
  options: { survey: SurveyRow; subject: string; baseUrl: string; today: string },
): Promise<{ to: string; subject: string; text: string }[]> {
  const { survey } = options;
  const pending = await db
    .select({
      id: surveyAddresses.id,
      email: surveyAddresses.email,
      tokenHash: surveyAddresses.tokenHash,
      organizationId: surveyTokens.organizationId,
    })
    .from(surveyAddresses)
    .innerJoin(surveyTokens, eq(surveyTokens.tokenHash, surveyAddresses.tokenHash))
    .where(and(eq(surveyAddresses.surveyId, survey.id), eq(surveyTokens.isUsed, false)));
  const letters: { to: string; subject: string; text: string }[] = [];
  for (const address of pending) {
    const token = newToken();
    const tokenHash = hashToken(token);
    await db
      .insert(surveyTokens)
      .values({ tokenHash, surveyId: survey.id, organizationId: address.organizationId });
    await db
      .update(surveyAddresses)
      .set({ tokenHash, remindedOn: options.today })
      .where(eq(surveyAddresses.id, address.id));
    await db
      .delete(surveyTokens)
      .where(and(eq(surveyTokens.tokenHash, address.tokenHash), eq(surveyTokens.isUsed, false)));
    letters.push({
      to: address.email,
      subject: options.subject,
      text: anonymousInvitationText(
        survey.title,
        'пока анкетирование не завершилось',
        `${options.baseUrl}/s/${token}`,
      ).replace('Просим ответить', 'Напоминаем: просим ответить'),
    });
  }
  return letters;
}

/** When a survey closes: the addresses are deleted, and with them the tokens e-mailed and never used. */
export async function forgetAddresses(db: Db, surveyId: number) {
  const rows = await db
    .select({ tokenHash: surveyAddresses.tokenHash })
    .from(surveyAddresses)
    .where(eq(surveyAddresses.surveyId, surveyId));
  await db.delete(surveyAddresses).where(eq(surveyAddresses.surveyId, surveyId));
  if (rows.length)
    await db.delete(surveyTokens).where(
      and(
        inArray(
          surveyTokens.tokenHash,
          rows.map((r) => r.tokenHash),
        ),
        eq(surveyTokens.isUsed, false),
      ),
    );
}
