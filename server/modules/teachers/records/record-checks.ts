import { eq, inArray } from 'drizzle-orm';
import type { RecordKind } from '../../../../core/registry/fields.ts';
import type { Db } from '../../../db/client.ts';
import { deficits, diagnostics, organizations, providers } from '../../../db/schema/index.ts';
import { AppError, forbidden } from '../../../errors.ts';
import type { TeacherContext } from '../teacher-access.ts';
import { canUseOrganizationForPosition } from '../teachers.policy.ts';

export interface RecordCheckContext {
  db: Db;
  kind: RecordKind;
  teacher: TeacherContext;
  /** The values being saved (on change: the record as it will be), absent on removal. */
  values?: Record<string, unknown>;
  /** The stored record, on change and removal. */
  before?: Record<string, unknown>;
}

const labelOf = (kind: RecordKind, key: string) => kind.fields.find((f) => f.key === key)?.label ?? key;

export const invalidField = (kind: RecordKind, field: string, problem: string) => {
  const message = `«${labelOf(kind, field)}»: ${problem}`;
  return new AppError('validation_failed', message, { field, issues: [{ path: field, message }] });
};

/** Deficit codes must be in the catalog: a typo would silently drop a teacher from every deficit indicator. */
export async function assertDeficitCodesExist(ctx: RecordCheckContext, field: string) {
  const raw = ctx.values?.[field];
  const codes = (Array.isArray(raw) ? raw : raw ? [raw] : []).map(String);
  if (!codes.length) return;
  const known = await ctx.db
    .select({ code: deficits.code })
    .from(deficits)
    .where(inArray(deficits.code, codes));
  const unknown = codes.filter((c) => !known.some((k) => k.code === c));
  if (!unknown.length) return;
  const list = unknown.map((c) => `«${c}»`).join(', ');
  throw invalidField(
    ctx.kind,
    field,
    unknown.length === 1
      ? `дефицита с кодом ${list} нет в справочнике дефицитов`
      : `дефицитов с кодами ${list} нет в справочнике дефицитов`,
  );
}

export async function assertProviderExists(ctx: RecordCheckContext) {
  const id = ctx.values?.providerId;
  if (id === null || id === undefined) return;
  const [row] = await ctx.db
    .select({ id: providers.id })
    .from(providers)
    .where(eq(providers.id, Number(id)));
  if (!row) throw invalidField(ctx.kind, 'providerId', 'такой организации нет в справочнике');
}

/** An ИОМ is built from a diagnostic of the same teacher. */
export async function assertDiagnosticOfTeacher(ctx: RecordCheckContext) {
  const id = ctx.values?.diagnosticId;
  if (id === null || id === undefined) return;
  const [row] = await ctx.db
    .select({ teacherId: diagnostics.teacherId })
    .from(diagnostics)
    .where(eq(diagnostics.id, Number(id)));
  if (!row) throw invalidField(ctx.kind, 'diagnosticId', 'диагностика не найдена');
  if (row.teacherId !== ctx.teacher.teacher.id) {
    throw invalidField(ctx.kind, 'diagnosticId', 'это диагностика другого педагога');
  }
}

/**
 * A position belongs to an organization of the teacher's municipality, and an org_manager adds, changes
 * and removes positions only in its own organization: another school's records are that school's business.
 */
export async function assertPositionOrganization(ctx: RecordCheckContext) {
  const access = ctx.teacher.access!;
  if (!ctx.values && ctx.teacher.facts.positions.length === 1) {
    throw new AppError(
      'conflict',
      'Это единственная должность педагога. Укажите дату увольнения или удалите педагога из реестра.',
    );
  }
  const municipalityId = ctx.teacher.teacher.municipalityId;
  const ids = new Set<number>();
  if (ctx.before) ids.add(Number(ctx.before.organizationId));
  if (ctx.values) ids.add(Number(ctx.values.organizationId));
  for (const id of ids) {
    const [organization] = await ctx.db
      .select({ id: organizations.id, municipalityId: organizations.municipalityId })
      .from(organizations)
      .where(eq(organizations.id, id));
    if (!organization) throw invalidField(ctx.kind, 'organizationId', 'организация не найдена');
    if (organization.municipalityId !== municipalityId) {
      throw invalidField(ctx.kind, 'organizationId', 'организация другого муниципалитета');
    }
    if (!canUseOrganizationForPosition(access, organization, municipalityId)) {
      throw forbidden('Ответственный ОО добавляет, меняет и удаляет должности только в своей организации.');
    }
  }
}
