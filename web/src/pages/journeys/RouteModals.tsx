import { Alert, Group, Modal, Select, Stack, Text, Textarea } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { formatRuDate } from '../../../../core/dates.ts';
import { stepStatus } from '../../../../core/enums.ts';
import { routeKind, routeStepKind } from '../../../../core/registry/kinds.ts';
import { api, ApiError } from '../../api/client.ts';
import { ErrorAlert } from '../../components/common.tsx';
import { notifySaved } from '../../lib/forms.ts';
import { deficitFieldRenderer } from '../teachers/records/deficits.tsx';
import { RecordContext } from '../teachers/records/RecordFields.tsx';
import { RecordForm } from '../teachers/records/RecordForm.tsx';
import type { RouteStep, RouteView, StepStatus } from './api.ts';
import { FormActions } from '../../components/FormActions.tsx';
import { routeSpecialistRenderer } from './route-specialists.tsx';
import { ConfirmModal } from '../../components/ConfirmModal.tsx';

/** The modals of a route card: marking a step, editing a step or the route, deleting. */

const hasApprovals = (route: RouteView) => Boolean(route.approvals.curator || route.approvals.tutor);

export function ApprovalWarning({ route, compact = false }: { route: RouteView; compact?: boolean }) {
  if (!hasApprovals(route)) return null;
  if (compact)
    return (
      <Group gap={6} wrap="nowrap">
        <IconAlertTriangle size={15} color="var(--mantine-color-yellow-7)" style={{ flexShrink: 0 }} />
        <Text size="xs" c="dimmed">
          Изменение мероприятия, срока, вида или дефицита шага снимет утверждения; отметки о выполнении — нет.
        </Text>
      </Group>
    );
  return (
    <Alert color="yellow" icon={<IconAlertTriangle size={18} />}>
      Маршрут утверждён{route.approvals.curator && route.approvals.tutor ? '' : ' частично'}. Изменение
      мероприятия, срока, вида или дефицита шага снимет утверждения — куратор и тьютор утвердят маршрут
      заново.
    </Alert>
  );
}

/**
 * «Снять утверждение»: the curator's or the tutor's approval is withdrawn with a reason; the route becomes a
 * draft, its steps keep their marks.
 */
export function WithdrawApprovalModal({
  route,
  as,
  onClose,
  onSaved,
}: {
  route: RouteView;
  as: 'curator' | 'tutor';
  onClose(): void;
  onSaved(route: RouteView): void;
}) {
  const [reason, setReason] = useState('');
  const save = useMutation({
    mutationFn: () =>
      api.post<RouteView>(`/api/routes/${route.id}/approvals/withdraw`, {
        as,
        reason,
        version: route.version,
      }),
    onSuccess: (after) => {
      notifySaved(`Утверждение ${as === 'curator' ? 'куратора' : 'тьютора'} снято: маршрут снова черновик`);
      onSaved(after);
    },
  });
  const fieldError =
    save.error instanceof ApiError && (save.error.details as { field?: string } | null)?.field === 'reason'
      ? save.error.message
      : null;
  const approval = route.approvals[as];
  return (
    <Modal
      opened
      onClose={onClose}
      title={`Снять утверждение ${as === 'curator' ? 'куратора' : 'тьютора'}`}
      size="lg"
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <Stack>
          <Alert color="yellow" icon={<IconAlertTriangle size={18} />}>
            Маршрут снова станет черновиком: отмечать выполнение шагов можно будет после нового утверждения.
            Отметки о выполненных шагах и их результаты сохранятся
            {approval ? `, а в журнале останется, что маршрут утвердил(а) ${approval.by}` : ''}.
          </Alert>
          {!fieldError && <ErrorAlert error={save.error} title="Не удалось снять утверждение" />}
          <Textarea
            label="Причина"
            description="Например: «по новой диагностике изменились дефициты» или «утверждено по ошибке»"
            withAsterisk
            autosize
            minRows={2}
            maxLength={1000}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={fieldError}
            data-autofocus
          />
          <FormActions onCancel={onClose} loading={save.isPending} submitLabel="Снять утверждение" />
        </Stack>
      </form>
    </Modal>
  );
}

/** «Отметить выполнение»: the teacher marks its own step; the school and the department may also cancel one. */
export function StepProgressModal({
  step,
  canCancel,
  onClose,
  onSaved,
}: {
  step: RouteStep;
  canCancel: boolean;
  onClose(): void;
  onSaved(route: RouteView): void;
}) {
  const [status, setStatus] = useState<StepStatus>(step.status === 'planned' ? 'done' : step.status);
  const [result, setResult] = useState(step.result ?? '');
  const save = useMutation({
    mutationFn: () =>
      api.post<RouteView>(`/api/route-steps/${step.id}/progress`, {
        status,
        result,
        version: step.version,
      }),
    onSuccess: (route) => {
      notifySaved(status === 'done' ? 'Шаг отмечен выполненным' : 'Статус шага сохранён');
      onSaved(route);
    },
  });
  const options = stepStatus.values
    .filter((v) => canCancel || v !== 'cancelled')
    .map((value) => ({ value, label: stepStatus.label[value] }));
  const fieldError =
    save.error instanceof ApiError && (save.error.details as { field?: string } | null)?.field === 'result'
      ? save.error.message
      : null;
  return (
    <Modal opened onClose={onClose} title="Выполнение шага маршрута" size="lg">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <Stack>
          <div>
            <Text fw={600}>{step.title}</Text>
            <Text size="sm" c="dimmed">
              Срок — {formatRuDate(step.deadline)}
            </Text>
          </div>
          {!fieldError && <ErrorAlert error={save.error} title="Не удалось сохранить" />}
          <Select
            label="Статус"
            data={options}
            value={status}
            onChange={(v) => v && setStatus(v as StepStatus)}
            allowDeselect={false}
          />
          <Textarea
            label="Результат"
            description="Что сделано: удостоверение о повышении квалификации, открытый урок, разработка, выступление"
            withAsterisk={status === 'done'}
            autosize
            minRows={3}
            maxLength={1000}
            value={result}
            onChange={(e) => setResult(e.currentTarget.value)}
            error={fieldError}
          />
          <FormActions onCancel={onClose} loading={save.isPending} />
        </Stack>
      </form>
    </Modal>
  );
}

/** Adds or edits a step of the plan (the deficit, kind, activity and deadline). */
export function StepFormModal({
  route,
  step,
  onClose,
  onSaved,
}: {
  route: RouteView;
  step: RouteStep | null;
  onClose(): void;
  onSaved(): void;
}) {
  return (
    <Modal opened onClose={onClose} title={step ? 'Шаг маршрута' : 'Новый шаг маршрута'} size="lg">
      <Stack>
        <ApprovalWarning route={route} />
        <Text size="sm" c="dimmed">
          Срок — в пределах маршрута: {formatRuDate(route.startDate)} — {formatRuDate(route.endDate)}.
        </Text>
        <RecordForm
          kind={routeStepKind}
          record={step as unknown as Record<string, unknown> | null}
          defaults={{ status: 'planned', kind: 'course' }}
          only={['deficitCode', 'kind', 'title', 'deadline']}
          renderField={deficitFieldRenderer}
          onSubmit={async (payload) => {
            if (step) await api.patch(`/api/route-steps/${step.id}`, { ...payload, version: step.version });
            else await api.post(`/api/routes/${route.id}/steps`, payload);
            notifySaved(step ? 'Шаг сохранён' : 'Шаг добавлен');
            onSaved();
          }}
          onCancel={onClose}
        />
      </Stack>
    </Modal>
  );
}

/** Edits the route itself: its period, the diagnostic it follows, who curates and tutors it. */
export function RouteFormModal({
  route,
  onClose,
  onSaved,
}: {
  route: RouteView;
  onClose(): void;
  onSaved(): void;
}) {
  return (
    <Modal opened onClose={onClose} title="Индивидуальный образовательный маршрут" size="lg">
      <Stack>
        {hasApprovals(route) && (
          <Alert color="yellow" icon={<IconAlertTriangle size={18} />}>
            Изменение периода или диагностики снимет утверждения куратора и тьютора.
          </Alert>
        )}
        <RecordContext.Provider value={{ teacherId: route.teacherId }}>
          <RecordForm
            kind={routeKind}
            record={{ ...route, diagnosticId: route.diagnostic?.id ?? null }}
            only={['diagnosticId', 'startDate', 'endDate', 'curatorId', 'tutorId']}
            renderField={routeSpecialistRenderer(route)}
            onSubmit={async (payload) => {
              await api.patch(`/api/routes/${route.id}`, { ...payload, version: route.version });
              notifySaved('Маршрут сохранён');
              onSaved();
            }}
            onCancel={onClose}
          />
        </RecordContext.Provider>
      </Stack>
    </Modal>
  );
}

export function ConfirmDeleteModal({
  title,
  text,
  url,
  onClose,
  onDeleted,
}: {
  title: string;
  text: string;
  url: string;
  onClose(): void;
  onDeleted(): void;
}) {
  const remove = useMutation({
    mutationFn: () => api.delete<{ message: string }>(url),
    onSuccess: (result) => {
      notifySaved(result.message);
      onDeleted();
    },
  });
  return (
    <ConfirmModal
      opened
      title={title}
      confirmLabel="Удалить"
      onConfirm={() => remove.mutate()}
      onClose={onClose}
      loading={remove.isPending}
      error={remove.error}
      errorTitle="Не удалось удалить"
    >
      {text}
    </ConfirmModal>
  );
}
