import { fieldsNotAskedOf, type ApplicabilityTarget } from '../../../core/indicators/applicability.ts';
import { findOrganizationsById } from '../analysis/analysis.repository.ts';
import { findResult } from '../../../core/indicators/find-result.ts';
import {
  validateFormValues,
  type FormFieldRule,
  type FormValue,
} from '../../../core/campaigns/form-validation.ts';
import { nowFor } from '../../config.ts';
import type { Db } from '../../db/client.ts';
import { submissions } from '../../db/schema/index.ts';
import { updateIfVersion } from '../../db/versioned.ts';
import { AppError, notFound, versionConflict } from '../../errors.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { accountIdOf, requireUser, type Actor, type AuthUser } from '../auth/access.ts';
import { evaluateIndicators } from '../indicators/compute.ts';
import { readRegistryGeneration } from '../indicators/kept.ts';
import { notifyUsers } from '../notifications/notifications.repository.ts';
import { findOrganizationById } from '../organizations/organizations.repository.ts';
import { findProgramTree, type ProgramTree } from '../programs/programs.repository.ts';
import { assertDepartment, assertSubmissionAccess } from './campaigns.policy.ts';
import {
  findCoordinators,
  findFormState,
  findParticipant,
  findResponsibleUsers,
  findSubmission,
  insertSubmissionEvent,
  setReopenedUntil,
  saveSubmissionValues,
  type CampaignRow,
  type SubmissionRow,
} from './campaigns.repository.ts';
import { formValuesOf, requireCampaign, STATE_LABEL, type SubmissionState } from './campaigns.service.ts';
import {
  keptCampaignMeasures,
  keptProgramTree,
  readyCampaignMeasures,
  readyProgramTree,
} from './kept-results.ts';

type Values = Record<string, FormValue>;

async function requireParticipant(db: Db, campaign: CampaignRow, organizationId: number) {
  const participant = await findParticipant(db, campaign.id, organizationId);
  if (!participant) throw notFound('Организация среди участников мониторинга');
  return participant;
}

/** Whether the organization may still edit: the campaign is open and the main stage (or a reopening) has not ended. */
export function editability(
  campaign: CampaignRow,
  participant: { reopenedUntil: string | null },
  submission: SubmissionRow | undefined,
  today: string,
): { isEditable: boolean; reason: string | null } {
  if (campaign.status === 'closed') return { isEditable: false, reason: 'Мониторинг закрыт.' };
  if (submission?.status === 'submitted')
    return { isEditable: false, reason: 'Форма отправлена и ждёт проверки координатором.' };
  if (submission?.status === 'accepted') return { isEditable: false, reason: 'Форма принята координатором.' };
  const until =
    participant.reopenedUntil && participant.reopenedUntil > campaign.mainEnd
      ? participant.reopenedUntil
      : campaign.mainEnd;
  if (today > until)
    return {
      isEditable: false,
      reason: `Срок сбора данных истёк ${until.split('-').reverse().join('.')}. Обратитесь к координатору, чтобы он открыл форму повторно.`,
    };
  return { isEditable: true, reason: null };
}

/**
 * The form's fields for one organization. Fields that only indicators not applying to it read are not
 * asked of it: left out of its form and never required.
 */
function formFieldsFor(tree: ProgramTree, org: ApplicabilityTarget | undefined) {
  const notAsked = org ? fieldsNotAskedOf(tree.indicators, org) : new Set<string>();
  const fields: FormFieldRule[] = tree.formFields.map((f) => ({
    code: f.code,
    label: f.label,
    type: f.type,
    unit: f.unit,
    isRequired: f.isRequired && !notAsked.has(f.code),
    min: f.min,
    max: f.max,
    notGreaterThan: f.notGreaterThan,
  }));
  return { fields, notAsked };
}

/**
 * The form's fields for one organization inside a transaction `tx` of `db`: the program kept for the
 * registry generation the transaction sees (indicators/kept.ts) when the form view has it ready — so a
 * save does not read the program's four tables again — else read in the transaction.
 */
async function formFieldsOf(db: Db, tx: Db, campaign: CampaignRow, organizationId: number) {
  return formFieldsAt(db, tx, await readRegistryGeneration(tx), campaign, organizationId);
}

/** formFieldsOf with the registry generation the transaction has already read. */
async function formFieldsAt(
  db: Db,
  tx: Db,
  generation: number,
  campaign: CampaignRow,
  organizationId: number,
) {
  const tree =
    readyProgramTree(db, campaign.programId, generation) ?? (await findProgramTree(tx, campaign.programId))!;
  const [org] = await findOrganizationsById(tx, [organizationId]);
  return { tree, ...formFieldsFor(tree, org) };
}

/** The form of one organization: fields, values, state, history, checks, and its indicator values now. */
export async function getSubmissionView(options: {
  db: Db;
  user: AuthUser;
  campaignId: number;
  organizationId: number;
  today: string;
}) {
  const { db, user, organizationId, today } = options;
  // One query for the campaign, the organization's own state (participation, submission and its history,
  // last year's values) and the registry generation; the program and what its indicators read from the
  // registry are kept while the generation stays the same (indicators/kept.ts).
  const formState = await findFormState(db, options.campaignId, organizationId, { history: true });
  const campaign = formState.campaign;
  if (!campaign) throw notFound('Мониторинг');
  assertSubmissionAccess(user, campaign, organizationId, 'read');
  if (!formState.participant) throw notFound('Организация среди участников мониторинга');
  const { participant, generation } = formState;
  const submission = formState.submission ?? undefined;
  const lastYear = formState.lastYear ?? undefined;
  const tree = await keptProgramTree(db, campaign.programId, generation);
  // The view shows this organization's row only, and its row reads no other organization's form: the
  // other submissions are not read, so opening a form costs the same however many schools take part. The
  // registry values are measured for all the campaign's participants at once and kept: a burst of schools
  // opening their forms runs one computation, not one per school.
  const measures = await keptCampaignMeasures(db, campaign, tree, generation);
  const own = measures.organizations.filter((o) => o.id === organizationId);
  // An organization no longer active is not measured; its fields still follow its kind.
  const org = own[0] ?? (await findOrganizationsById(db, [organizationId]))[0];
  const { fields, notAsked } = formFieldsFor(tree, org);
  const values = submission?.values ?? {};
  const checks = validateFormValues(fields, values, { isFinal: true, lastYear });
  const computed = evaluateIndicators(
    { ...measures, organizations: own },
    formValuesOf([], { organizationId, values }),
  );
  const state: SubmissionState = submission?.status ?? 'not_started';
  return {
    campaignId: campaign.id,
    organizationId,
    state,
    stateLabel: STATE_LABEL[state],
    version: submission?.version ?? null,
    values,
    isRegistryConfirmed: submission?.isRegistryConfirmed ?? false,
    reviewComment: submission?.reviewComment ?? null,
    deadline:
      participant.reopenedUntil && participant.reopenedUntil > campaign.mainEnd
        ? participant.reopenedUntil
        : campaign.mainEnd,
    ...editability(campaign, participant, submission, today),
    fields: tree.formFields
      .filter((f) => !notAsked.has(f.code))
      .map((f) => ({
        code: f.code,
        label: f.label,
        type: f.type,
        unit: f.unit,
        hint: f.hint,
        isRequired: f.isRequired,
        min: f.min,
        max: f.max,
        notGreaterThan: f.notGreaterThan,
      })),
    lastYear: lastYear ?? null,
    errors: checks.errors,
    warnings: checks.warnings,
    indicators: tree.indicators.map((i) => {
      const r = findResult(computed.results, i.code, organizationId);
      return {
        code: i.code,
        name: i.name,
        unit: i.unit,
        isFormValue: i.isFormValue,
        value: r?.value ?? null,
        numerator: r?.numerator ?? null,
        denominator: r?.denominator ?? null,
        level: r?.level ?? null,
        isApplicable: r?.isApplicable ?? true,
      };
    }),
    history: formState.history,
  };
}

function changesBetween(before: Values, after: Values) {
  const changes: Record<string, [unknown, unknown]> = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if ((before[key] ?? null) !== (after[key] ?? null))
      changes[key] = [before[key] ?? null, after[key] ?? null];
  }
  return changes;
}

/**
 * Saves a draft (autosave). A draft may be incomplete or even out of range — nothing typed is lost — but
 * the values must have the field's type. The version protects against two people overwriting each other.
 */
export async function saveDraft(options: {
  db: Db;
  actor: Actor;
  campaignId: number;
  organizationId: number;
  values: Values;
  isRegistryConfirmed?: boolean;
  version: number | null;
  today: string;
  action?: 'save' | 'upload';
}) {
  const user = requireUser(options.actor.user);
  const { db, organizationId } = options;
  // A save is the commonest write of a campaign (autosave), so it reads what the form view reads, the same
  // way: the campaign and the form's state by queries built once, the program and the organization kept
  // (bench/form-load.bench.ts). The write alone is a transaction, and it holds only while nothing changed
  // meanwhile: the submission's version (a submission, a review or another save bumps it) and the
  // campaign still open (closing does not touch the submissions).
  const state = await findFormState(db, options.campaignId, organizationId, { history: false });
  const campaign = state.campaign;
  if (!campaign) throw notFound('Мониторинг');
  assertSubmissionAccess(user, campaign, organizationId, 'fill');
  if (!state.participant) throw notFound('Организация среди участников мониторинга');
  const current = state.submission ?? undefined;
  const edit = editability(campaign, state.participant, current, options.today);
  if (!edit.isEditable) throw new AppError('conflict', edit.reason!);
  const tree = await keptProgramTree(db, campaign.programId, state.generation);
  const org =
    readyCampaignMeasures(db, campaign, state.generation)?.organizations.find(
      (o) => o.id === organizationId,
    ) ?? (await findOrganizationsById(db, [organizationId]))[0];
  const { fields } = formFieldsFor(tree, org);
  const typeErrors = validateFormValues(fields, options.values, { isFinal: false }).errors.filter((e) =>
    /ожидается|нет в форме|ответьте/.test(e.message),
  );
  if (typeErrors.length)
    throw new AppError('validation_failed', typeErrors[0].message, {
      field: typeErrors[0].field,
      errors: typeErrors,
    });
  const values = { ...(current?.values ?? {}), ...options.values };
  const changes = changesBetween(current?.values ?? {}, values);
  const isConfirmed = options.isRegistryConfirmed ?? current?.isRegistryConfirmed ?? false;
  if (isConfirmed !== (current?.isRegistryConfirmed ?? false))
    changes.isRegistryConfirmed = [current?.isRegistryConfirmed ?? false, isConfirmed];
  if (options.version !== (current?.version ?? null)) throw versionConflict();
  const needsStep = Object.keys(changes).length > 0 || !current || options.action === 'upload';
  const submission = await saveSubmissionValues(
    db,
    current
      ? { submissionId: current.id, version: current.version }
      : { campaignId: campaign.id, organizationId },
    {
      values,
      isRegistryConfirmed: options.isRegistryConfirmed ?? current?.isRegistryConfirmed ?? false,
    },
    needsStep
      ? { userId: accountIdOf(user), userName: user.fullName, action: options.action ?? 'save', changes }
      : null,
  );
  if (!submission) {
    const now = await requireCampaign(db, campaign.id);
    if (now.status === 'closed') throw new AppError('conflict', 'Мониторинг закрыт.');
    throw versionConflict();
  }
  return { version: submission.version, state: submission.status as SubmissionState };
}

export async function submitForm(options: {
  db: Db;
  actor: Actor;
  campaignId: number;
  organizationId: number;
  version: number;
  today: string;
}) {
  const user = requireUser(options.actor.user);
  return options.db.transaction(async (tx) => {
    const campaign = await requireCampaign(tx, options.campaignId);
    assertSubmissionAccess(user, campaign, options.organizationId, 'fill');
    const participant = await requireParticipant(tx, campaign, options.organizationId);
    const current = await findSubmission(tx, campaign.id, options.organizationId);
    if (!current) throw new AppError('validation_failed', 'Сначала заполните форму.');
    const edit = editability(campaign, participant, current, options.today);
    if (!edit.isEditable) throw new AppError('conflict', edit.reason!);
    if (current.version !== options.version) throw versionConflict();
    const { fields } = await formFieldsOf(options.db, tx, campaign, options.organizationId);
    const { errors } = validateFormValues(fields, current.values, { isFinal: true });
    if (errors.length)
      throw new AppError(
        'validation_failed',
        `Форма не может быть отправлена: ${errors.map((e) => e.message).join('; ')}.`,
        { errors },
      );
    if (!current.isRegistryConfirmed) {
      throw new AppError(
        'validation_failed',
        'Подтвердите, что сведения реестра педагогов организации полны и актуальны на дату расчёта.',
        { field: 'isRegistryConfirmed' },
      );
    }
    const now = nowFor(options.today);
    await updateIfVersion(tx, submissions, current.id, current.version, {
      status: 'submitted',
      submittedAt: now,
      firstSubmittedAt: current.firstSubmittedAt ?? now,
      reviewComment: null,
    });
    await insertSubmissionEvent(tx, {
      submissionId: current.id,
      userId: accountIdOf(user),
      userName: user.fullName,
      action: 'submit',
      statusAfter: 'submitted',
    });
    await recordAudit(tx, options.actor, {
      action: 'submit',
      entity: 'submission',
      entityId: current.id,
      municipalityId: campaign.municipalityId,
      organizationId: options.organizationId,
      summary: `Форма мониторинга «${campaign.title}» отправлена`,
    });
    const coordinators = await findCoordinators(tx, campaign.municipalityId);
    const organization = await findOrganizationById(tx, options.organizationId);
    await notifyUsers(
      tx,
      coordinators.map((c) => c.userId),
      {
        title: `${organization?.shortName ?? 'Организация'}: форма отправлена на проверку`,
        body: `${campaign.title}: ${organization?.shortName ?? 'организация'} отправила форму${current.firstSubmittedAt ? ' повторно, после доработки' : ''}.`,
        link: `/campaigns/${campaign.id}/organizations/${options.organizationId}`,
      },
    );
  });
}

/** The coordinator accepts a sent form, or returns it with a comment; every step is kept. */
export async function reviewForm(options: {
  db: Db;
  actor: Actor;
  campaignId: number;
  organizationId: number;
  decision: 'accept' | 'return';
  comment?: string;
  version: number;
}) {
  const user = requireUser(options.actor.user);
  return options.db.transaction(async (tx) => {
    const campaign = await requireCampaign(tx, options.campaignId);
    assertDepartment(user, campaign.municipalityId);
    if (campaign.status === 'closed') throw new AppError('conflict', 'Мониторинг закрыт.');
    const current = await findSubmission(tx, campaign.id, options.organizationId);
    if (
      !current ||
      (current.status !== 'submitted' && !(options.decision === 'return' && current.status === 'accepted'))
    ) {
      throw new AppError('conflict', 'Проверять можно только отправленную форму.');
    }
    if (current.version !== options.version) throw versionConflict();
    const status = options.decision === 'accept' ? 'accepted' : 'returned';
    await updateIfVersion(tx, submissions, current.id, current.version, {
      status,
      reviewedAt: new Date(),
      reviewComment: options.comment ?? null,
    });
    await insertSubmissionEvent(tx, {
      submissionId: current.id,
      userId: accountIdOf(user),
      userName: user.fullName,
      action: options.decision,
      statusAfter: status,
      comment: options.comment ?? null,
    });
    await recordAudit(tx, options.actor, {
      action: options.decision,
      entity: 'submission',
      entityId: current.id,
      municipalityId: campaign.municipalityId,
      organizationId: options.organizationId,
      summary:
        options.decision === 'accept' ? `Форма принята` : `Форма возвращена на доработку: ${options.comment}`,
    });
    const responsible = await findResponsibleUsers(tx, [options.organizationId]);
    await notifyUsers(
      tx,
      responsible.map((r) => r.userId),
      {
        title:
          options.decision === 'accept'
            ? 'Форма мониторинга принята'
            : 'Форма мониторинга возвращена на доработку',
        body:
          options.decision === 'accept'
            ? `${campaign.title}: форма принята координатором.`
            : `${campaign.title}: ${options.comment}`,
        link: `/campaigns/${campaign.id}/organizations/${options.organizationId}`,
      },
    );
  });
}

/** After the main stage, the coordinator can reopen editing for one organization until a date. */
export async function reopenForOrganization(options: {
  db: Db;
  actor: Actor;
  campaignId: number;
  organizationId: number;
  until: string;
}) {
  const user = requireUser(options.actor.user);
  return options.db.transaction(async (tx) => {
    const campaign = await requireCampaign(tx, options.campaignId);
    assertDepartment(user, campaign.municipalityId);
    if (campaign.status === 'closed') throw new AppError('conflict', 'Мониторинг закрыт.');
    await requireParticipant(tx, campaign, options.organizationId);
    await setReopenedUntil(tx, campaign.id, options.organizationId, options.until);
    const current = await findSubmission(tx, campaign.id, options.organizationId);
    if (current) {
      if (current.status === 'submitted' || current.status === 'accepted')
        await updateIfVersion(tx, submissions, current.id, current.version, { status: 'returned' });
      await insertSubmissionEvent(tx, {
        submissionId: current.id,
        userId: accountIdOf(user),
        userName: user.fullName,
        action: 'reopen',
        statusAfter: current.status === 'draft' ? 'draft' : 'returned',
        comment: `Редактирование открыто до ${options.until.split('-').reverse().join('.')}`,
      });
    }
    await recordAudit(tx, options.actor, {
      action: 'reopen',
      entity: 'campaign',
      entityId: campaign.id,
      municipalityId: campaign.municipalityId,
      organizationId: options.organizationId,
      summary: `Форма открыта для редактирования до ${options.until}`,
    });
  });
}
