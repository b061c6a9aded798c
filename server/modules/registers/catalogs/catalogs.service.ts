import { providerKind } from '../../../../core/enums.ts';
import { providerCatalogKind } from '../../../../core/registry/register-kinds.ts';
import type { Db } from '../../../db/client.ts';
import { providers } from '../../../db/schema/index.ts';
import { AppError, notFound } from '../../../errors.ts';
import { recordAudit, recordUpdate } from '../../audit/audit.repository.ts';
import { requireUser, type Actor } from '../../auth/access.ts';
import type { OwnedKind } from '../shared/owned-records.ts';
import { assertCanManageOwner } from '../shared/ownership.ts';
import { countOf } from '../../../../core/format.ts';
import {
  deleteDeficit,
  findDeficitByCode,
  findProviderById,
  insertDeficit,
  isProviderNameTaken,
  updateDeficit,
  type DeficitRow,
  type ProviderRow,
} from './catalogs.repository.ts';

const RECORD_FORMS = ['записи', 'записях', 'записях'] as const;
const GLOBAL = { municipalityId: null, organizationId: null };

export const providerRecords: OwnedKind<ProviderRow> = {
  entity: 'provider',
  noun: 'Организация в справочнике',
  kind: providerCatalogKind,
  table: providers,
  ownership: 'global',
  storesMunicipality: false,
  findById: findProviderById,
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

/** Deficits are keyed by their code and carry no version: a catalog edited by the department only. */
export async function createDeficitEntry(options: {
  db: Db;
  actor: Actor;
  input: { code: string; area: DeficitRow['area']; title: string; description: string | null };
}) {
  assertCanManageOwner(requireUser(options.actor.user), GLOBAL);
  const { input } = options;
  return options.db.transaction(async (tx) => {
    if (await findDeficitByCode(tx, input.code)) {
      throw new AppError('conflict', `Дефицит с кодом «${input.code}» уже есть в справочнике.`, {
        field: 'code',
      });
    }
    await insertDeficit(tx, input);
    const created = (await findDeficitByCode(tx, input.code))!;
    await recordAudit(tx, options.actor, {
      action: 'create',
      entity: 'deficit',
      entityId: input.code,
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
  input: Partial<{ area: DeficitRow['area']; title: string; description: string | null }>;
}) {
  assertCanManageOwner(requireUser(options.actor.user), GLOBAL);
  return options.db.transaction(async (tx) => {
    const before = await loadDeficit(tx, options.code);
    const patch = Object.fromEntries(Object.entries(options.input).filter(([, v]) => v !== undefined));
    if (Object.keys(patch).length) await updateDeficit(tx, options.code, patch);
    const after = (await findDeficitByCode(tx, options.code))!;
    await recordUpdate(tx, options.actor, {
      entity: 'deficit',
      entityId: options.code,
      summary: `Изменено: дефицит ${after.code} «${after.title}»`,
      before,
      after,
    });
    return after;
  });
}

export async function deleteDeficitEntry(options: { db: Db; actor: Actor; code: string }) {
  assertCanManageOwner(requireUser(options.actor.user), GLOBAL);
  await options.db.transaction(async (tx) => {
    const before = await loadDeficit(tx, options.code);
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
      summary: `Удалено: дефицит ${before.code} «${before.title}»`,
      before,
    });
  });
}

const DIAGNOSTIC_FORMS = ['диагностике', 'диагностиках', 'диагностиках'] as const;
const STEP_FORMS = ['шаге', 'шагах', 'шагах'] as const;
