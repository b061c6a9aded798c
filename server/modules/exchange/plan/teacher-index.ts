import { formatRuDate, isValidIsoDate } from '../../../../core/dates.ts';
import { SNILS_FORMAT_MESSAGE } from '../../../../core/registry/kinds.ts';
import { hasValidSnilsChecksum, SNILS_CHECKSUM_MESSAGE } from '../../../../core/registry/snils.ts';
import { formatSnils, fullName, nameKey, shortName, snilsDigits } from '../format/cells.ts';
import type { TeacherGroup } from '../format/sheets.ts';
import type { Ref } from './types.ts';
import { pushTo } from '../collections.ts';

/** A teacher as rows of the workbook may name it: with the values after this import. */
export interface TeacherEntry {
  ref: Ref;
  lastName: string;
  firstName: string;
  middleName: string | null;
  birthDate: string;
  snils: string | null;
  /** Works in the organization now (or after this import): the record sheets may hold its records. */
  inScope: boolean;
  /** Loses every position in the organization in this import: its records are left as they are. */
  isLeaving: boolean;
  /**
   * Worked in the organization and does not now (dismissed, also by this very file): rows of its records are
   * still found, to pass unchanged; they are never changed or removed through this organization's workbook.
   */
  isFormer?: boolean;
}

export type TeacherLookup =
  | { entry: TeacherEntry; error?: undefined }
  | { entry?: undefined; error: { column: string; problem: string } };

const nameBirthKey = (name: string, birthDate: string) => `${nameKey(name)}|${birthDate}`;

/** Finds the teacher of a row by the rule of TEACHER_RULE: ID, else СНИЛС, else ФИО with the birth date. */
export class TeacherIndex {
  private byRef = new Map<Ref, TeacherEntry>();
  private bySnils = new Map<string, TeacherEntry[]>();
  private byNameBirth = new Map<string, TeacherEntry[]>();

  add(entry: TeacherEntry) {
    this.byRef.set(entry.ref, entry);
    if (entry.snils) pushTo(this.bySnils, snilsDigits(entry.snils), entry);
    pushTo(this.byNameBirth, nameBirthKey(fullName(entry), entry.birthDate), entry);
  }

  get(ref: Ref): TeacherEntry | undefined {
    return this.byRef.get(ref);
  }

  entries(): TeacherEntry[] {
    return [...this.byRef.values()];
  }

  label(ref: unknown): string {
    const entry = this.byRef.get(ref as Ref);
    return entry ? shortName(entry) : `педагог ${String(ref)}`;
  }

  /** The four columns of a teacher reference, as the export writes them. */
  cells(ref: unknown, group: TeacherGroup): Record<string, unknown> {
    const entry = this.byRef.get(ref as Ref);
    if (!entry) return {};
    return {
      [`${group}.id`]: typeof entry.ref === 'number' ? entry.ref : null,
      [`${group}.name`]: fullName(entry),
      [`${group}.snils`]: entry.snils ? formatSnils(entry.snils) : null,
      [`${group}.birthDate`]: entry.birthDate,
    };
  }

  find(cells: Record<string, unknown>, group: TeacherGroup, headers: Record<string, string>): TeacherLookup {
    const id = cells[`${group}.id`];
    const snils = cells[`${group}.snils`];
    const name = cells[`${group}.name`];
    const birthDate = cells[`${group}.birthDate`];
    const fail = (key: string, problem: string): TeacherLookup => ({
      error: { column: headers[`${group}.${key}`], problem },
    });
    if (id !== null && id !== undefined) {
      if (typeof id !== 'number') return fail('id', 'ожидается номер педагога (целое число)');
      const entry = this.byRef.get(id);
      return entry ? { entry } : fail('id', `педагог с ID ${id} не найден среди педагогов организации`);
    }
    if (typeof snils === 'string' && snils) {
      const digits = snilsDigits(snils);
      if (digits.length !== 11) return fail('snils', SNILS_FORMAT_MESSAGE);
      if (!hasValidSnilsChecksum(digits)) return fail('snils', SNILS_CHECKSUM_MESSAGE);
      return this.single(this.bySnils.get(digits), () =>
        fail('snils', `педагог с СНИЛС ${formatSnils(digits)} не найден среди педагогов организации`),
      );
    }
    if (typeof name === 'string' && name && birthDate) {
      if (typeof birthDate !== 'string' || !isValidIsoDate(birthDate))
        return fail('birthDate', 'некорректная дата (нужна дата в формате дд.мм.гггг)');
      const found = this.byNameBirth.get(nameBirthKey(name, birthDate));
      if (found && found.length > 1)
        return fail(
          'name',
          'в организации несколько педагогов с такими ФИО и датой рождения — укажите СНИЛС или ID педагога',
        );
      return this.single(found, () =>
        fail(
          'name',
          `педагог ${name}, ${formatRuDate(birthDate)} г. р., не найден среди педагогов организации`,
        ),
      );
    }
    return fail('name', 'укажите педагога: ID педагога, СНИЛС или ФИО вместе с датой рождения');
  }

  private single(found: TeacherEntry[] | undefined, notFound: () => TeacherLookup): TeacherLookup {
    return found?.length ? { entry: found[0] } : notFound();
  }
}
