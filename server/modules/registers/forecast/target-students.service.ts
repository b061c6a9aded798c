import { formatRuDate } from '../../../../core/dates.ts';
import { targetStudentKind } from '../../../../core/registry/register-kinds.ts';
import { targetStudents } from '../../../db/schema/index.ts';
import { AppError } from '../../../errors.ts';
import type { ListExport } from '../../../http/xlsx-export.ts';
import type { OwnedKind } from '../shared/owned-records.ts';
import { findTargetStudentById, type TargetStudentRow } from './target-students.repository.ts';

export const targetStudentRecords: OwnedKind<TargetStudentRow> = {
  entity: 'target_student',
  noun: 'Студент целевого обучения',
  kind: targetStudentKind,
  table: targetStudents,
  ownership: 'organization',
  storesMunicipality: false,
  findById: findTargetStudentById,
  describe: (row) =>
    `студент целевого обучения ${row.fullName} (${row.university}, выпуск ${row.graduationYear}) — ${row.organizationShortName}`,
  async check({ values }) {
    const contract = String(values.contractDate ?? '');
    if (contract && Number(contract.slice(0, 4)) > Number(values.graduationYear)) {
      throw new AppError(
        'validation_failed',
        '«Договор о целевом обучении: дата»: договор заключается до выпуска, не позже года выпуска.',
        { field: 'contractDate' },
      );
    }
  },
};

/** The workbook of the list: the same columns the page shows. */
export function targetStudentsExport(rows: TargetStudentRow[], today: string, note?: string): ListExport {
  return {
    sheet: 'Целевое обучение',
    title: 'Студенты целевого обучения и ожидаемые выпускники',
    notes: note ? [note] : [],
    date: today,
    columns: [
      { header: 'ФИО', width: 32 },
      { header: 'Организация, ожидающая выпускника', width: 28 },
      { header: 'Вуз (колледж)', width: 30 },
      { header: 'Специальность', width: 30 },
      { header: 'Предмет', width: 18 },
      { header: 'Год выпуска', width: 10 },
      { header: 'Договор о целевом обучении', width: 24 },
      { header: 'Примечание', width: 24 },
    ],
    rows: rows.map((r) => [
      r.fullName,
      r.organizationShortName,
      r.university,
      r.specialty,
      r.subject,
      r.graduationYear,
      `№ ${r.contractNumber} от ${formatRuDate(r.contractDate)}`,
      r.notes,
    ]),
  };
}
