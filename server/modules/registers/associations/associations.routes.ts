import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { registerLinkRoutes } from '../shared/link-routes.ts';
import { checkedList, registerOwnedRoutes } from '../shared/owned-routes.ts';
import {
  findAssociations,
  findMembers,
  type AssociationRow,
  type MemberRow,
} from './associations.repository.ts';
import {
  AddMembersInput,
  AddMembersResult,
  AssociationOutput,
  ListAssociationsQuery,
  ListMembershipsQuery,
  MemberOutput,
  MembershipOutput,
} from './associations.schema.ts';
import {
  addAssociationMembers,
  associationRecords,
  listAssociationMembers,
  listMemberCandidates,
  memberRecords,
} from './associations.service.ts';

const tags = ['Методические объединения'];

const presentAssociation = (row: AssociationRow): AssociationOutput => ({
  id: row.id,
  municipalityId: row.municipalityId,
  name: row.name,
  level: row.level,
  type: row.type,
  subject: row.subject,
  organizationId: row.organizationId,
  organizationShortName: row.organizationShortName,
  leaderId: row.leaderId,
  leaderName: row.leaderName,
  startDate: row.startDate,
  endDate: row.endDate,
  memberCount: Number(row.memberCount),
  version: row.version,
});

const presentMember = (row: MemberRow): MemberOutput => ({
  id: row.id,
  associationId: row.associationId,
  teacherId: row.teacherId,
  teacherName: row.teacherName,
  organizationShortName: row.organizationShortName,
  positionTitle: row.positionTitle,
  joinedOn: row.joinedOn,
  leftOn: row.leftOn,
  version: row.version,
});

const presentMembership = (row: MemberRow): MembershipOutput => ({
  ...presentMember(row),
  associationName: row.associationName,
  associationLevel: row.associationLevel,
  associationType: row.associationType,
});

export async function associationsRoutes(app: FastifyInstance) {
  registerOwnedRoutes(app, {
    kind: associationRecords,
    path: '/api/associations',
    tags,
    summaries: {
      list: 'Методические объединения и профессиональные сообщества (РМО, ШМО, «Школа молодого специалиста»…)',
      get: 'Методическое объединение',
      create: 'Создать объединение (с организацией — ШМО)',
      update: 'Изменить объединение',
      remove: 'Удалить объединение вместе с его составом',
    },
    output: AssociationOutput,
    present: presentAssociation,
    listQuery: ListAssociationsQuery,
    list: checkedList(findAssociations),
  });

  registerOwnedRoutes(app, {
    kind: memberRecords,
    path: '/api/association-members',
    tags,
    summaries: {
      list: 'Участие педагога в методических объединениях (teacherId)',
      get: 'Участие в объединении',
      create: '',
      update: 'Изменить даты участия',
      remove: 'Удалить участие',
    },
    output: MembershipOutput,
    present: presentMembership,
    listQuery: ListMembershipsQuery,
    list: ({ db, user, query, today }) => findMembers(db, user, query, today),
    only: ['list', 'update', 'remove'],
  });

  registerLinkRoutes(app, {
    path: '/api/associations/:id/members',
    tags,
    summaries: {
      list: 'Состав объединения (ответственный ОО видит только педагогов своей организации)',
      add: 'Добавить в объединение педагога ({teacherId, joinedOn, leftOn}) или нескольких ({teacherIds, joinedOn}); уже состоящие пропускаются',
      candidates: 'Педагоги, которых можно добавить в объединение (поиск по ФИО)',
    },
    output: MemberOutput,
    present: presentMember,
    addBody: AddMembersInput,
    addResponse: z.union([MemberOutput, AddMembersResult]),
    list: ({ db, user, parentId, query, today }) =>
      listAssociationMembers({ db, user, associationId: parentId, query, today }),
    async add({ db, actor, parentId, body, today }) {
      const result = await addAssociationMembers({ db, actor, associationId: parentId, input: body, today });
      if (body.teacherIds?.length) return { added: result.added.map(presentMember), skipped: result.skipped };
      return presentMember(result.added[0]);
    },
    candidates: ({ db, user, parentId, query, today }) =>
      listMemberCandidates({ db, user, associationId: parentId, query, today }),
  });
}
