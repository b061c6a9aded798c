import {
  Badge,
  Button,
  Group,
  Modal,
  Paper,
  SegmentedControl,
  Stack,
  Table,
  Tabs,
  Text,
  Title,
} from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { COMPETENCE_AREAS, competenceArea, providerKind } from '../../../../core/enums.ts';
import { countOf } from '../../../../core/format.ts';
import { deficitCatalogKind, providerCatalogKind } from '../../../../core/registry/register-kinds.ts';
import { api } from '../../api/client.ts';
import { EmptyState, ErrorAlert, Loading, PageHeader } from '../../components/common.tsx';
import { notifySaved } from '../../lib/forms.ts';
import type { RecordRow } from '../teachers/api.ts';
import { RecordForm } from '../teachers/records/RecordForm.tsx';
import { RecordList } from '../teachers/records/RecordList.tsx';
import { useRegistersRole, type DeficitEntry, type ProviderEntry } from './api.ts';
import { FixedValue } from './fields.tsx';
import { PositionKindsCatalog } from '../reserve/PositionKindsCatalog.tsx';
import { EditDeleteIcons } from '../../components/EditDeleteIcons.tsx';
import { ConfirmModal } from '../../components/ConfirmModal.tsx';

// Prepositional: «указана в 1 записи, в 2 записях, в 5 записях».
const RECORD_FORMS = ['записи', 'записях', 'записях'] as const;
const DIAGNOSTIC_FORMS = ['диагностика', 'диагностики', 'диагностик'] as const;
const STEP_FORMS = ['шаг ИОМ', 'шага ИОМ', 'шагов ИОМ'] as const;
const AREA_COLOR: Record<string, string> = { subject: 'blue', methodical: 'teal', assessment: 'grape' };

function ProvidersCatalog({ canEdit }: { canEdit: boolean }) {
  return (
    <RecordList
      kind={providerCatalogKind}
      listUrl="/api/providers?pageSize=1000"
      itemUrl={(id) => `/api/providers/${id}`}
      queryKey={['providers', 'catalog']}
      invalidates={[['providers']]}
      canEdit={canEdit}
      columns={['name', 'kind']}
      renderCell={(f, row: RecordRow) => {
        const p = row as unknown as ProviderEntry;
        if (f.key === 'name')
          return (
            <Stack gap={2}>
              <Text size="sm" fw={500}>
                {p.name}
              </Text>
              <Text size="xs" c="dimmed">
                {p.trainingCount
                  ? `указана в ${countOf(p.trainingCount, RECORD_FORMS)} об обучении`
                  : 'нигде не указана'}
              </Text>
            </Stack>
          );
        if (f.key === 'kind') return <Text size="sm">{providerKind.label[p.kind]}</Text>;
        return undefined;
      }}
      defaults={{ kind: 'cnppm' }}
      title="Организации, проводящие обучение"
      addLabel="Добавить организацию"
      emptyText="Справочник пуст."
    />
  );
}

function usageOf(d: DeficitEntry) {
  const parts = [
    d.diagnosticCount ? countOf(d.diagnosticCount, DIAGNOSTIC_FORMS) : null,
    d.stepCount ? countOf(d.stepCount, STEP_FORMS) : null,
  ].filter(Boolean);
  return parts.length ? parts.join(', ') : 'не используется';
}

/** Deficits are keyed by their code (diagnostics and routes refer to it), so the code is fixed once created. */
function DeficitsCatalog({ canEdit }: { canEdit: boolean }) {
  const client = useQueryClient();
  const [area, setArea] = useState('all');
  const [editing, setEditing] = useState<DeficitEntry | 'new' | null>(null);
  const [deleting, setDeleting] = useState<DeficitEntry | null>(null);
  const query = useQuery({
    queryKey: ['deficits', 'catalog'],
    queryFn: () => api.get<DeficitEntry[]>('/api/deficits', { pageSize: 1000 }),
  });
  const refresh = () => client.invalidateQueries({ queryKey: ['deficits'] });
  const remove = useMutation({
    mutationFn: (d: DeficitEntry) =>
      api.delete<{ message: string }>(`/api/deficits/${encodeURIComponent(d.code)}`),
    onSuccess: (result) => {
      notifySaved(result.message);
      setDeleting(null);
      refresh();
    },
  });
  const rows = (query.data ?? []).filter((d) => area === 'all' || d.area === area);

  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Title order={4}>Профессиональные дефициты</Title>
        <Group gap="sm">
          <SegmentedControl
            size="xs"
            value={area}
            onChange={setArea}
            data={[
              { value: 'all', label: 'Все' },
              ...COMPETENCE_AREAS.map((a) => ({ value: a, label: competenceArea.label[a] })),
            ]}
          />
          {canEdit && (
            <Button
              size="xs"
              variant="light"
              leftSection={<IconPlus size={14} />}
              onClick={() => setEditing('new')}
            >
              Добавить дефицит
            </Button>
          )}
        </Group>
      </Group>
      <ErrorAlert error={query.error} title="Не удалось загрузить справочник" />
      <Paper withBorder>
        {query.isLoading ? (
          <Loading />
        ) : !rows.length ? (
          <EmptyState>Дефицитов в справочнике нет.</EmptyState>
        ) : (
          <Table.ScrollContainer minWidth={720}>
            <Table verticalSpacing="xs" highlightOnHover aria-label="Профессиональные дефициты">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={90}>Код</Table.Th>
                  <Table.Th w={150}>Область</Table.Th>
                  <Table.Th>Название</Table.Th>
                  <Table.Th w={220}>Используется</Table.Th>
                  {canEdit && <Table.Th w={90} />}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((d) => (
                  <Table.Tr key={d.code}>
                    <Table.Td>
                      <Text size="sm" fw={600} ff="monospace">
                        {d.code}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Badge variant="light" color={AREA_COLOR[d.area]}>
                        {competenceArea.label[d.area]}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{d.title}</Text>
                      {d.description && (
                        <Text size="xs" c="dimmed">
                          {d.description}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" c={d.diagnosticCount || d.stepCount ? undefined : 'dimmed'}>
                        {usageOf(d)}
                      </Text>
                    </Table.Td>
                    {canEdit && (
                      <Table.Td>
                        <Group gap={4} wrap="nowrap" justify="flex-end">
                          <EditDeleteIcons onEdit={() => setEditing(d)} onDelete={() => setDeleting(d)} />
                        </Group>
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
      {editing && (
        <Modal opened onClose={() => setEditing(null)} title={deficitCatalogKind.label} size="lg">
          <RecordForm
            kind={deficitCatalogKind}
            record={editing === 'new' ? null : (editing as unknown as Record<string, unknown>)}
            defaults={{ area: area === 'all' ? 'subject' : area }}
            renderField={(f, props) =>
              f.key === 'code' && editing !== 'new' ? (
                <FixedValue label={props.label} text={editing.code} />
              ) : undefined
            }
            onSubmit={async ({ code, ...rest }) => {
              if (editing === 'new') await api.post('/api/deficits', { code, ...rest });
              else
                await api.patch(`/api/deficits/${encodeURIComponent(editing.code)}`, {
                  ...rest,
                  version: editing.version,
                });
              notifySaved(editing === 'new' ? 'Дефицит добавлен в справочник' : 'Изменения сохранены');
              setEditing(null);
              refresh();
            }}
            onCancel={() => setEditing(null)}
          />
        </Modal>
      )}
      {deleting && (
        <ConfirmModal
          opened
          title="Удалить дефицит?"
          confirmLabel="Удалить"
          onConfirm={() => remove.mutate(deleting)}
          onClose={() => {
            setDeleting(null);
            remove.reset();
          }}
          loading={remove.isPending}
          error={remove.error}
          errorTitle="Не удалось удалить"
        >
          Дефицит {deleting.code} «{deleting.title}» будет удалён из справочника. Действие записывается в
          журнал изменений.
        </ConfirmModal>
      )}
    </Stack>
  );
}

/** The catalogs every organization of the municipality shares: training providers and deficit codes. */
export function CatalogsPage() {
  const { isDepartment } = useRegistersRole();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'providers';
  return (
    <>
      <PageHeader
        title="Справочники"
        subtitle="Организации, проводящие обучение, и каталог профессиональных дефицитов — из них выбирают значения записи об обучении, диагностики и ИОМ"
      />
      <Tabs
        value={tab}
        onChange={(v) => setParams(v && v !== 'providers' ? { tab: v } : {}, { replace: true })}
        keepMounted={false}
      >
        <Tabs.List mb="md">
          <Tabs.Tab value="providers">Организации, проводящие обучение</Tabs.Tab>
          <Tabs.Tab value="deficits">Профессиональные дефициты</Tabs.Tab>
          <Tabs.Tab value="reserve">Должности кадрового резерва</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="providers">
          <ProvidersCatalog canEdit={isDepartment} />
        </Tabs.Panel>
        <Tabs.Panel value="deficits">
          <DeficitsCatalog canEdit={isDepartment} />
        </Tabs.Panel>
        <Tabs.Panel value="reserve">
          <PositionKindsCatalog canEdit={isDepartment} />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
