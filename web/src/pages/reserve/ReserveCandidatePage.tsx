import { Badge, Button, Group, Modal, Paper, Stack, Text } from '@mantine/core';
import { IconArrowBackUp, IconCheck, IconUserMinus } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useParams } from 'react-router-dom';
import type { FieldDef, RecordKind } from '../../../../core/registry/fields.ts';
import {
  reserveAppointmentKind,
  reserveExclusionKind,
  reservePlanItemKind,
} from '../../../../core/registry/reserve-kinds.ts';
import { planItemKind, reserveStatus, type ReserveStatus } from '../../../../core/reserve/reserve.ts';
import { api } from '../../api/client.ts';
import { ErrorAlert, InfoRow, Loading, PageHeader } from '../../components/common.tsx';
import { PageCrumbs } from '../../components/PageCrumbs.tsx';
import { formatRuDate } from '../../lib/format.ts';
import { notifySaved } from '../../lib/forms.ts';
import { useRegistersRole } from '../registers/api.ts';
import type { RecordRow } from '../teachers/api.ts';
import { RecordForm } from '../teachers/records/RecordForm.tsx';
import { RecordList } from '../teachers/records/RecordList.tsx';
import { STATUS_COLOR, type Candidate, type PlanItem } from './api.ts';
import { reserveFieldRenderer } from './fields.tsx';

const today = () => new Date().toISOString().slice(0, 10);

function planCell(f: FieldDef, row: RecordRow) {
  const item = row as unknown as PlanItem;
  switch (f.key) {
    case 'kind':
      return planItemKind.label[item.kind];
    case 'title':
      return item.kind === 'free' ? item.title : (item.linkedTitle ?? 'запись удалена из реестра');
    case 'dueDate':
      return item.dueDate ? formatRuDate(item.dueDate) : '—';
    case 'doneDate':
      return item.doneDate ? (
        <Text size="sm" c="green.8">
          выполнено {formatRuDate(item.doneDate)}
        </Text>
      ) : (
        <Text size="sm" c="dimmed">
          не выполнено
        </Text>
      );
    default:
      return undefined;
  }
}

/** A change of status: the form of its fields, the status itself added on saving. */
interface Transition {
  status: ReserveStatus;
  title: string;
  kind: RecordKind | null;
}

const TRANSITIONS: Record<'appoint' | 'exclude' | 'restore', Transition> = {
  appoint: { status: 'appointed', title: 'Назначение на должность', kind: reserveAppointmentKind },
  exclude: { status: 'excluded', title: 'Исключение из резерва', kind: reserveExclusionKind },
  restore: { status: 'reserve', title: 'Вернуть в резерв', kind: null },
};

/** The card of a candidate of the reserve: the basis, the status and its changes, the development plan. */
export function ReserveCandidatePage() {
  const id = Number(useParams().id);
  const client = useQueryClient();
  const { canManage } = useRegistersRole();
  const [transition, setTransition] = useState<Transition | null>(null);
  const query = useQuery({
    queryKey: ['reserve-candidate', id],
    queryFn: () => api.get<Candidate>(`/api/reserve-candidates/${id}`),
  });
  if (query.isLoading) return <Loading />;
  if (query.error || !query.data) return <ErrorAlert error={query.error} title="Кандидат недоступен" />;
  const c = query.data;
  const editable = canManage(c.organizationId);
  const refresh = () => {
    client.invalidateQueries({ queryKey: ['reserve-candidate', id] });
    client.invalidateQueries({ queryKey: ['reserve-candidates'] });
  };
  const changeStatus = async (t: Transition, payload: Record<string, unknown>) => {
    const cleared = {
      decisionDate: null,
      appointedPosition: null,
      appointedOrganizationId: null,
      exclusionReason: null,
    };
    await api.patch(`/api/reserve-candidates/${c.id}`, {
      ...cleared,
      ...payload,
      status: t.status,
      version: c.version,
    });
    notifySaved(`Статус: ${reserveStatus.label[t.status]}`);
    setTransition(null);
    refresh();
  };

  return (
    <>
      <PageCrumbs to="/reserve" section="Кадровый резерв" current={c.name} />
      <PageHeader
        title={
          <Group gap="sm">
            {c.name}
            <Badge variant="light" color={STATUS_COLOR[c.status]}>
              {reserveStatus.label[c.status]}
            </Badge>
          </Group>
        }
        subtitle={`Резерв на должность: ${c.positionKindName}`}
        actions={
          editable && (
            <Group gap="xs">
              {c.status === 'reserve' ? (
                <>
                  <Button
                    leftSection={<IconCheck size={16} />}
                    onClick={() => setTransition(TRANSITIONS.appoint)}
                  >
                    Назначен
                  </Button>
                  <Button
                    variant="light"
                    color="gray"
                    leftSection={<IconUserMinus size={16} />}
                    onClick={() => setTransition(TRANSITIONS.exclude)}
                  >
                    Исключить
                  </Button>
                </>
              ) : (
                <Button
                  variant="light"
                  leftSection={<IconArrowBackUp size={16} />}
                  onClick={() => setTransition(TRANSITIONS.restore)}
                >
                  Вернуть в резерв
                </Button>
              )}
            </Group>
          )
        }
      />
      <Stack>
        <Paper withBorder p="lg">
          <Stack gap="sm">
            <InfoRow label="Место работы">
              {c.teacherId === null
                ? 'не из реестра педагогов'
                : [c.currentPositionTitle, c.currentOrganizationShortName].filter(Boolean).join(', ')}
            </InfoRow>
            {c.teacherId === null && <InfoRow label="Контакты">{c.contact}</InfoRow>}
            <InfoRow label="Выдвинула">{c.organizationShortName ?? 'отдел образования'}</InfoRow>
            <InfoRow label="Основание включения">{`приказ № ${c.orderNumber} от ${formatRuDate(c.orderDate)}`}</InfoRow>
            <InfoRow label="Включён в резерв">{formatRuDate(c.includedDate)}</InfoRow>
            <InfoRow label="Пересмотрен">{c.reviewedDate ? formatRuDate(c.reviewedDate) : null}</InfoRow>
            {c.status === 'appointed' && (
              <InfoRow label="Назначен">
                {[
                  c.decisionDate ? formatRuDate(c.decisionDate) : null,
                  c.appointedPosition,
                  c.appointedOrganizationShortName,
                ]
                  .filter(Boolean)
                  .join(', ')}
              </InfoRow>
            )}
            {c.status === 'excluded' && (
              <InfoRow label="Исключён">
                {`${c.decisionDate ? formatRuDate(c.decisionDate) : ''}: ${c.exclusionReason ?? ''}`}
              </InfoRow>
            )}
            <InfoRow label="Примечание">{c.notes}</InfoRow>
          </Stack>
        </Paper>
        <RecordList
          kind={reservePlanItemKind}
          title={`План развития: выполнено ${c.planDoneCount} из ${c.planItemCount}`}
          listUrl={`/api/reserve-candidates/${c.id}/plan`}
          itemUrl={(itemId) => `/api/reserve-plan-items/${itemId}`}
          queryKey={['reserve-plan', c.id]}
          invalidates={[['reserve-candidate', id]]}
          canEdit={editable}
          columns={['kind', 'title', 'dueDate', 'doneDate']}
          columnLabels={{ title: 'Содержание', doneDate: 'Отметка' }}
          renderCell={planCell}
          renderField={reserveFieldRenderer({ candidateTeacherId: c.teacherId })}
          defaults={{ kind: c.teacherId === null ? 'free' : 'training' }}
          addLabel="Добавить пункт"
          emptyText="План развития пока пуст: добавьте обучение, ИОМ, мероприятие или свой пункт со сроком."
        />
      </Stack>
      {transition && (
        <Modal opened onClose={() => setTransition(null)} title={transition.title} size="lg">
          {transition.kind ? (
            <RecordForm
              kind={transition.kind}
              defaults={{ decisionDate: today() }}
              renderField={reserveFieldRenderer()}
              submitLabel="Сохранить"
              onSubmit={(payload) => changeStatus(transition, payload)}
              onCancel={() => setTransition(null)}
            />
          ) : (
            <Stack>
              <Text size="sm">
                Решение о назначении или исключении будет отменено, кандидат снова будет в резерве.
              </Text>
              <Group justify="flex-end">
                <Button variant="default" onClick={() => setTransition(null)}>
                  Отмена
                </Button>
                <Button onClick={() => changeStatus(transition, {})}>Вернуть в резерв</Button>
              </Group>
            </Stack>
          )}
        </Modal>
      )}
    </>
  );
}
