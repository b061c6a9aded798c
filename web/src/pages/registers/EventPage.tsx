import { Alert, Badge, Button, Group, Modal, Paper, Select, Stack } from '@mantine/core';
import { IconInfoCircle, IconPencil } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { eventFormat, eventRole, eventType, level } from '../../../../core/enums.ts';
import { eventKind } from '../../../../core/registry/kinds.ts';
import { participationRoleKind } from '../../../../core/registry/register-kinds.ts';
import { api } from '../../api/client.ts';
import { ErrorAlert, InfoRow, Loading, PageHeader } from '../../components/common.tsx';
import { formatRuDate } from '../../lib/format.ts';
import { notifySaved } from '../../lib/forms.ts';
import { RecordForm } from '../teachers/records/RecordForm.tsx';
import { useRegistersRole, type Participant, type RegisterEvent } from './api.ts';
import { registersFieldRenderer } from './fields.tsx';
import { enumOptions } from './list-filters.tsx';
import { TeacherLinksPanel } from './TeacherLinksPanel.tsx';
import { PageCrumbs } from '../../components/PageCrumbs.tsx';

const ROLE_COLOR: Record<string, string> = { participant: 'gray', speaker: 'blue', organizer: 'grape' };

/** The card of a methodological event: what, when, and who took part in which role. */
export function EventPage() {
  const id = Number(useParams().id);
  const client = useQueryClient();
  const [isEditing, setEditing] = useState(false);
  const { canManage, managedOrganizationIds } = useRegistersRole();
  const query = useQuery({
    queryKey: ['event', id],
    queryFn: () => api.get<RegisterEvent>(`/api/events/${id}`),
  });
  if (query.isLoading) return <Loading />;
  if (query.error || !query.data) return <ErrorAlert error={query.error} title="Мероприятие недоступно" />;
  const e = query.data;
  const canEditEvent = canManage(e.organizationId);
  // An org_manager marks its own teachers in a municipal event, and sees only them.
  const isOwnTeachersOnly = !canEditEvent && e.organizationId === null && managedOrganizationIds.length > 0;
  const canKeepParticipants = canEditEvent || isOwnTeachersOnly;

  return (
    <>
      <PageCrumbs to="/events" section="Мероприятия" current={e.title} />
      <PageHeader
        title={
          <Group gap="sm">
            {e.title}
            <Badge variant="light">{level.label[e.level]}</Badge>
          </Group>
        }
        subtitle={`${formatRuDate(e.date)}, ${eventFormat.label[e.format]}${e.organizationShortName ? ` — ${e.organizationShortName}` : ''}`}
        actions={
          canEditEvent && (
            <Button variant="light" leftSection={<IconPencil size={16} />} onClick={() => setEditing(true)}>
              Изменить
            </Button>
          )
        }
      />
      <Stack gap="lg">
        <Paper withBorder p="lg">
          <Stack gap="sm">
            <InfoRow label="Дата">{formatRuDate(e.date)}</InfoRow>
            <InfoRow label="Уровень">{level.label[e.level]}</InfoRow>
            <InfoRow label="Вид мероприятия">{e.type ? eventType.label[e.type] : 'не указан'}</InfoRow>
            <InfoRow label="Формат">{eventFormat.label[e.format]}</InfoRow>
            <InfoRow label="Дефициты, на которые направлено">{e.deficitCodes.join(', ')}</InfoRow>
            <InfoRow label="Проводит">{e.organizationShortName ?? 'муниципалитет'}</InfoRow>
          </Stack>
        </Paper>
        <TeacherLinksPanel<Participant>
          title="Участники"
          listUrl={`/api/events/${e.id}/participants`}
          candidatesUrl={`/api/events/${e.id}/participants/candidates`}
          itemUrl={(participationId) => `/api/event-participations/${participationId}`}
          queryKey={['event-participants', e.id]}
          invalidates={[['event', e.id], ['events'], ['teacher-register']]}
          canAdd={canKeepParticipants}
          canEdit={() => canKeepParticipants}
          columns={[
            {
              label: 'Роль',
              render: (p) => (
                <Badge size="sm" variant="light" color={ROLE_COLOR[p.role]}>
                  {eventRole.label[p.role]}
                </Badge>
              ),
            },
          ]}
          editKind={participationRoleKind}
          addDefaults={{ role: 'participant' }}
          addForm={({ values, set }) => (
            <Select
              label="Роль"
              data={enumOptions(eventRole)}
              value={(values.role as string) ?? 'participant'}
              onChange={(v) => set('role', v ?? 'participant')}
              allowDeselect={false}
            />
          )}
          emptyText={
            isOwnTeachersOnly
              ? 'Педагоги вашей организации в этом мероприятии не отмечены.'
              : 'Участники пока не отмечены.'
          }
          note={
            isOwnTeachersOnly && (
              <Alert color="blue" variant="light" icon={<IconInfoCircle size={18} />}>
                Показаны и добавляются только педагоги вашей организации; полный список участников ведёт
                координатор.
              </Alert>
            )
          }
        />
      </Stack>
      {isEditing && (
        <Modal opened onClose={() => setEditing(false)} title={eventKind.label} size="lg">
          <RecordForm
            kind={eventKind}
            record={e as unknown as Record<string, unknown>}
            renderField={registersFieldRenderer({
              fixedOrganization:
                e.organizationId !== null
                  ? { id: e.organizationId, shortName: e.organizationShortName! }
                  : null,
            })}
            onSubmit={async (payload) => {
              await api.patch(`/api/events/${e.id}`, { ...payload, version: e.version });
              notifySaved();
              setEditing(false);
              client.invalidateQueries({ queryKey: ['event', id] });
              client.invalidateQueries({ queryKey: ['events'] });
            }}
            onCancel={() => setEditing(false)}
          />
        </Modal>
      )}
    </>
  );
}
