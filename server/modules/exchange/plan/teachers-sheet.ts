import { formatRuDate } from '../../../../core/dates.ts';
import { positionKind, teacherKind } from '../../../../core/registry/kinds.ts';
import { recordSchema } from '../../../../core/registry/schema.ts';
import type { PositionRow, TeacherRow } from '../exchange.repository.ts';
import {
  comparable,
  displayCell,
  formatSnils,
  fullName,
  nameKey,
  shortName,
  snilsDigits,
} from '../format/cells.ts';
import { TEACHERS_SHEET, type ColumnSpec } from '../format/sheets.ts';
import type { PlanContext, RawSheet } from './context.ts';
import { headersOf, stripLabel, type CellError } from './records.ts';
import {
  emptySheetPreview,
  importError,
  pushItem,
  type ChangeItem,
  type FieldChange,
  type Ref,
} from './types.ts';
import { pushTo } from '../collections.ts';

/**
 * The «Педагоги» sheet: one row per position in the organization, with the teacher's own data repeated in
 * every row of the same teacher. It decides who the organization's teachers are after the import, so every
 * other sheet is planned after it against the TeacherIndex it fills.
 */

const TEACHER_KEYS = teacherKind.fields.map((f) => f.key);
const POSITION_KEYS = ['title', 'isMainJob', 'rate', 'startDate', 'endDate'];
const columnOf = new Map(TEACHERS_SHEET.columns.map((c) => [c.key, c]));
const TEACHER_COLUMNS = TEACHER_KEYS.map((k) => columnOf.get(k)!);
const POSITION_COLUMNS = POSITION_KEYS.map((k) => columnOf.get(k)!);
const headers = headersOf(TEACHERS_SHEET);
const teacherSchema = recordSchema(teacherKind);
const positionSchema = recordSchema(positionKind);

export type AttachCandidates = { rows: TeacherRow[]; subjects: Map<number, string[]> };

interface Row {
  row: number;
  positionId: number | null;
  teacherId: number | null;
  teacher: Record<string, unknown>;
  position: Record<string, unknown>;
  group: Ref;
}

/** The report's word for a school head's row naming a teacher of another organization. */
export const ATTACH_REQUESTED_NOTE =
  'Педагог работает в другой организации: отправлен запрос на добавление; должность появится после подтверждения';

const isCurrent = (endDate: unknown, today: string) => !endDate || String(endDate) >= today;
const nameBirth = (v: Record<string, unknown>) => `${nameKey(fullName(v as never))}|${String(v.birthDate)}`;

/** A teacher's own values as the sheet holds them (СНИЛС as digits, subjects as a list). */
export function teacherValues(t: TeacherRow, subjects: string[]): Record<string, unknown> {
  return { ...t, snils: t.snils ? snilsDigits(t.snils) : null, subjects };
}

/** The rows the export writes: every position of the organization with its teacher. */
export function exportTeacherRows(ctx: PlanContext): Record<string, unknown>[] {
  const teachers = new Map(ctx.data.teachers.map((t) => [t.id, t]));
  return ctx.data.positions.map((p) => {
    const t = teachers.get(p.teacherId)!;
    const values = teacherValues(t, ctx.data.subjects.get(t.id) ?? []);
    return {
      id: p.id,
      'teacher.id': t.id,
      ...Object.fromEntries(TEACHER_KEYS.map((k) => [k, values[k]])),
      ...Object.fromEntries(POSITION_KEYS.map((k) => [k, p[k as keyof PositionRow]])),
    };
  });
}

function changesOf(columns: ColumnSpec[], before: Record<string, unknown>, after: Record<string, unknown>) {
  return columns
    .filter((c) => comparable(before[c.key], c.type) !== comparable(after[c.key], c.type))
    .map((c): FieldChange & { key: string } => ({
      key: c.key,
      column: c.header,
      before: displayCell(before[c.key], c.type),
      after: displayCell(after[c.key], c.type),
    }));
}

function validate(cells: Record<string, unknown>, ctx: PlanContext, absent: Set<string>) {
  const errors: CellError[] = [];
  const pick = (keys: string[]) => Object.fromEntries(keys.map((k) => [k, cells[k] ?? null]));
  const teacher = teacherSchema.safeParse(pick(TEACHER_KEYS));
  const position = positionSchema.safeParse({ ...pick(POSITION_KEYS), organizationId: ctx.organization.id });
  for (const result of [teacher, position]) {
    if (result.success) continue;
    for (const issue of result.error.issues) {
      const key = String(issue.path[0]);
      // A rule that needs a column the header lacks (the date of a category) names the column.
      const problem = absent.has(key)
        ? `${stripLabel(issue.message)} — добавьте столбец в строку заголовков`
        : stripLabel(issue.message);
      errors.push({ column: headers[key] ?? '', problem });
    }
  }
  return {
    errors,
    teacher: teacher.success ? (teacher.data as Record<string, unknown>) : null,
    position: position.success ? (position.data as Record<string, unknown>) : null,
  };
}

/** Plans «Педагоги» (when the file has it) and fills ctx.teachers with who the organization's teachers are. */
export function planTeachersSheet(ctx: PlanContext, sheet: RawSheet | null, attach: AttachCandidates) {
  const { data, today, organization } = ctx;
  const preview = emptySheetPreview(TEACHERS_SHEET.name, Boolean(sheet));
  ctx.previews.push(preview);
  const teachers = new Map(data.teachers.map((t) => [t.id, t]));
  const subjects = new Map(data.subjects);
  const positionsById = new Map(data.positions.map((p) => [p.id, p]));
  const everHere = new Set(data.positions.map((p) => p.teacherId));
  const currentHere = new Set(
    data.positions.filter((p) => isCurrent(p.endDate, today)).map((p) => p.teacherId),
  );
  const positionsByTeacher = new Map<number, PositionRow[]>();
  for (const p of data.positions) pushTo(positionsByTeacher, p.teacherId, p);
  const inMunicipality = new Map(attach.rows.map((t) => [snilsDigits(t.snils ?? ''), t]));
  const error = (row: number, e: CellError) =>
    ctx.errors.push(importError(TEACHERS_SHEET.name, row, e.column, e.problem));

  const absent = new Set(sheet?.absent ?? []);
  const teacherColumns = TEACHER_COLUMNS.filter((c) => !absent.has(c.key));
  const positionColumns = POSITION_COLUMNS.filter((c) => !absent.has(c.key));
  const keep = (stored: Record<string, unknown>) =>
    Object.fromEntries(TEACHER_KEYS.filter((k) => absent.has(k)).map((k) => [k, stored[k] ?? null]));
  const groups = new Map<Ref, Row[]>();
  const claimed = new Map<number, number>();
  const afterValues = new Map<Ref, Record<string, unknown>>();
  const afterCurrent = new Set<Ref>();
  const keptPositions = new Set<Ref>();

  if (sheet) {
    const bySnils = new Map<string, number>();
    const byNameBirth = new Map<string, number[]>();
    for (const t of data.teachers) {
      if (!everHere.has(t.id)) continue;
      if (t.snils) bySnils.set(snilsDigits(t.snils), t.id);
      const key = nameBirth(t);
      pushTo(byNameBirth, key, t.id);
    }
    const newGroups = new Map<string, string>();

    for (const raw of sheet.rows) {
      const cells = raw.cells;
      const { errors, teacher, position } = validate(cells, ctx, absent);
      const positionId = cells.id ?? null;
      const teacherIdCell = cells['teacher.id'] ?? null;
      if (positionId !== null && typeof positionId !== 'number')
        errors.push({
          column: 'ID',
          problem: 'ожидается номер записи (целое число); в новой строке оставьте ID пустым',
        });
      if (teacherIdCell !== null && typeof teacherIdCell !== 'number')
        errors.push({ column: headers['teacher.id'], problem: 'ожидается номер педагога (целое число)' });
      const known = typeof positionId === 'number' ? positionsById.get(positionId) : undefined;
      if (typeof positionId === 'number' && !known)
        ctx.foreignIds.push({
          sheet: TEACHERS_SHEET.name,
          row: raw.row,
          column: 'ID',
          table: 'positions',
          id: positionId,
        });
      if (typeof teacherIdCell === 'number' && !everHere.has(teacherIdCell)) {
        errors.push({
          column: headers['teacher.id'],
          problem:
            `педагог с ID ${teacherIdCell} не найден среди педагогов организации; чтобы добавить педагога, ` +
            'который работает в другой организации, оставьте ID пустым и укажите его СНИЛС',
        });
      }
      if (known && typeof teacherIdCell === 'number' && known.teacherId !== teacherIdCell) {
        errors.push({
          column: headers['teacher.id'],
          problem: `должность с ID ${known.id} принадлежит другому педагогу (ID ${known.teacherId})`,
        });
      }
      if (known) {
        const earlier = claimed.get(known.id);
        if (earlier !== undefined)
          errors.push({
            column: 'ID',
            problem: `должность с ID ${known.id} уже указана в строке ${earlier}`,
          });
        else claimed.set(known.id, raw.row);
      }
      if (errors.length || !teacher || !position) {
        for (const e of errors) error(raw.row, e);
        continue;
      }
      teacher.snils = teacher.snils ? snilsDigits(String(teacher.snils)) : null;
      let group: Ref | undefined =
        typeof teacherIdCell === 'number' ? teacherIdCell : known ? known.teacherId : undefined;
      if (group === undefined && teacher.snils) {
        const snils = String(teacher.snils);
        const outside = inMunicipality.get(snils);
        group = bySnils.get(snils) ?? outside?.id;
        if (outside && !teachers.has(outside.id)) {
          teachers.set(outside.id, outside);
          subjects.set(outside.id, attach.subjects.get(outside.id) ?? []);
        }
        group ??= newGroups.get(`snils:${snils}`) ?? ctx.newKey('teachers');
        if (typeof group === 'string') newGroups.set(`snils:${snils}`, group);
      }
      if (group === undefined) {
        const key = nameBirth(teacher);
        const found = byNameBirth.get(key) ?? [];
        if (found.length > 1) {
          error(raw.row, {
            column: headers.lastName,
            problem:
              'в организации несколько педагогов с такими ФИО и датой рождения — укажите СНИЛС или ID педагога',
          });
          continue;
        }
        group = found[0] ?? newGroups.get(`name:${key}`) ?? ctx.newKey('teachers');
        if (typeof group === 'string') newGroups.set(`name:${key}`, group);
      }
      const row: Row = {
        row: raw.row,
        positionId: known?.id ?? null,
        teacherId: typeof group === 'number' ? group : null,
        teacher,
        position,
        group,
      };
      pushTo(groups, group, row);
    }
  }

  const snilsOwner = new Map<string, { group: Ref; row: number }>();
  for (const [group, rows] of groups) {
    const first = rows[0];
    for (const other of rows.slice(1)) {
      const differs = changesOf(TEACHER_COLUMNS, first.teacher, other.teacher)[0];
      if (differs)
        error(other.row, {
          column: differs.column,
          problem: `сведения о педагоге отличаются от строки ${first.row}`,
        });
    }
    // Columns the header lacks keep the stored values of an existing teacher.
    const stored = typeof group === 'number' ? teachers.get(group) : undefined;
    const values = stored
      ? { ...first.teacher, ...keep(teacherValues(stored, subjects.get(group as number) ?? [])) }
      : first.teacher;
    afterValues.set(group, values);
    if (rows.some((r) => isCurrent(r.position.endDate, today))) afterCurrent.add(group);
    const snils = values.snils ? String(values.snils) : null;
    if (snils) {
      const other = snilsOwner.get(snils);
      const holder = inMunicipality.get(snils);
      if (other && other.group !== group) {
        error(first.row, {
          column: headers.snils,
          problem: `СНИЛС ${formatSnils(snils)} указан и для другого педагога (строка ${other.row})`,
        });
      } else if (holder && holder.id !== group) {
        error(first.row, {
          column: headers.snils,
          problem: `СНИЛС ${formatSnils(snils)} уже есть в реестре муниципалитета у другого педагога: ${fullName(holder)}`,
        });
      }
      snilsOwner.set(snils, { group, row: first.row });
    }
  }

  const items = new Map<number, ChangeItem & { kind: 'added' | 'changed' | 'unchanged' }>();
  for (const [group, rows] of groups) {
    const first = rows[0];
    const values = afterValues.get(group)!;
    let teacherChanges: FieldChange[] = [];
    let note: string | undefined;
    if (typeof group === 'number' && !everHere.has(group) && !ctx.isDepartment) {
      // Knowing a СНИЛС is not enough to take someone else's teacher: the school asks, nothing else of the
      // row is written (not the personal data, not the position), and the card stays out of its scope.
      requestAttachFor(ctx, { teacherId: group, rows, teacher: values }, items);
      afterValues.delete(group);
      afterCurrent.delete(group);
      continue;
    }
    if (typeof group === 'number') {
      const before = teacherValues(teachers.get(group)!, subjects.get(group) ?? []);
      const changes = changesOf(teacherColumns, before, values);
      if (!everHere.has(group))
        note =
          'педагог уже есть в реестре муниципалитета (найден по СНИЛС): ему добавляется должность в этой организации';
      if (
        changes.length &&
        !ctx.isDepartment &&
        !currentHere.has(group) &&
        !afterCurrent.has(group) &&
        everHere.has(group)
      ) {
        error(first.row, {
          column: changes[0].column,
          problem:
            'педагог не работает в организации на текущую дату: его личные сведения изменяет отдел образования',
        });
      }
      if (changes.length) {
        const keys = changes.map((c) => c.key).filter((k) => k !== 'subjects');
        const patch = Object.fromEntries(keys.map((k) => [k, values[k] ?? null]));
        ctx.ops.updates.push({
          table: 'teachers',
          id: group,
          version: teachers.get(group)!.version,
          patch,
          audit: {
            entity: 'teacher',
            summary: `Изменены сведения о педагоге ${shortName(values as never)} (загрузка книги)`,
            before: Object.fromEntries(changes.map((c) => [c.key, before[c.key] ?? null])),
            after: Object.fromEntries(changes.map((c) => [c.key, values[c.key] ?? null])),
          },
        });
        if (changes.some((c) => c.key === 'subjects'))
          ctx.ops.subjects.push({ teacher: group, subjects: (values.subjects as string[]) ?? [] });
        teacherChanges = changes.map(({ key: _key, ...c }) => c);
      }
    } else {
      const { subjects: list, ...fields } = values;
      const insert = { ...fields, municipalityId: organization.municipalityId };
      ctx.ops.inserts.push({
        table: 'teachers',
        temp: group,
        values: insert,
        audit: {
          entity: 'teacher',
          summary: `Добавлен педагог ${shortName(values as never)} (загрузка книги)`,
          after: values,
        },
      });
      if ((list as string[]).length) ctx.ops.subjects.push({ teacher: group, subjects: list as string[] });
    }
    const own = typeof group === 'number' ? (positionsByTeacher.get(group) ?? []) : [];
    planPositions(
      ctx,
      { rows, own, teacher: values, teacherChanges, note, columns: positionColumns },
      items,
      keptPositions,
    );
  }

  for (const item of [...items.values()].sort((a, b) => (a.row ?? 0) - (b.row ?? 0))) {
    const { kind, ...rest } = item;
    if (kind === 'unchanged') preview.counts.unchanged += 1;
    else pushItem(preview, kind, rest);
  }
  // Rows in error keep their positions: the preview does not announce removals the file did not ask for.
  for (const id of claimed.keys()) keptPositions.add(id);
  const leaving = sheet
    ? planRemovals(ctx, { kept: keptPositions, groups, positionsByTeacher }, preview)
    : new Set<number>();
  fillIndex(ctx, { teachers, subjects, afterValues, afterCurrent, currentHere, everHere, leaving });
}

function requestAttachFor(
  ctx: PlanContext,
  g: { teacherId: number; rows: Row[]; teacher: Record<string, unknown> },
  items: Map<number, ChangeItem & { kind: 'added' | 'changed' | 'unchanged' }>,
) {
  // One request per teacher (a second pending request of the same school is refused): the first current row.
  const chosen = g.rows.find((r) => isCurrent(r.position.endDate, ctx.today)) ?? g.rows[0];
  ctx.ops.attachRequests.push({
    teacherId: g.teacherId,
    position: { ...chosen.position, organizationId: ctx.organization.id },
    today: ctx.today,
  });
  for (const r of g.rows)
    items.set(r.row, {
      kind: 'added',
      row: r.row,
      id: null,
      label: `${shortName(g.teacher as never)} — ${String(r.position.title)}`,
      note: ATTACH_REQUESTED_NOTE,
    });
}

function planPositions(
  ctx: PlanContext,
  g: {
    rows: Row[];
    own: PositionRow[];
    teacher: Record<string, unknown>;
    teacherChanges: FieldChange[];
    note?: string;
    /** The position columns the sheet has. */
    columns: ColumnSpec[];
  },
  items: Map<number, ChangeItem & { kind: 'added' | 'changed' | 'unchanged' }>,
  kept: Set<Ref>,
) {
  const { rows, own, teacher, teacherChanges, note } = g;
  const taken = new Set(rows.map((r) => r.positionId).filter((id): id is number => id !== null));
  const newKeys = new Map<string, number>();
  rows.forEach((r, index) => {
    const key = `${nameKey(String(r.position.title))}|${String(r.position.startDate)}`;
    let existing = r.positionId === null ? undefined : own.find((p) => p.id === r.positionId);
    if (!existing && r.positionId === null) {
      existing = own.find((p) => !taken.has(p.id) && `${nameKey(p.title)}|${p.startDate}` === key);
      if (existing) taken.add(existing.id);
    }
    const label = `${shortName(teacher as never)} — ${String(r.position.title)}`;
    const fields = index === 0 ? [...teacherChanges] : [];
    if (existing) {
      kept.add(existing.id);
      const changes = changesOf(g.columns, existing as never, r.position);
      if (changes.length) {
        const patch = Object.fromEntries(changes.map((c) => [c.key, r.position[c.key] ?? null]));
        ctx.ops.updates.push({
          table: 'positions',
          id: existing.id,
          version: existing.version,
          patch,
          audit: {
            entity: 'position',
            summary: `Изменена должность: ${label}`,
            before: Object.fromEntries(
              changes.map((c) => [c.key, existing[c.key as keyof PositionRow] ?? null]),
            ),
            after: patch,
          },
        });
        fields.push(...changes.map(({ key: _key, ...c }) => c));
      }
      items.set(r.row, {
        kind: fields.length ? 'changed' : 'unchanged',
        row: r.row,
        id: existing.id,
        label,
        fields,
      });
      return;
    }
    const earlier = newKeys.get(key);
    if (earlier !== undefined) {
      ctx.errors.push(
        importError(
          TEACHERS_SHEET.name,
          r.row,
          '',
          `строка повторяет строку ${earlier} (тот же педагог, должность и дата приёма)`,
        ),
      );
      return;
    }
    newKeys.set(key, r.row);
    const values = { ...r.position, organizationId: ctx.organization.id, teacherId: r.group };
    ctx.ops.inserts.push({
      table: 'positions',
      temp: ctx.newKey('positions'),
      values,
      audit: { entity: 'position', summary: `Добавлена должность: ${label}`, after: values },
    });
    items.set(r.row, { kind: 'added', row: r.row, id: null, label, fields, note });
  });
}

/**
 * Positions of the organization no row kept are removed. A teacher left without any position here loses only
 * those positions when it works (or worked) elsewhere; otherwise it is removed from the registry with all its
 * records, as the teachers API does.
 */
function planRemovals(
  ctx: PlanContext,
  s: { kept: Set<Ref>; groups: Map<Ref, Row[]>; positionsByTeacher: Map<number, PositionRow[]> },
  preview: ReturnType<typeof emptySheetPreview>,
) {
  const { kept, groups } = s;
  const teachers = new Map(ctx.data.teachers.map((t) => [t.id, t]));
  const leaving = new Set<number>();
  const dropped = ctx.data.positions.filter((p) => !kept.has(p.id));
  const byTeacher = new Map<number, PositionRow[]>();
  for (const p of dropped) pushTo(byTeacher, p.teacherId, p);
  for (const [teacherId, positions] of byTeacher) {
    const t = teachers.get(teacherId)!;
    const staysHere =
      groups.has(teacherId) || (s.positionsByTeacher.get(teacherId) ?? []).some((p) => kept.has(p.id));
    const isRemoved = !staysHere && !ctx.data.elsewhere.has(teacherId);
    if (!staysHere) leaving.add(teacherId);
    const note = staysHere
      ? undefined
      : isRemoved
        ? 'педагог больше нигде не работает и будет удалён из реестра вместе со всеми сведениями о нём'
        : 'педагог работает и в других организациях: удаляется только должность в этой организации, остальные сведения сохраняются';
    if (isRemoved) {
      ctx.ops.deletes.push({
        table: 'teachers',
        id: t.id,
        version: t.version,
        audit: {
          entity: 'teacher',
          summary: `Педагог ${shortName(t)} удалён из реестра (загрузка книги)`,
          before: t,
        },
      });
    }
    for (const p of positions) {
      const label = `${shortName(t)} — ${p.title}, с ${formatRuDate(p.startDate)}`;
      if (!isRemoved)
        ctx.ops.deletes.push({
          table: 'positions',
          id: p.id,
          version: p.version,
          audit: { entity: 'position', summary: `Удалена должность: ${label}`, before: p },
        });
      pushItem(preview, 'removed', { row: null, id: p.id, label, note });
    }
  }
  return leaving;
}

function fillIndex(
  ctx: PlanContext,
  s: {
    teachers: Map<number, TeacherRow>;
    subjects: Map<number, string[]>;
    afterValues: Map<Ref, Record<string, unknown>>;
    afterCurrent: Set<Ref>;
    currentHere: Set<number>;
    everHere: Set<number>;
    leaving: Set<number>;
  },
) {
  const entry = (ref: Ref, v: Record<string, unknown>, inScope: boolean, isLeaving: boolean) =>
    ctx.teachers.add({
      isFormer: typeof ref === 'number' && !inScope && !isLeaving && s.everHere.has(ref),
      ref,
      lastName: String(v.lastName),
      firstName: String(v.firstName),
      middleName: (v.middleName as string | null) ?? null,
      birthDate: String(v.birthDate),
      snils: (v.snils as string | null) ?? null,
      inScope,
      isLeaving,
    });
  for (const t of s.teachers.values()) {
    const values = s.afterValues.get(t.id) ?? teacherValues(t, s.subjects.get(t.id) ?? []);
    const isLeaving = s.leaving.has(t.id);
    entry(t.id, values, !isLeaving && (s.currentHere.has(t.id) || s.afterCurrent.has(t.id)), isLeaving);
  }
  for (const [ref, values] of s.afterValues) if (typeof ref === 'string') entry(ref, values, true, false);
}
