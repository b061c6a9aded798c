import {
  Anchor,
  Button,
  Checkbox,
  Group,
  Pagination,
  Paper,
  Select,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconPlus, IconSearch } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { ORGANIZATION_KINDS, organizationKind } from '../../../../core/enums.ts';
import { ORGANIZATION_FORMS, countOf } from '../../../../core/format.ts';
import { api } from '../../api/client.ts';
import type { Organization } from '../../api/types.ts';
import { useAuth } from '../../auth/auth.tsx';
import {
  EmptyState,
  ErrorAlert,
  FlagBadges,
  KindBadge,
  Loading,
  PageHeader,
} from '../../components/common.tsx';
import { OrganizationFormModal } from './OrganizationFormModal.tsx';

const PAGE_SIZE = 20;

export function OrganizationsPage() {
  const { hasRole } = useAuth();
  const [params, setParams] = useSearchParams();
  const [search, setSearch] = useState(params.get('q') ?? '');
  const [debounced] = useDebouncedValue(search, 300);
  const [creating, setCreating] = useState(false);
  const page = Number(params.get('page') ?? 1);
  const kind = params.get('kind');
  const isLowResults = params.get('shnor') === '1';
  const isHardSocialConditions = params.get('shssu') === '1';
  const isAtRisk = params.get('risk') === '1';

  const update = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v === null || v === '') next.delete(k);
      else next.set(k, v);
    }
    if (!('page' in changes)) next.delete('page');
    setParams(next, { replace: true });
  };

  useEffect(() => {
    if ((params.get('q') ?? '') !== debounced) update({ q: debounced || null });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [debounced]);

  const query = useQuery({
    queryKey: ['organizations', { q: debounced, kind, isLowResults, isHardSocialConditions, isAtRisk, page }],
    queryFn: () =>
      api.list<Organization>('/api/organizations', {
        q: debounced,
        kind,
        isLowResults: isLowResults ? true : undefined,
        isHardSocialConditions: isHardSocialConditions ? true : undefined,
        isAtRisk: isAtRisk ? true : undefined,
        page,
        pageSize: PAGE_SIZE,
      }),
    placeholderData: keepPreviousData,
  });
  const total = query.data?.total ?? 0;

  return (
    <>
      <PageHeader
        title="Образовательные организации"
        subtitle={query.data ? `Найдено: ${countOf(total, ORGANIZATION_FORMS)}` : ' '}
        actions={
          hasRole('admin', 'coordinator') && (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
              Добавить организацию
            </Button>
          )
        }
      />
      <Paper withBorder p="md" mb="md">
        <Group gap="md" align="flex-end" wrap="wrap">
          <TextInput
            label="Поиск"
            placeholder="Наименование или адрес"
            leftSection={<IconSearch size={16} />}
            value={search}
            onChange={(e) => setSearch(e.currentTarget.value)}
            w={320}
          />
          <Select
            label="Тип организации"
            placeholder="Все типы"
            clearable
            data={ORGANIZATION_KINDS.map((k) => ({ value: k, label: organizationKind.label[k] }))}
            value={kind}
            onChange={(v) => update({ kind: v })}
            w={320}
          />
          <Checkbox
            label="ШНОР"
            checked={isLowResults}
            onChange={(e) => update({ shnor: e.currentTarget.checked ? '1' : null })}
            mb={8}
          />
          <Checkbox
            label="ШССУ"
            checked={isHardSocialConditions}
            onChange={(e) => update({ shssu: e.currentTarget.checked ? '1' : null })}
            mb={8}
          />
          <Checkbox
            label="ШНОР или ШССУ"
            checked={isAtRisk}
            onChange={(e) => update({ risk: e.currentTarget.checked ? '1' : null })}
            mb={8}
          />
        </Group>
      </Paper>
      <ErrorAlert error={query.error} title="Не удалось загрузить список" />
      <Paper withBorder>
        {query.isLoading ? (
          <Loading />
        ) : !query.data?.items.length ? (
          <EmptyState>Организации не найдены. Измените условия поиска.</EmptyState>
        ) : (
          <Table.ScrollContainer minWidth={800}>
            <Table striped highlightOnHover verticalSpacing="sm" aria-label="Организации">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Организация</Table.Th>
                  <Table.Th>Тип</Table.Th>
                  <Table.Th>Признаки</Table.Th>
                  <Table.Th ta="right">Педагогов</Table.Th>
                  <Table.Th>Руководитель</Table.Th>
                  <Table.Th>Адрес</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {query.data.items.map((o) => (
                  <Table.Tr key={o.id} style={{ opacity: o.isActive ? 1 : 0.55 }}>
                    <Table.Td>
                      <Anchor component={Link} to={`/organizations/${o.id}`} fw={500}>
                        {o.shortName}
                      </Anchor>
                      {!o.isActive && (
                        <Text size="xs" c="dimmed">
                          не действует
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <KindBadge kind={o.kind} />
                    </Table.Td>
                    <Table.Td>
                      <FlagBadges
                        isLowResults={o.isLowResults}
                        isHardSocialConditions={o.isHardSocialConditions}
                      />
                    </Table.Td>
                    <Table.Td ta="right">{o.teacherCount}</Table.Td>
                    <Table.Td>{o.headName ?? '—'}</Table.Td>
                    <Table.Td>
                      <Text size="sm" c="dimmed" lineClamp={1}>
                        {o.address ?? '—'}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
      {total > PAGE_SIZE && (
        <Group justify="center" mt="md">
          <Pagination
            total={Math.ceil(total / PAGE_SIZE)}
            value={page}
            onChange={(p) => update({ page: String(p) })}
          />
        </Group>
      )}
      {creating && <OrganizationFormModal onClose={() => setCreating(false)} />}
    </>
  );
}
