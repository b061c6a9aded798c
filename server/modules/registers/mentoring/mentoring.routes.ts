import type { FastifyInstance } from 'fastify';
import { checkedList, registerOwnedRoutes } from '../shared/owned-routes.ts';
import {
  findMentoringPairs,
  findMentoringPrograms,
  type MentoringPairRow,
  type MentoringProgramRow,
} from './mentoring.repository.ts';
import {
  ListMentoringPairsQuery,
  ListMentoringProgramsQuery,
  MentoringPairOutput,
  MentoringProgramOutput,
} from './mentoring.schema.ts';
import { mentoringPairRecords, mentoringProgramRecords } from './mentoring.service.ts';

const tags = ['Наставничество'];

const presentProgram = (row: MentoringProgramRow): MentoringProgramOutput => ({
  id: row.id,
  organizationId: row.organizationId,
  organizationShortName: row.organizationShortName,
  title: row.title,
  startDate: row.startDate,
  endDate: row.endDate,
  pairCount: Number(row.pairCount),
  version: row.version,
});

const presentPair = (row: MentoringPairRow): MentoringPairOutput => ({
  id: row.id,
  programId: row.programId,
  programTitle: row.programTitle,
  organizationId: row.organizationId,
  organizationShortName: row.organizationShortName,
  mentorId: row.mentorId,
  mentorName: row.mentorName,
  menteeId: row.menteeId,
  menteeName: row.menteeName,
  form: row.form,
  startDate: row.startDate,
  endDate: row.endDate,
  outcome: row.outcome,
  version: row.version,
});

export async function mentoringRoutes(app: FastifyInstance) {
  registerOwnedRoutes(app, {
    kind: mentoringProgramRecords,
    path: '/api/mentoring-programs',
    tags,
    summaries: {
      list: 'Программы наставничества организаций (с числом пар)',
      get: 'Программа наставничества',
      create: 'Добавить программу наставничества',
      update: 'Изменить программу наставничества',
      remove: 'Удалить программу наставничества (пары остаются без программы)',
    },
    output: MentoringProgramOutput,
    present: presentProgram,
    listQuery: ListMentoringProgramsQuery,
    list: checkedList(findMentoringPrograms),
  });

  registerOwnedRoutes(app, {
    kind: mentoringPairRecords,
    path: '/api/mentoring-pairs',
    tags,
    summaries: {
      list: 'Наставнические пары (teacherId — наставник или наставляемый)',
      get: 'Наставническая пара',
      create: 'Добавить пару «наставник — наставляемый»',
      update: 'Изменить пару',
      remove: 'Удалить пару',
    },
    output: MentoringPairOutput,
    present: presentPair,
    listQuery: ListMentoringPairsQuery,
    list: checkedList(findMentoringPairs),
  });
}
