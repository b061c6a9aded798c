import { eq, inArray } from 'drizzle-orm';
import { formatRuDate } from '../../../../core/dates.ts';
import type { RefTarget } from '../../../../core/registry/fields.ts';
import type { Db } from '../../../db/client.ts';
import {
  diagnostics,
  methodicalSpecialists,
  organizations,
  providers,
  routes,
} from '../../../db/schema/index.ts';
import type { RecordType, RecordValues } from './record-types.ts';

export type StoredRecord = RecordValues & { id: number; version: number; updatedAt: Date };

export async function findRecordsOf(db: Db, type: RecordType, parentId: number) {
  return (await db
    .select()
    .from(type.table as never)
    .where(eq(type.parentColumn, parentId))
    .orderBy(...type.order())) as StoredRecord[];
}

export async function findRecordById(db: Db, type: RecordType, id: number) {
  const [row] = (await db
    .select()
    .from(type.table as never)
    .where(eq(type.table.id, id))) as StoredRecord[];
  return row;
}

export async function insertRecord(db: Db, type: RecordType, values: RecordValues) {
  const [row] = (await db
    .insert(type.table)
    .values(values as never)
    .returning()) as StoredRecord[];
  return row;
}

export async function deleteRecordRow(db: Db, type: RecordType, id: number) {
  await db.delete(type.table).where(eq(type.table.id, id));
}

export async function findRouteTeacherId(db: Db, routeId: number) {
  const [row] = await db.select({ teacherId: routes.teacherId }).from(routes).where(eq(routes.id, routeId));
  return row?.teacherId;
}

type LabelLoader = (db: Db, ids: number[]) => Promise<{ id: number; label: string }[]>;

/** How a referenced record is named on screen. */
const REF_LABELS: Partial<Record<RefTarget, LabelLoader>> = {
  organization: (db, ids) =>
    db
      .select({ id: organizations.id, label: organizations.shortName })
      .from(organizations)
      .where(inArray(organizations.id, ids)),
  provider: (db, ids) =>
    db.select({ id: providers.id, label: providers.name }).from(providers).where(inArray(providers.id, ids)),
  diagnostic: async (db, ids) =>
    (
      await db
        .select({ id: diagnostics.id, date: diagnostics.date, instrument: diagnostics.instrument })
        .from(diagnostics)
        .where(inArray(diagnostics.id, ids))
    ).map((d) => ({ id: d.id, label: `${formatRuDate(d.date)}, ${d.instrument}` })),
  specialist: (db, ids) =>
    db
      .select({ id: methodicalSpecialists.id, label: methodicalSpecialists.fullName })
      .from(methodicalSpecialists)
      .where(inArray(methodicalSpecialists.id, ids)),
};

/** Display names of every reference in the rows: one query per reference field, whatever the number of rows. */
export async function labelReferences(db: Db, type: RecordType, rows: RecordValues[]) {
  const labels = rows.map(() => ({}) as Record<string, string>);
  for (const f of type.kind.fields) {
    if (f.type.kind !== 'ref') continue;
    const load = REF_LABELS[f.type.target];
    const ids = [...new Set(rows.map((r) => r[f.key]).filter((v): v is number => typeof v === 'number'))];
    if (!load || !ids.length) continue;
    const names = new Map((await load(db, ids)).map((x) => [x.id, x.label]));
    rows.forEach((r, i) => {
      const name = names.get(r[f.key] as number);
      if (name) labels[i][f.key] = name;
    });
  }
  return labels;
}
