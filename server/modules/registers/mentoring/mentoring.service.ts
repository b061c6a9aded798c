import { formatRuDate } from '../../../../core/dates.ts';
import { mentoringPairKind, mentoringProgramKind } from '../../../../core/registry/kinds.ts';
import { mentoringPairs, mentoringPrograms } from '../../../db/schema/index.ts';
import { AppError } from '../../../errors.ts';
import type { OwnedKind } from '../shared/owned-records.ts';
import { findTeachers, teachersWorkingIn } from '../shared/teachers.ts';
import {
  findMentoringPairById,
  findMentoringProgramById,
  type MentoringPairRow,
  type MentoringProgramRow,
} from './mentoring.repository.ts';

export const mentoringProgramRecords: OwnedKind<MentoringProgramRow> = {
  entity: 'mentoringProgram',
  noun: 'Программа наставничества',
  kind: mentoringProgramKind,
  table: mentoringPrograms,
  ownership: 'organization',
  storesMunicipality: false,
  findById: findMentoringProgramById,
  describe: (row) =>
    `программа наставничества «${row.title}» с ${formatRuDate(row.startDate)}, ${row.organizationShortName}`,
};

const invalid = (field: string, message: string) => new AppError('validation_failed', message, { field });

export const mentoringPairRecords: OwnedKind<MentoringPairRow> = {
  entity: 'mentoringPair',
  noun: 'Наставническая пара',
  kind: mentoringPairKind,
  table: mentoringPairs,
  ownership: 'organization',
  storesMunicipality: false,
  findById: findMentoringPairById,
  describe: (row) =>
    `пара «${row.mentorName} — ${row.menteeName}» (${row.form}) с ${formatRuDate(row.startDate)}, ${row.organizationShortName}`,
  /** The mentee works in the pair's organization; the mentor anywhere in its municipality. */
  async check({ db, values, owner }) {
    const organizationId = owner.organizationId!;
    const mentorId = Number(values.mentorId);
    const menteeId = Number(values.menteeId);
    if (values.programId !== null && values.programId !== undefined) {
      const program = await findMentoringProgramById(db, Number(values.programId));
      if (!program) throw invalid('programId', 'Программа наставничества не найдена.');
      if (program.organizationId !== organizationId) {
        throw invalid('programId', 'Программа наставничества относится к другой организации.');
      }
    }
    const people = await findTeachers(db, [mentorId, menteeId]);
    const mentor = people.get(mentorId);
    const mentee = people.get(menteeId);
    if (!mentor) throw invalid('mentorId', 'Наставник не найден в реестре педагогов.');
    if (!mentee) throw invalid('menteeId', 'Наставляемый не найден в реестре педагогов.');
    if (mentor.municipalityId !== owner.municipalityId) {
      // Not named: who works in another district is not this district's to know.
      throw invalid('mentorId', 'Наставник — педагог другого муниципалитета.');
    }
    const working = await teachersWorkingIn(db, organizationId, [menteeId], String(values.startDate));
    if (!working.has(menteeId)) {
      throw invalid(
        'menteeId',
        `${mentee.name} не работает в этой организации: наставляемый должен быть её педагогом.`,
      );
    }
  },
};
