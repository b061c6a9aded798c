import { Anchor, Badge, Button, Checkbox, Group, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { IconPlus, IconSearch } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { educationStage, practiceKind, practiceStatus } from '../../../../core/practices.ts';
import { api } from '../../api/client.ts';
import { EmptyState, ErrorAlert, Loading, PageHeader } from '../../components/common.tsx';
import { formatRuDate } from '../../lib/format.ts';
import { useRegistersRole } from '../registers/api.ts';
import { STATUS_COLOR, type PracticeSummary } from './api.ts';
import { PracticeForm } from './PracticeForm.tsx';

const options = (e: { values: readonly string[]; label: Record<string, string> }) =>
  e.values.map((value) => ({ value, label: e.label[value] }));

/**
 * The bank of practices: the catalog of published entries teachers search, and — for a school, the experts
 * and the department — the entries on their way through the review.
 */
export function PracticesPage() {
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const { isDepartment, managedOrganizationIds } = useRegistersRole();
  const [adding, setAdding] = useState(false);
  const [q, setQ] = useState(params.get('q') ?? '');
  const get = (name: string) => params.get(name);
  const set = (name: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  };
  const filters = {
    q: get('q') ?? undefined,
    status: get('status') ?? undefined,
    kind: get('kind') ?? undefined,
    stage: get('stage') ?? undefined,
    mine: get('mine') ?? undefined,
    pageSize: 200,
  };
  const list = useQuery({
    queryKey: ['practices', filters],
    queryFn: () => api.list<PracticeSummary>('/api/practices', filters),
  });
  const canAdd = isDepartment || managedOrganizationIds.length > 0;

  return (
    <>
      <PageHeader
        title="Банк практик"
        subtitle="Методические разработки, программы, практики, видеоуроки и мастер-классы: экспертиза, рекомендация к распространению и каталог"
        actions={
          canAdd && (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setAdding(true)}>
              Добавить материал
            </Button>
          )
        }
      />
      <Group align="flex-end" mb="md" wrap="wrap">
        <form
          onSubmit={(e) => {
            e.preventDefault();
            set('q', q.trim() || null);
          }}
        >
          <TextInput
            label="Поиск"
            placeholder="Название, описание, автор"
            leftSection={<IconSearch size={14} />}
            value={q}
            onChange={(e) => setQ(e.currentTarget.value)}
            onBlur={() => set('q', q.trim() || null)}
            w={280}
          />
        </form>
        <Select
          label="Статус"
          placeholder="Все доступные"
          data={options(practiceStatus)}
          value={get('status')}
          onChange={(v) => set('status', v)}
          clearable
          w={240}
        />
        <Select
          label="Вид"
          placeholder="Все виды"
          data={options(practiceKind)}
          value={get('kind')}
          onChange={(v) => set('kind', v)}
          clearable
          w={220}
        />
        <Select
          label="Уровень образования"
          placeholder="Все"
          data={options(educationStage)}
          value={get('stage')}
          onChange={(v) => set('stage', v)}
          clearable
          w={200}
        />
        <Checkbox
          label="Мне на экспертизу"
          checked={get('mine') === 'true'}
          onChange={(e) => set('mine', e.currentTarget.checked ? 'true' : null)}
          mb={8}
        />
      </Group>
      {list.isLoading ? (
        <Loading />
      ) : list.error ? (
        <ErrorAlert error={list.error} title="Список не загружен" />
      ) : !list.data?.items.length ? (
        <EmptyState>Материалов не найдено. Измените условия поиска.</EmptyState>
      ) : (
        <Table striped highlightOnHover aria-label="Материалы банка практик">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Материал</Table.Th>
              <Table.Th>Организация</Table.Th>
              <Table.Th>Дефициты</Table.Th>
              <Table.Th>Статус</Table.Th>
              <Table.Th>Изменён</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.data.items.map((p) => (
              <Table.Tr key={p.id}>
                <Table.Td>
                  <Stack gap={2}>
                    <Anchor component={Link} to={`/practices/${p.id}`} fw={500} size="sm">
                      {p.title}
                    </Anchor>
                    <Text size="xs" c="dimmed">
                      {[practiceKind.label[p.kind], p.stage && educationStage.label[p.stage], p.subject]
                        .filter(Boolean)
                        .join(' · ')}
                      {p.authors.length ? ` — ${p.authors.map((a) => a.name).join(', ')}` : ''}
                    </Text>
                  </Stack>
                </Table.Td>
                <Table.Td>{p.organizationShortName ?? 'отдел образования'}</Table.Td>
                <Table.Td>
                  <Text size="xs">{p.deficits.map((d) => d.code).join(', ') || '—'}</Text>
                </Table.Td>
                <Table.Td>
                  <Badge variant="light" color={STATUS_COLOR[p.status]}>
                    {practiceStatus.label[p.status]}
                  </Badge>
                </Table.Td>
                <Table.Td>{formatRuDate(p.updatedAt.slice(0, 10))}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {adding && (
        <PracticeForm
          practice={null}
          onClose={() => setAdding(false)}
          onSaved={(p) => navigate(`/practices/${p.id}`)}
        />
      )}
    </>
  );
}
