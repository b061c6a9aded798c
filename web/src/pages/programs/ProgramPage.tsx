import { ApprovingActs } from './ApprovingActs.tsx';
import { describeApplicability, isAppliedToAll } from '../../../../core/indicators/applicability.ts';
import {
  ActionIcon,
  Badge,
  Button,
  Group,
  Menu,
  Paper,
  Stack,
  Table,
  Tabs,
  Text,
  Title,
  Tooltip,
} from '@mantine/core';
import { IconDots, IconDownload, IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useParams, useSearchParams } from 'react-router-dom';
import { UNIT_LABEL } from '../../../../core/indicators/levels.ts';
import { api } from '../../api/client.ts';
import { useAuth } from '../../auth/auth.tsx';
import { ErrorAlert, Loading, PageHeader } from '../../components/common.tsx';
import type { Criterion, Indicator, ProgramTree } from './api.ts';
import { CriterionModal, FormFieldsPanel, ParametersPanel } from './ProgramPanels.tsx';
import { IndicatorDrawer } from './IndicatorDrawer.tsx';
import { ResultsTable, YearSelect } from './ResultsTable.tsx';
import { RulesPanel } from '../analysis/index.tsx';
import { ConfirmModal } from '../../components/ConfirmModal.tsx';
import { EditDeleteIcons } from '../../components/EditDeleteIcons.tsx';
import { PageCrumbs } from '../../components/PageCrumbs.tsx';

export function ProgramPage() {
  const id = Number(useParams().id);
  const { hasRole } = useAuth();
  const canEdit = hasRole('admin', 'coordinator');
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'indicators';
  const [year, setYear] = useState(Number(params.get('year') ?? new Date().getFullYear() - 1));
  const query = useQuery({
    queryKey: ['program', id],
    queryFn: () => api.get<ProgramTree>(`/api/programs/${id}`),
  });
  if (query.isLoading) return <Loading />;
  if (query.error || !query.data) return <ErrorAlert error={query.error} title="Программа недоступна" />;
  const program = query.data;
  return (
    <>
      <PageCrumbs to="/programs" section="Программы мониторинга" current="Программа" />
      <PageHeader
        title={program.title}
        subtitle={`Значения по состоянию ${program.referenceDateText}`}
        actions={
          <Button
            component="a"
            variant="default"
            leftSection={<IconDownload size={16} />}
            href={`/api/programs/${program.id}/file`}
          >
            Выгрузить в файл
          </Button>
        }
      />
      <Tabs
        value={tab}
        onChange={(v) => setParams(v ? { tab: v, year: String(year) } : {}, { replace: true })}
        keepMounted={false}
      >
        <Tabs.List mb="md">
          <Tabs.Tab value="indicators">Критерии и показатели</Tabs.Tab>
          <Tabs.Tab value="results">Результаты</Tabs.Tab>
          <Tabs.Tab value="parameters">Цели и параметры</Tabs.Tab>
          <Tabs.Tab value="form">Форма сбора</Tabs.Tab>
          <Tabs.Tab value="rules">Правила рекомендаций</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="indicators">
          <IndicatorsPanel program={program} canEdit={canEdit} year={year} />
        </Tabs.Panel>
        <Tabs.Panel value="results">
          <Group mb="md">
            <Text size="sm">Отчётный год:</Text>
            <YearSelect
              value={year}
              onChange={(y) => {
                setYear(y);
                setParams({ tab: 'results', year: String(y) }, { replace: true });
              }}
            />
          </Group>
          <ResultsTable program={program} year={year} />
        </Tabs.Panel>
        <Tabs.Panel value="parameters">
          <ApprovingActs program={program} canEdit={canEdit} />
          <ParametersPanel program={program} canEdit={canEdit} />
        </Tabs.Panel>
        <Tabs.Panel value="rules">
          <RulesPanel programId={program.id} canEdit={canEdit} />
        </Tabs.Panel>
        <Tabs.Panel value="form">
          <FormFieldsPanel program={program} canEdit={canEdit} />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}

interface RemoveTarget {
  kind: 'indicators' | 'criteria';
  id: number;
  title: string;
}

function IndicatorsPanel({
  program,
  canEdit,
  year,
}: {
  program: ProgramTree;
  canEdit: boolean;
  year: number;
}) {
  const client = useQueryClient();
  const [editing, setEditing] = useState<{ criterion: Criterion; indicator?: Indicator } | null>(null);
  const [criterionEditing, setCriterionEditing] = useState<Criterion | 'new' | null>(null);
  // An indicator with its formula and thresholds, or a whole criterion, went at one click: ask first.
  const [removing, setRemoving] = useState<RemoveTarget | null>(null);
  const remove = useMutation({
    mutationFn: (target: RemoveTarget) => api.delete(`/api/${target.kind}/${target.id}`),
    onSuccess: () => {
      setRemoving(null);
      client.invalidateQueries({ queryKey: ['program', program.id] });
    },
  });
  return (
    <Stack>
      <ConfirmModal
        opened={Boolean(removing)}
        title={removing?.title ?? ''}
        confirmLabel="Удалить"
        loading={remove.isPending}
        error={remove.error}
        onConfirm={() => removing && remove.mutate(removing)}
        onClose={() => {
          setRemoving(null);
          remove.reset();
        }}
      >
        {removing?.kind === 'criteria'
          ? 'Критерий удаляется, только когда в нём не осталось показателей.'
          : 'Показатель удаляется из программы вместе с формулой и порогами уровней. Значения закрытых мониторингов сохраняются.'}
      </ConfirmModal>
      {program.criteria.map((c) => (
        <Paper key={c.id} withBorder p="md">
          <Group justify="space-between" align="flex-start" mb="sm">
            <div>
              <Title order={4} fz="md">
                Критерий {c.code}. {c.title}
              </Title>
              {c.goal && (
                <Text size="xs" c="dimmed">
                  Цель: {c.goal}
                </Text>
              )}
            </div>
            {canEdit && (
              <Group gap={4}>
                <Button
                  size="xs"
                  variant="light"
                  leftSection={<IconPlus size={14} />}
                  onClick={() => setEditing({ criterion: c })}
                >
                  Показатель
                </Button>
                <Menu position="bottom-end">
                  <Menu.Target>
                    <ActionIcon variant="subtle" color="gray" aria-label={`Критерий ${c.code}: действия`}>
                      <IconDots size={16} />
                    </ActionIcon>
                  </Menu.Target>
                  <Menu.Dropdown>
                    <Menu.Item leftSection={<IconPencil size={14} />} onClick={() => setCriterionEditing(c)}>
                      Изменить критерий
                    </Menu.Item>
                    <Menu.Item
                      color="red"
                      leftSection={<IconTrash size={14} />}
                      onClick={() =>
                        setRemoving({
                          kind: 'criteria',
                          id: c.id,
                          title: `Удалить критерий ${c.code}?`,
                        })
                      }
                    >
                      Удалить критерий
                    </Menu.Item>
                  </Menu.Dropdown>
                </Menu>
              </Group>
            )}
          </Group>
          <Table.ScrollContainer minWidth={700}>
            <Table verticalSpacing={6} fz="sm" aria-label={`Показатели критерия ${c.code}`}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={60}>Код</Table.Th>
                  <Table.Th>Показатель</Table.Th>
                  <Table.Th w={110}>Единица</Table.Th>
                  <Table.Th>Формула</Table.Th>
                  <Table.Th w={160}>Срок</Table.Th>
                  {canEdit && <Table.Th w={70} />}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {c.indicators.map((i) => (
                  <Table.Tr key={i.id}>
                    <Table.Td fw={600}>{i.code}</Table.Td>
                    <Table.Td>
                      {i.name}
                      {!isAppliedToAll(i.applicability) && (
                        <Tooltip label="Вне применимости значение организации — «не применяется»">
                          <Badge ml={6} size="xs" color="gray" variant="light">
                            {describeApplicability(i.applicability)}
                          </Badge>
                        </Tooltip>
                      )}
                      {i.isRegional && (
                        <Tooltip label="Показатель задан региональной программой: изменить или удалить его нельзя">
                          <Badge ml={6} size="xs" color="blue" variant="light">
                            региональный
                          </Badge>
                        </Tooltip>
                      )}
                      {i.isFormValue && (
                        <Tooltip label="Реестр этих данных не содержит: значение сообщает организация в форме мониторинга">
                          <Badge ml={6} size="xs" color="grape" variant="light">
                            из формы
                          </Badge>
                        </Tooltip>
                      )}
                    </Table.Td>
                    <Table.Td>{UNIT_LABEL[i.unit]}</Table.Td>
                    <Table.Td>
                      <Text size="xs" ff="monospace">
                        {i.numerator}
                        {i.denominator ? ` ÷ ${i.denominator}` : ''}
                        {i.factor !== 1 ? ` × ${String(i.factor).replace('.', ',')}` : ''}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="xs">{i.deadline ?? '—'}</Text>
                    </Table.Td>
                    {canEdit && i.isRegional && (
                      <Table.Td aria-label={`Показатель ${i.code} закреплён регионом`} />
                    )}
                    {canEdit && !i.isRegional && (
                      <Table.Td>
                        <Group gap={2} wrap="nowrap">
                          <EditDeleteIcons
                            onEdit={() => setEditing({ criterion: c, indicator: i })}
                            onDelete={() =>
                              setRemoving({
                                kind: 'indicators',
                                id: i.id,
                                title: `Удалить показатель ${i.code}?`,
                              })
                            }
                            editLabel={`Изменить показатель ${i.code}`}
                            deleteLabel={`Удалить показатель ${i.code}`}
                            tooltips={false}
                            iconSize={15}
                          />
                        </Group>
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      ))}
      {canEdit && (
        <Button
          variant="default"
          leftSection={<IconPlus size={14} />}
          onClick={() => setCriterionEditing('new')}
          w="fit-content"
        >
          Добавить критерий
        </Button>
      )}
      {editing && (
        <IndicatorDrawer
          program={program}
          criterion={editing.criterion}
          indicator={editing.indicator}
          year={year}
          onClose={() => setEditing(null)}
        />
      )}
      {criterionEditing && (
        <CriterionModal
          program={program}
          criterion={criterionEditing === 'new' ? undefined : criterionEditing}
          onClose={() => setCriterionEditing(null)}
        />
      )}
    </Stack>
  );
}
