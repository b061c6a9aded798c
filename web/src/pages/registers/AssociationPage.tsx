import { Alert, Anchor, Badge, Button, Group, Modal, Paper, Stack, Text } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { IconInfoCircle, IconPencil } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { parseRuDate } from '../../../../core/dates.ts';
import { associationType, level } from '../../../../core/enums.ts';
import { associationKind } from '../../../../core/registry/kinds.ts';
import { membershipPeriodKind } from '../../../../core/registry/register-kinds.ts';
import { api } from '../../api/client.ts';
import { ErrorAlert, InfoRow, Loading, PageHeader } from '../../components/common.tsx';
import { formatRuDate } from '../../lib/format.ts';
import { notifySaved } from '../../lib/forms.ts';
import { RecordForm } from '../teachers/records/RecordForm.tsx';
import { useRegistersRole, type Association, type Member } from './api.ts';
import { periodText } from './AssociationsPage.tsx';
import { registersFieldRenderer } from './fields.tsx';
import { TeacherLinksPanel } from './TeacherLinksPanel.tsx';
import { PageCrumbs } from '../../components/PageCrumbs.tsx';

const today = () => new Date().toISOString().slice(0, 10);

function DateField(props: {
  label: string;
  value: unknown;
  onChange(value: string | null): void;
  required?: boolean;
}) {
  return (
    <DateInput
      label={props.label}
      withAsterisk={props.required}
      value={(props.value as string | null) ?? null}
      onChange={(v) => props.onChange(v ? String(v).slice(0, 10) : null)}
      valueFormat="DD.MM.YYYY"
      dateParser={(text) => parseRuDate(text)}
      placeholder="дд.мм.гггг"
      clearable={!props.required}
    />
  );
}

/** The card of a methodical association: what it is, and its members. */
export function AssociationPage() {
  const id = Number(useParams().id);
  const client = useQueryClient();
  const [isEditing, setEditing] = useState(false);
  const { canManage, leaderAssociationIds, managedOrganizationIds } = useRegistersRole();
  const query = useQuery({
    queryKey: ['association', id],
    queryFn: () => api.get<Association>(`/api/associations/${id}`),
  });
  if (query.isLoading) return <Loading />;
  if (query.error || !query.data)
    return <ErrorAlert error={query.error} title="Методическое объединение недоступно" />;
  const a = query.data;
  const isLeader = leaderAssociationIds.includes(a.id);
  const canEditAssociation = canManage(a.organizationId);
  const canKeepMembers = canEditAssociation || isLeader;
  const seesOwnOnly =
    !canKeepMembers && a.organizationId === null && managedOrganizationIds.length > 0 && !isLeader;
  const refresh = () => {
    client.invalidateQueries({ queryKey: ['association', id] });
    client.invalidateQueries({ queryKey: ['associations'] });
  };

  return (
    <>
      <PageCrumbs to="/associations" section="Методические объединения" current={a.name} />
      <PageHeader
        title={
          <Group gap="sm">
            {a.name}
            <Badge variant="light">{associationType.label[a.type]}</Badge>
            {a.endDate && a.endDate < today() && (
              <Badge variant="light" color="gray">
                прекратило работу
              </Badge>
            )}
          </Group>
        }
        subtitle={a.organizationShortName ?? 'Объединение муниципального уровня'}
        actions={
          canEditAssociation && (
            <Button variant="light" leftSection={<IconPencil size={16} />} onClick={() => setEditing(true)}>
              Изменить
            </Button>
          )
        }
      />
      <Stack gap="lg">
        <Paper withBorder p="lg">
          <Stack gap="sm">
            <InfoRow label="Уровень">{level.label[a.level]}</InfoRow>
            <InfoRow label="Предмет (направление)">{a.subject}</InfoRow>
            <InfoRow label="Организация">{a.organizationShortName ?? 'муниципальное объединение'}</InfoRow>
            <InfoRow label="Руководитель">
              {a.leaderId ? (
                <Anchor component={Link} to={`/teachers/${a.leaderId}`} size="sm">
                  {a.leaderName}
                </Anchor>
              ) : (
                'не назначен'
              )}
            </InfoRow>
            <InfoRow label="Период работы">{periodText(a.startDate, a.endDate)}</InfoRow>
          </Stack>
        </Paper>
        <TeacherLinksPanel<Member>
          title="Состав объединения"
          listUrl={`/api/associations/${a.id}/members`}
          candidatesUrl={`/api/associations/${a.id}/members/candidates`}
          itemUrl={(memberId) => `/api/association-members/${memberId}`}
          queryKey={['association-members', a.id]}
          invalidates={[['association', a.id], ['associations'], ['teacher-register']]}
          canAdd={canKeepMembers}
          canEdit={() => canKeepMembers}
          columns={[
            { label: 'Вступил(а)', render: (m) => formatRuDate(m.joinedOn) },
            {
              label: 'Вышел(ла)',
              render: (m) =>
                m.leftOn ? (
                  formatRuDate(m.leftOn)
                ) : (
                  <Badge size="sm" variant="light" color="teal">
                    состоит
                  </Badge>
                ),
            },
          ]}
          editKind={membershipPeriodKind}
          isCurrent={(m) => !m.leftOn}
          addDefaults={{ joinedOn: today(), leftOn: null }}
          addForm={({ values, set }) => (
            <Group grow align="flex-start">
              <DateField
                label="Дата вступления"
                required
                value={values.joinedOn}
                onChange={(v) => set('joinedOn', v)}
              />
              <DateField label="Дата выхода" value={values.leftOn} onChange={(v) => set('leftOn', v)} />
            </Group>
          )}
          emptyText={
            seesOwnOnly
              ? 'Педагогов вашей организации в объединении нет.'
              : 'В объединении пока нет участников.'
          }
          note={
            seesOwnOnly ? (
              <Alert color="blue" variant="light" icon={<IconInfoCircle size={18} />}>
                Показаны только педагоги вашей организации. Состав муниципального объединения ведут
                координатор и руководитель объединения.
              </Alert>
            ) : a.organizationId !== null && canKeepMembers ? (
              <Text size="sm" c="dimmed">
                В ШМО добавляются только педагоги организации {a.organizationShortName}.
              </Text>
            ) : null
          }
        />
      </Stack>
      {isEditing && (
        <Modal opened onClose={() => setEditing(false)} title={associationKind.label} size="lg">
          <RecordForm
            kind={associationKind}
            record={a as unknown as Record<string, unknown>}
            renderField={registersFieldRenderer({
              fixedOrganization:
                a.organizationId !== null
                  ? { id: a.organizationId, shortName: a.organizationShortName! }
                  : null,
              teacherLabel: (teacherId) =>
                teacherId === a.leaderId ? (a.leaderName ?? undefined) : undefined,
              teacherOrganization: a.organizationId !== null ? { leaderId: a.organizationId } : undefined,
            })}
            onSubmit={async (payload) => {
              await api.patch(`/api/associations/${a.id}`, { ...payload, version: a.version });
              notifySaved();
              setEditing(false);
              refresh();
            }}
            onCancel={() => setEditing(false)}
          />
        </Modal>
      )}
    </>
  );
}
