import {
  Anchor,
  Badge,
  Button,
  Group,
  Paper,
  Progress,
  SimpleGrid,
  Stack,
  Table,
  Text,
  ThemeIcon,
  Title,
} from '@mantine/core';
import { IconCheck, IconCircleCheck, IconClock, IconExternalLink, IconPlus } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { formatRuDate } from '../../../../core/dates.ts';
import { resourceKind, routeStatus, stepStatus } from '../../../../core/enums.ts';
import { api } from '../../api/client.ts';
import { EmptyState, ErrorAlert } from '../../components/common.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { notifySaved } from '../../lib/forms.ts';
import {
  RESOURCE_KIND_COLOR,
  ROUTE_STATUS_COLOR,
  STEP_STATUS_COLOR,
  type Approval,
  type RouteStep,
  type RouteView,
  WHOLE,
} from './api.ts';
import {
  ApprovalWarning,
  ConfirmDeleteModal,
  RouteFormModal,
  StepFormModal,
  StepProgressModal,
  WithdrawApprovalModal,
} from './RouteModals.tsx';
import { EditDeleteIcons } from '../../components/EditDeleteIcons.tsx';

export function RouteStatusBadge({ status }: { status: RouteView['status'] }) {
  return (
    <Badge variant="light" color={ROUTE_STATUS_COLOR[status]} tt="none" style={WHOLE}>
      {routeStatus.label[status]}
    </Badge>
  );
}

/** Steps done of those that count, as a bar with the numbers. */
export function RouteProgress({ route }: { route: RouteView }) {
  const { done, total, percent } = route.progress;
  return (
    <Stack gap={4}>
      <Group justify="space-between">
        <Text size="sm" fw={500}>
          Выполнено шагов: {done} из {total}
        </Text>
        <Text size="sm" c="dimmed">
          {percent} %
        </Text>
      </Group>
      <Progress
        value={percent}
        size="lg"
        radius="xl"
        color={percent === 100 ? 'green' : 'blue'}
        aria-label={`Выполнение маршрута: ${percent} %`}
      />
    </Stack>
  );
}

function ApprovalBox({
  title,
  name,
  approval,
  onWithdraw,
}: {
  title: string;
  name: string | null;
  approval: Approval | null;
  /** Offered when the caller may withdraw this approval. */
  onWithdraw?: () => void;
}) {
  return (
    <Paper withBorder p="sm" radius="md" bg={approval ? 'var(--mantine-color-green-0)' : undefined}>
      <Group gap="sm" wrap="nowrap" align="flex-start">
        <ThemeIcon variant="light" color={approval ? 'green' : 'gray'} radius="xl">
          {approval ? <IconCircleCheck size={18} /> : <IconClock size={18} />}
        </ThemeIcon>
        <Stack gap={0}>
          <Text size="xs" c="dimmed">
            {title}
          </Text>
          <Text size="sm" fw={500}>
            {name ?? 'не назначен'}
          </Text>
          <Text size="xs" c={approval ? 'green.8' : 'dimmed'}>
            {approval ? `утвердил(а) ${approval.by}, ${formatDateTime(approval.at)}` : 'ожидает утверждения'}
          </Text>
          {onWithdraw && (
            <Anchor component="button" type="button" size="xs" c="red.7" onClick={onWithdraw} ta="left">
              Снять утверждение
            </Anchor>
          )}
        </Stack>
      </Group>
    </Paper>
  );
}

function StepCell({ step }: { step: RouteStep }) {
  return (
    <Stack gap={3}>
      <Text size="sm" fw={500}>
        {step.title}
      </Text>
      {step.kind && (
        <Badge size="sm" variant="light" color={RESOURCE_KIND_COLOR[step.kind]} tt="none" style={WHOLE}>
          {resourceKind.label[step.kind]}
        </Badge>
      )}
      {step.resource && (step.resource.provider || step.resource.hours || step.resource.url) && (
        <Text size="xs" c="dimmed">
          {[step.resource.provider, step.resource.hours ? `${step.resource.hours} ч` : null]
            .filter(Boolean)
            .join(', ')}
          {step.resource.url && (
            <>
              {' '}
              <Anchor href={step.resource.url} target="_blank" size="xs">
                ссылка <IconExternalLink size={11} />
              </Anchor>
            </>
          )}
        </Text>
      )}
      {step.deficitCode && (
        <Group gap={4} wrap="nowrap" align="flex-start">
          <Badge size="xs" variant="light" color="orange" style={WHOLE}>
            {step.deficitCode}
          </Badge>
          <Text size="xs" c="dimmed">
            {step.deficitTitle}
          </Text>
        </Group>
      )}
    </Stack>
  );
}

/**
 * One ИОМ: its period and diagnostic, who approved it, the progress bar and the steps — with the actions
 * the caller has: approve as curator or tutor, mark steps, edit the plan.
 */
export function RouteCard({ route, onChanged }: { route: RouteView; onChanged(): void }) {
  const client = useQueryClient();
  const [marking, setMarking] = useState<RouteStep | null>(null);
  const [editingStep, setEditingStep] = useState<RouteStep | 'new' | null>(null);
  const [deletingStep, setDeletingStep] = useState<RouteStep | null>(null);
  const [editingRoute, setEditingRoute] = useState(false);
  const [deletingRoute, setDeletingRoute] = useState(false);
  const [withdrawing, setWithdrawing] = useState<'curator' | 'tutor' | null>(null);
  const { permissions: can } = route;
  const approve = useMutation({
    mutationFn: (as: 'curator' | 'tutor') =>
      api.post<RouteView>(`/api/routes/${route.id}/approvals`, { as, version: route.version }),
    onSuccess: (after, as) => {
      notifySaved(
        after.status === 'draft'
          ? `Маршрут утверждён ${as === 'curator' ? 'куратором' : 'тьютором'}`
          : 'Маршрут утверждён',
      );
      onChanged();
    },
  });
  const changed = () => {
    setMarking(null);
    setEditingStep(null);
    setDeletingStep(null);
    setEditingRoute(false);
    setDeletingRoute(false);
    setWithdrawing(null);
    client.invalidateQueries({ queryKey: ['my-cabinet'] });
    onChanged();
  };

  return (
    <Paper
      withBorder
      p="md"
      radius="md"
      role="region"
      aria-label={`ИОМ на ${formatRuDate(route.startDate)} — ${formatRuDate(route.endDate)}`}
    >
      <Stack gap="md">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <Stack gap={2}>
            <Group gap="sm">
              <Title order={4}>
                ИОМ на {formatRuDate(route.startDate)} — {formatRuDate(route.endDate)}
              </Title>
              <RouteStatusBadge status={route.status} />
            </Group>
            <Text size="sm" c="dimmed">
              {route.diagnostic
                ? `По итогам диагностики ${formatRuDate(route.diagnostic.date)}: ${route.diagnostic.instrument}`
                : 'Составлен без привязки к диагностике'}
              {route.approvedAt && ` · утверждён ${formatRuDate(route.approvedAt)}`}
            </Text>
          </Stack>
          <Group gap="xs" wrap="nowrap">
            {can.canApproveAsCurator && (
              <Button
                size="xs"
                leftSection={<IconCheck size={14} />}
                loading={approve.isPending && approve.variables === 'curator'}
                onClick={() => approve.mutate('curator')}
              >
                Утвердить как куратор
              </Button>
            )}
            {can.canApproveAsTutor && (
              <Button
                size="xs"
                leftSection={<IconCheck size={14} />}
                loading={approve.isPending && approve.variables === 'tutor'}
                onClick={() => approve.mutate('tutor')}
              >
                Утвердить как тьютор
              </Button>
            )}
            {can.canEdit && (
              <>
                <EditDeleteIcons
                  onEdit={() => setEditingRoute(true)}
                  onDelete={() => setDeletingRoute(true)}
                  editLabel="Изменить маршрут"
                  deleteLabel="Удалить маршрут"
                  editTooltip="Изменить маршрут"
                  deleteTooltip="Удалить маршрут"
                />
              </>
            )}
          </Group>
        </Group>
        <ErrorAlert error={approve.error} title="Не удалось утвердить" />
        <RouteProgress route={route} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <ApprovalBox
            title="Куратор — отдел образования"
            name={route.curatorName}
            approval={route.approvals.curator}
            onWithdraw={can.canWithdrawCurator ? () => setWithdrawing('curator') : undefined}
          />
          <ApprovalBox
            title="Тьютор — образовательная организация"
            name={route.tutorName}
            approval={route.approvals.tutor}
            onWithdraw={can.canWithdrawTutor ? () => setWithdrawing('tutor') : undefined}
          />
        </SimpleGrid>
        {can.canEdit && route.status !== 'completed' && <ApprovalWarning route={route} compact />}
        <Stack gap="xs">
          <Group justify="space-between">
            <Text fw={600}>Шаги маршрута</Text>
            {can.canEdit && (
              <Button
                size="xs"
                variant="light"
                leftSection={<IconPlus size={14} />}
                onClick={() => setEditingStep('new')}
              >
                Добавить шаг
              </Button>
            )}
          </Group>
          {route.steps.length === 0 ? (
            <EmptyState>Шаги маршрута ещё не запланированы.</EmptyState>
          ) : (
            <Table.ScrollContainer minWidth={720}>
              <Table verticalSpacing="xs" aria-label="Шаги маршрута">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th w={100}>Срок</Table.Th>
                    <Table.Th>Шаг</Table.Th>
                    <Table.Th w={130}>Статус</Table.Th>
                    <Table.Th>Результат</Table.Th>
                    <Table.Th w={can.canEdit ? 200 : 170} />
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {route.steps.map((step) => (
                    <Table.Tr key={step.id}>
                      <Table.Td>
                        <Text size="sm" c={step.isOverdue ? 'red' : undefined}>
                          {formatRuDate(step.deadline)}
                        </Text>
                        {step.isOverdue && (
                          <Text size="xs" c="red">
                            просрочен
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        <StepCell step={step} />
                      </Table.Td>
                      <Table.Td>
                        <Badge variant="light" color={STEP_STATUS_COLOR[step.status]} tt="none" style={WHOLE}>
                          {stepStatus.label[step.status]}
                        </Badge>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{step.result ?? '—'}</Text>
                      </Table.Td>
                      <Table.Td>
                        <Group gap={4} justify="flex-end" wrap="nowrap">
                          {can.canMarkSteps && step.status !== 'done' && step.status !== 'cancelled' && (
                            <Button
                              size="compact-xs"
                              variant="light"
                              color="green"
                              onClick={() => setMarking(step)}
                            >
                              Отметить выполнение
                            </Button>
                          )}
                          {can.canMarkSteps && (step.status === 'done' || step.status === 'cancelled') && (
                            <Button size="compact-xs" variant="subtle" onClick={() => setMarking(step)}>
                              Изменить отметку
                            </Button>
                          )}
                          {can.canEdit && (
                            <>
                              <EditDeleteIcons
                                onEdit={() => setEditingStep(step)}
                                onDelete={() => setDeletingStep(step)}
                                editLabel="Изменить шаг"
                                deleteLabel="Удалить шаг"
                                tooltips={false}
                                iconSize={15}
                              />
                            </>
                          )}
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
          {route.status === 'draft' && !can.canEdit && (
            <Text size="sm" c="dimmed">
              Отмечать выполнение шагов можно после того, как маршрут утвердят куратор и тьютор.
            </Text>
          )}
        </Stack>
      </Stack>
      {marking && (
        <StepProgressModal
          step={marking}
          canCancel={can.canEdit}
          onClose={() => setMarking(null)}
          onSaved={changed}
        />
      )}
      {editingStep && (
        <StepFormModal
          route={route}
          step={editingStep === 'new' ? null : editingStep}
          onClose={() => setEditingStep(null)}
          onSaved={changed}
        />
      )}
      {deletingStep && (
        <ConfirmDeleteModal
          title="Удалить шаг?"
          text={`Шаг «${deletingStep.title}» будет удалён из маршрута. Если маршрут утверждён, утверждения будут сняты.`}
          url={`/api/route-steps/${deletingStep.id}`}
          onClose={() => setDeletingStep(null)}
          onDeleted={changed}
        />
      )}
      {withdrawing && (
        <WithdrawApprovalModal
          route={route}
          as={withdrawing}
          onClose={() => setWithdrawing(null)}
          onSaved={changed}
        />
      )}
      {editingRoute && (
        <RouteFormModal route={route} onClose={() => setEditingRoute(false)} onSaved={changed} />
      )}
      {deletingRoute && (
        <ConfirmDeleteModal
          title="Удалить маршрут?"
          text="Маршрут будет удалён вместе со всеми шагами и отметками о выполнении."
          url={`/api/routes/${route.id}`}
          onClose={() => setDeletingRoute(false)}
          onDeleted={changed}
        />
      )}
    </Paper>
  );
}
