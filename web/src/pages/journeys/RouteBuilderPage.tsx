import {
  ActionIcon,
  Alert,
  Anchor,
  Badge,
  Breadcrumbs,
  Button,
  Checkbox,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconAlertTriangle, IconInfoCircle, IconPlus, IconTrash, IconWand } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { formatRuDate } from '../../../../core/dates.ts';
import { competenceArea, resourceKind } from '../../../../core/enums.ts';
import { api, ApiError } from '../../api/client.ts';
import { specialistOptions, useSpecialistNames } from '../../api/specialists.ts';
import { EmptyState, ErrorAlert, Loading, PageHeader } from '../../components/common.tsx';
import { notifySaved } from '../../lib/forms.ts';
import type { RecordRow, TeacherCard } from '../teachers/api.ts';
import type { Proposal, ResourceKind, Resource, RouteView } from './api.ts';
import { RuDateInput } from './fields.tsx';
import { iomKey } from './TeacherRoutes.tsx';

interface DraftStep {
  key: number;
  deficitCode: string | null;
  included: boolean;
  kind: ResourceKind;
  resourceId: number | null;
  title: string;
  deadline: string | null;
}

const KIND_OPTIONS = resourceKind.values.map((value) => ({ value, label: resourceKind.label[value] }));
let nextKey = 1;

/**
 * The ИОМ builder: a diagnostic of the teacher and the route's period in; the steps the catalog suggests
 * for every deficit out — to include or not, edit, add to — and the route with its steps created in one go.
 */
export function RouteBuilderPage() {
  const teacherId = Number(useParams().id);
  const [diagnosticId, setDiagnosticId] = useState<string | null>(null);
  const [period, setPeriod] = useState<{ startDate: string | null; endDate: string | null }>({
    startDate: null,
    endDate: null,
  });
  const teacher = useQuery({
    queryKey: ['teacher', teacherId],
    queryFn: () => api.get<TeacherCard>(`/api/teachers/${teacherId}`),
  });
  const diagnostics = useQuery({
    queryKey: ['teacher-records', teacherId, 'diagnostics'],
    queryFn: () => api.get<RecordRow[]>(`/api/teachers/${teacherId}/diagnostics`),
  });
  const routes = useQuery({
    queryKey: iomKey(teacherId),
    queryFn: () => api.get<RouteView[]>(`/api/teachers/${teacherId}/iom`),
  });
  const withRoute = new Set((routes.data ?? []).map((r) => r.diagnostic?.id));
  const withDeficits = (diagnostics.data ?? []).filter((d) => (d.deficitCodes as string[]).length > 0);
  // The latest diagnostic not yet worked into a route is where a new route starts.
  const fresh = withDeficits.find((d) => !withRoute.has(d.id)) ?? withDeficits[0];
  const chosen = diagnosticId ?? (fresh ? String(fresh.id) : null);
  const proposal = useQuery({
    queryKey: ['iom-proposal', teacherId, chosen, period.startDate, period.endDate],
    queryFn: () =>
      api.get<Proposal>(`/api/teachers/${teacherId}/iom/proposal`, {
        diagnosticId: chosen,
        startDate: period.startDate,
        endDate: period.endDate,
      }),
    enabled: chosen !== null && !routes.isLoading,
    retry: false,
  });

  if (teacher.isLoading || diagnostics.isLoading || routes.isLoading) return <Loading />;
  if (teacher.error || !teacher.data)
    return <ErrorAlert error={teacher.error} title="Карточка педагога недоступна" />;
  const card = teacher.data;

  return (
    <>
      <Breadcrumbs mb="xs">
        <Anchor component={Link} to="/teachers" size="sm">
          Педагоги
        </Anchor>
        <Anchor component={Link} to={`/teachers/${teacherId}?tab=routes`} size="sm">
          {card.fullName}
        </Anchor>
        <Text size="sm">Новый ИОМ</Text>
      </Breadcrumbs>
      <PageHeader
        title="Конструктор ИОМ"
        subtitle={`${card.fullName}: шаги маршрута по дефицитам, выявленным диагностикой, из каталога ресурсов`}
      />
      {!card.permissions.canEdit ? (
        <Alert color="gray">
          Составлять маршруты этого педагога могут его образовательная организация и отдел образования.
        </Alert>
      ) : withDeficits.length === 0 ? (
        <Paper withBorder>
          <EmptyState>
            У педагога нет диагностик с выявленными дефицитами. Добавьте результаты диагностики на вкладке
            «Диагностики» карточки педагога.
          </EmptyState>
        </Paper>
      ) : (
        <Stack>
          <Paper withBorder p="md">
            <Title order={4} mb="sm">
              Диагностика и период маршрута
            </Title>
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <Select
                label="По итогам диагностики"
                data={withDeficits.map((d) => ({
                  value: String(d.id),
                  label: `${formatRuDate(String(d.date))}, ${String(d.instrument)} — дефицитов: ${(d.deficitCodes as string[]).length}${withRoute.has(d.id) ? ' (ИОМ составлен)' : ''}`,
                }))}
                value={chosen}
                onChange={(v) => {
                  setDiagnosticId(v);
                  setPeriod({ startDate: null, endDate: null });
                }}
                allowDeselect={false}
              />
              <RuDateInput
                label="Начало"
                value={period.startDate ?? proposal.data?.startDate ?? null}
                onChange={(v) => v && setPeriod((p) => ({ ...p, startDate: v }))}
              />
              <RuDateInput
                label="Окончание"
                value={period.endDate ?? proposal.data?.endDate ?? null}
                onChange={(v) => v && setPeriod((p) => ({ ...p, endDate: v }))}
              />
            </SimpleGrid>
            <Text size="xs" c="dimmed" mt="xs">
              Сроки шагов распределяются по периоду равномерно; при смене периода предложение строится заново.
            </Text>
          </Paper>
          {proposal.isLoading ? (
            <Loading label="Подбираем шаги по каталогу ресурсов…" />
          ) : proposal.error || !proposal.data ? (
            <ErrorAlert error={proposal.error} title="Не удалось составить предложение" />
          ) : (
            <ProposalEditor
              key={`${proposal.data.diagnostic.id}|${proposal.data.startDate}|${proposal.data.endDate}`}
              teacherId={teacherId}
              proposal={proposal.data}
            />
          )}
        </Stack>
      )}
    </>
  );
}

function ProposalEditor({ teacherId, proposal }: { teacherId: number; proposal: Proposal }) {
  const client = useQueryClient();
  const navigate = useNavigate();
  const [steps, setSteps] = useState<DraftStep[]>(() =>
    proposal.steps.map((s) => ({ ...s, key: nextKey++, included: true })),
  );
  const [curatorId, setCuratorId] = useState<string | null>(null);
  const [tutorId, setTutorId] = useState<string | null>(null);
  const specialists = useSpecialistNames();
  const resources = new Map(proposal.deficits.flatMap((d) => d.resources).map((r) => [r.id, r]));
  const included = steps.filter((s) => s.included);
  const outside = (s: DraftStep) =>
    !s.deadline || s.deadline < proposal.startDate || s.deadline > proposal.endDate;
  const update = (key: number, patch: Partial<DraftStep>) =>
    setSteps((all) => all.map((s) => (s.key === key ? { ...s, ...patch } : s)));
  const add = (deficitCode: string | null, resource?: Resource) =>
    setSteps((all) => [
      ...all,
      {
        key: nextKey++,
        deficitCode,
        included: true,
        kind: resource?.kind ?? 'self_study',
        resourceId: resource?.id ?? null,
        title: resource?.title ?? '',
        deadline: proposal.endDate,
      },
    ]);
  const create = useMutation({
    mutationFn: () =>
      api.post<RouteView>(`/api/teachers/${teacherId}/iom`, {
        diagnosticId: proposal.diagnostic.id,
        startDate: proposal.startDate,
        endDate: proposal.endDate,
        curatorId: curatorId ? Number(curatorId) : null,
        tutorId: tutorId ? Number(tutorId) : null,
        steps: included.map(({ deficitCode, kind, resourceId, title, deadline }) => ({
          deficitCode,
          kind,
          resourceId,
          title,
          deadline,
        })),
      }),
    onSuccess: () => {
      client.invalidateQueries({ queryKey: iomKey(teacherId) });
      client.invalidateQueries({ queryKey: ['teacher', teacherId] });
      notifySaved('Маршрут составлен. Его утверждают куратор и тьютор.');
      navigate(`/teachers/${teacherId}?tab=routes`);
    },
  });
  const failedStep = (() => {
    const field =
      create.error instanceof ApiError ? (create.error.details as { field?: string } | null)?.field : null;
    const index = field?.startsWith('steps.') ? Number(field.split('.')[1]) : -1;
    return index >= 0 ? included[index]?.key : undefined;
  })();
  const groups: { code: string | null; title: string; area?: string; resources: Resource[] }[] = [
    ...proposal.deficits.map((d) => ({
      code: d.code,
      title: d.title,
      area: competenceArea.label[d.area],
      resources: d.resources,
    })),
    { code: null, title: 'Другие шаги маршрута', resources: [] },
  ];

  return (
    <Stack>
      {proposal.existingRouteId !== null && (
        <Alert color="yellow" icon={<IconAlertTriangle size={18} />}>
          По этой диагностике маршрут уже составлен: измените его шаги в карточке педагога или выберите другую
          диагностику.
        </Alert>
      )}
      {groups.map((group) => {
        const own = steps.filter((s) => s.deficitCode === group.code);
        return (
          <Paper
            withBorder
            p="md"
            key={group.code ?? 'other'}
            aria-label={group.code ? `Дефицит ${group.code}` : group.title}
          >
            <Group justify="space-between" mb="xs" align="flex-start">
              <Group gap="xs" align="flex-start" wrap="nowrap">
                {group.code && (
                  <Badge variant="light" color="orange" mt={2}>
                    {group.code}
                  </Badge>
                )}
                <Stack gap={0}>
                  <Text fw={600}>{group.title}</Text>
                  <Text size="xs" c="dimmed">
                    {group.area
                      ? `${group.area} · ресурсов в каталоге: ${group.resources.length}`
                      : 'шаги без привязки к дефициту: открытый урок, выступление, обобщение опыта'}
                  </Text>
                </Stack>
              </Group>
              <Button
                size="xs"
                variant="light"
                leftSection={<IconPlus size={14} />}
                onClick={() =>
                  add(
                    group.code,
                    group.resources.find((r) => !own.some((s) => s.resourceId === r.id)),
                  )
                }
              >
                Добавить шаг
              </Button>
            </Group>
            {group.code && group.resources.length === 0 && (
              <Alert color="gray" icon={<IconInfoCircle size={16} />} mb="xs" p="xs">
                В каталоге нет ресурсов по этому дефициту — предложено самообразование. Пополнить каталог
                можно в разделе «Ресурсы для ИОМ».
              </Alert>
            )}
            {own.length > 0 && (
              <Table verticalSpacing={6} aria-label={`Шаги: ${group.title}`}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th w={40} />
                    <Table.Th>Мероприятие</Table.Th>
                    <Table.Th w={250}>Вид</Table.Th>
                    <Table.Th w={140}>Срок</Table.Th>
                    <Table.Th w={40} />
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {own.map((s) => (
                    <Table.Tr key={s.key} opacity={s.included ? 1 : 0.5}>
                      <Table.Td>
                        <Checkbox
                          aria-label={`Включить шаг «${s.title}»`}
                          checked={s.included}
                          onChange={(e) => update(s.key, { included: e.currentTarget.checked })}
                        />
                      </Table.Td>
                      <Table.Td>
                        <Stack gap={4}>
                          {group.resources.length > 0 && (
                            <Select
                              size="xs"
                              aria-label="Ресурс из каталога"
                              data={[
                                { value: '', label: 'Без ресурса каталога' },
                                ...resourceKind.values
                                  .map((k) => ({
                                    group: resourceKind.label[k],
                                    items: group.resources
                                      .filter((r) => r.kind === k)
                                      .map((r) => ({ value: String(r.id), label: r.title })),
                                  }))
                                  .filter((g) => g.items.length > 0),
                              ]}
                              value={s.resourceId === null ? '' : String(s.resourceId)}
                              onChange={(v) => {
                                const r = v ? resources.get(Number(v)) : undefined;
                                update(
                                  s.key,
                                  r
                                    ? { resourceId: r.id, kind: r.kind, title: r.title }
                                    : { resourceId: null },
                                );
                              }}
                              allowDeselect={false}
                            />
                          )}
                          <TextInput
                            size="xs"
                            aria-label="Мероприятие"
                            value={s.title}
                            onChange={(e) => update(s.key, { title: e.currentTarget.value })}
                            error={s.included && s.title.trim().length < 3 ? 'Опишите шаг' : undefined}
                          />
                          {s.resourceId !== null && resources.get(s.resourceId)?.provider && (
                            <Text size="xs" c="dimmed">
                              {resources.get(s.resourceId)!.provider}
                              {resources.get(s.resourceId)!.hours
                                ? `, ${resources.get(s.resourceId)!.hours} ч`
                                : ''}
                            </Text>
                          )}
                        </Stack>
                      </Table.Td>
                      <Table.Td>
                        <Select
                          size="xs"
                          aria-label="Вид шага"
                          data={KIND_OPTIONS}
                          value={s.kind}
                          onChange={(v) => v && update(s.key, { kind: v as ResourceKind })}
                          allowDeselect={false}
                        />
                      </Table.Td>
                      <Table.Td>
                        <RuDateInput
                          size="xs"
                          aria-label="Срок"
                          value={s.deadline}
                          onChange={(v) => update(s.key, { deadline: v })}
                          minDate={proposal.startDate}
                          maxDate={proposal.endDate}
                          error={
                            s.included && (outside(s) || failedStep === s.key)
                              ? outside(s)
                                ? 'Вне периода'
                                : 'Проверьте шаг'
                              : undefined
                          }
                        />
                      </Table.Td>
                      <Table.Td>
                        <ActionIcon
                          variant="subtle"
                          color="red"
                          aria-label="Убрать шаг"
                          onClick={() => setSteps((all) => all.filter((x) => x.key !== s.key))}
                        >
                          <IconTrash size={15} />
                        </ActionIcon>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </Paper>
        );
      })}
      <Paper withBorder p="md">
        <SimpleGrid cols={{ base: 1, sm: 2 }} mb="md">
          <Select
            label="Куратор"
            description="Из реестра «Методическая служба»; если не выбран — утвердит методист отдела образования"
            data={specialistOptions(specialists.data)}
            value={curatorId}
            onChange={setCuratorId}
            searchable
            clearable
            nothingFoundMessage="Нет такого специалиста в реестре"
          />
          <Select
            label="Тьютор"
            description="Из реестра «Методическая служба»; если не выбран — утвердит ответственный ОО"
            data={specialistOptions(specialists.data)}
            value={tutorId}
            onChange={setTutorId}
            searchable
            clearable
            nothingFoundMessage="Нет такого специалиста в реестре"
          />
        </SimpleGrid>
        <ErrorAlert error={create.error} title="Маршрут не создан" />
        <Group justify="space-between" mt={create.error ? 'md' : 0}>
          <Text size="sm">
            Период {formatRuDate(proposal.startDate)} — {formatRuDate(proposal.endDate)} · шагов в маршруте:{' '}
            <b>{included.length}</b>
          </Text>
          <Button
            leftSection={<IconWand size={16} />}
            loading={create.isPending}
            disabled={
              included.length === 0 ||
              proposal.existingRouteId !== null ||
              included.some((s) => outside(s) || s.title.trim().length < 3)
            }
            onClick={() => create.mutate()}
          >
            Создать маршрут
          </Button>
        </Group>
      </Paper>
    </Stack>
  );
}
