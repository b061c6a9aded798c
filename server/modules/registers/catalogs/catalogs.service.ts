import { providerKind } from '../../../../core/enums.ts';
import { providerCatalogKind } from '../../../../core/registry/register-kinds.ts';
import type { Db } from '../../../db/client.ts';
import { providers } from '../../../db/schema/index.ts';
import { AppError, notFound, versionConflict } from '../../../errors.ts';
import { recordAudit, recordUpdate } from '../../audit/audit.repository.ts';
import { requireUser, type Actor } from '../../auth/access.ts';
import type { OwnedKind } from '../shared/owned-records.ts';
import { catalogMunicipality } from '../shared/ownership.ts';
import { assertMayKeepCatalogEntry } from './catalogs.policy.ts';
import { countOf } from '../../../../core/format.ts';
import {
  deleteDeficit,
  findDeficitByCode,
  findProviderById,
  insertDeficit,
  isProviderNameTaken,
  updateDeficitIfVersion,
  type DeficitRow,
  type ProviderRow,
} from './catalogs.repository.ts';

const RECORD_FORMS = ['записи', 'записях', 'записях'] as const;

export const providerRecords: OwnedKind<ProviderRow> = {
  entity: 'provider',
  noun: 'Организация в справочнике',
  kind: providerCatalogKind,
  table: providers,
  ownership: 'catalog',
  storesMunicipality: true,
  findById: findProviderById,
  // Everyone signed in reads every entry: teacher records of any municipality may name any provider.
  authorizeRead: () => undefined,
  authorizeWrite: ({ user, owner, before }) =>
    assertMayKeepCatalogEntry(user, before ? before.municipalityId : owner.municipalityId),
  describe: (row) => `организация, проводящая обучение, «${row.name}» (${providerKind.label[row.kind]})`,
  async check({ db, values, before }) {
    if (typeof values.name === 'string' && (await isProviderNameTaken(db, values.name, before?.id))) {
      throw new AppError('conflict', `Организация «${values.name}» уже есть в справочнике.`, {
        field: 'name',
      });
    }
  },
  async beforeDelete(_db, row) {
    if (row.trainingCount > 0) {
      throw new AppError(
        'conflict',
        `Организацию «${row.name}» удалить нельзя: она указана в ${countOf(row.trainingCount, RECORD_FORMS)} об обучении педагогов. Сначала измените эти записи.`,
        { usage: { trainings: row.trainingCount } },
      );
    }
  },
};

/**
 * Deficits are keyed by their code (diagnostics and routes refer to it) and owned like providers: by the
 * municipality whose department added them, or system-wide; edits carry the version the client saw.
 */
export async function createDeficitEntry(options: {
  db: Db;
  actor: Actor;
  input: {
    code: string;
    area: DeficitRow['area'];
    title: string;
    description: string | null;
    municipalityId?: number | null;
  };
}) {
  const user = requireUser(options.actor.user);
  const { municipalityId: requested, ...input } = options.input;
  const municipalityId = catalogMunicipality(user, requested);
  assertMayKeepCatalogEntry(user, municipalityId);
  return options.db.transaction(async (tx) => {
    if (await findDeficitByCode(tx, input.code)) {
      throw new AppError('conflict', `Дефицит с кодом «${input.code}» уже есть в справочнике.`, {
        field: 'code',
      });
    }
    await insertDeficit(tx, { ...input, municipalityId });
    const created = (await findDeficitByCode(tx, input.code))!;
    await recordAudit(tx, options.actor, {
      action: 'create',
      entity: 'deficit',
      entityId: input.code,
      municipalityId,
      summary: `Добавлено: дефицит ${input.code} «${input.title}»`,
      after: created,
    });
    return created;
  });
}

async function loadDeficit(db: Db, code: string) {
  const row = await findDeficitByCode(db, code);
  if (!row) throw notFound('Дефицит');
  return row;
}

export async function updateDeficitEntry(options: {
  db: Db;
  actor: Actor;
  code: string;
  input: Partial<{ area: DeficitRow['area']; title: string; description: string | null }> & {
    version: number;
  };
}) {
  const user = requireUser(options.actor.user);
  const { version, ...input } = options.input;
  return options.db.transaction(async (tx) => {
    const before = await loadDeficit(tx, options.code);
    assertMayKeepCatalogEntry(user, before.municipalityId);
    const patch = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
    if (!(await updateDeficitIfVersion(tx, options.code, version, patch))) throw versionConflict();
    const after = (await findDeficitByCode(tx, options.code))!;
    await recordUpdate(tx, options.actor, {
      entity: 'deficit',
      entityId: options.code,
      municipalityId: after.municipalityId,
      summary: `Изменено: дефицит ${after.code} «${after.title}»`,
      before,
      after,
    });
    return after;
  });
}

export async function deleteDeficitEntry(options: { db: Db; actor: Actor; code: string }) {
  const user = requireUser(options.actor.user);
  await options.db.transaction(async (tx) => {
    const before = await loadDeficit(tx, options.code);
    assertMayKeepCatalogEntry(user, before.municipalityId);
    const uses = [
      before.diagnosticCount ? `в ${countOf(before.diagnosticCount, DIAGNOSTIC_FORMS)}` : null,
      before.stepCount ? `в ${countOf(before.stepCount, STEP_FORMS)} ИОМ` : null,
    ].filter(Boolean);
    if (uses.length) {
      throw new AppError(
        'conflict',
        `Дефицит ${before.code} удалить нельзя: он указан ${uses.join(' и ')}. Измените его название вместо удаления.`,
        { usage: { diagnostics: before.diagnosticCount, routeSteps: before.stepCount } },
      );
    }
    await deleteDeficit(tx, options.code);
    await recordAudit(tx, options.actor, {
      action: 'delete',
      entity: 'deficit',
      entityId: options.code,
      municipalityId: before.municipalityId,
      summary: `Удалено: дефицит ${before.code} «${before.title}»`,
      before,
    });
  });
}

const DIAGNOSTIC_FORMS = ['диагностике', 'диагностиках', 'диагностиках'] as const;
const STEP_FORMS = ['шаге', 'шагах', 'шагах'] as const;
