import {
  Anchor,
  Button,
  Group,
  Modal,
  Paper,
  SegmentedControl,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconFileSpreadsheet } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { countOf, formatPercent, TEACHER_FORMS } from '../../../../core/format.ts';
import { api, withParams } from '../../api/client.ts';
import { EmptyState, ErrorAlert, Loading, PageHeader } from '../../components/common.tsx';
import { formatRuDate } from '../../lib/format.ts';
import type { DifficultyMatrix, DifficultyTeacher } from './api.ts';
import { DifficultyHeatmap, DifficultyTrends, type Measure } from './difficulty-charts.tsx';

/** The teachers behind a cell, for those who may see them (the school its own, the department all). */
function TeachersModal({
  filters,
  cell,
  onClose,
}: {
  filters: Record<string, string | undefined>;
  cell: { organizationId: number; deficitCode: string; title: string };
  onClose: () => void;
}) {
  const teachers = useQuery({
    queryKey: ['difficulty-teachers', filters, cell],
    queryFn: () =>
      api.get<DifficultyTeacher[]>('/api/difficulties/teachers', {
        ...filters,
        organizationId: cell.organizationId,
        deficitCode: cell.deficitCode,
      }),
  });
  return (
    <Modal opened onClose={onClose} title={cell.title} size="lg">
      {teachers.isLoading ? (
        <Loading />
      ) : teachers.error ? (
        <ErrorAlert error={teachers.error} title="Список недоступен" />
      ) : (
        <Table aria-label="Педагоги с дефицитом">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Педагог</Table.Th>
              <Table.Th>Должность</Table.Th>
              <Table.Th>Диагностика</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {teachers.data?.map((t) => (
              <Table.Tr key={`${t.teacherId}-${t.positionTitle}`}>
                <Table.Td>
                  <Anchor component={Link} to={`/teachers/${t.teacherId}`} size="sm">
                    {t.name}
                  </Anchor>
                </Table.Td>
                <Table.Td>{t.positionTitle}</Table.Td>
                <Table.Td>{formatRuDate(t.date)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Modal>
  );
}

/** The bank of difficulties: deficits found by diagnostics, by organization, with what addresses them. */
export function DifficultiesPage() {
  const [draft, setDraft] = useState({ from: '', to: '', subject: '', position: '' });
  const [filters, setFilters] = useState<Record<string, string | undefined>>({});
  const [measure, setMeasure] = useState<Measure>('count');
  const [cell, setCell] = useState<{ organizationId: number; deficitCode: string; title: string } | null>(
    null,
  );
  const matrix = useQuery({
    queryKey: ['difficulties', filters],
    queryFn: () => api.get<DifficultyMatrix>('/api/difficulties', filters),
  });
  const apply = () =>
    setFilters(Object.fromEntries(Object.entries(draft).map(([k, v]) => [k, v.trim() || undefined])));
  const m = matrix.data;
  const mayOpen = (organizationId: number) =>
    m !== undefined && (m.canSeeNames === 'all' || m.canSeeNames.includes(organizationId));
  const openCell = (organizationId: number, deficitCode: string) => {
    if (!m || !mayOpen(organizationId)) return;
    const org = m.organizations.find((o) => o.id === organizationId)?.shortName;
    const deficit = m.deficits.find((d) => d.code === deficitCode);
    setCell({ organizationId, deficitCode, title: `${org}: ${deficitCode} ${deficit?.title ?? ''}` });
  };
  return (
    <>
      <PageHeader
        title="Банк затруднений"
        subtitle="Профессиональные дефициты по результатам диагностик: по организациям, предметам, должностям и периодам; ресурсы и практики по каждому дефициту"
        actions={
          <Button
            component="a"
            href={withParams('/api/difficulties/export.xlsx', { ...filters, measure })}
            variant="light"
            leftSection={<IconFileSpreadsheet size={16} />}
          >
            Выгрузить в XLSX
          </Button>
        }
      />
      <Group align="flex-end" mb="md" wrap="wrap">
        <TextInput
          type="date"
          label="С"
          value={draft.from}
          onChange={(e) => setDraft({ ...draft, from: e.currentTarget.value })}
        />
        <TextInput
          type="date"
          label="По"
          value={draft.to}
          onChange={(e) => setDraft({ ...draft, to: e.currentTarget.value })}
        />
        <TextInput
          label="Предмет"
          value={draft.subject}
          onChange={(e) => setDraft({ ...draft, subject: e.currentTarget.value })}
        />
        <TextInput
          label="Должность"
          value={draft.position}
          onChange={(e) => setDraft({ ...draft, position: e.currentTarget.value })}
        />
        <Button onClick={apply}>Показать</Button>
        <SegmentedControl
          value={measure}
          onChange={(v) => setMeasure(v as Measure)}
          data={[
            { value: 'count', label: 'Число педагогов' },
            { value: 'share', label: 'Доля' },
          ]}
        />
      </Group>
      {matrix.isLoading ? (
        <Loading />
      ) : matrix.error || !m ? (
        <ErrorAlert error={matrix.error} title="Банк затруднений недоступен" />
      ) : (
        <Stack gap="md">
          <Text size="sm" c="dimmed">
            Период {formatRuDate(m.period.from)} — {formatRuDate(m.period.to)}: продиагностировано{' '}
            {countOf(m.diagnosed, TEACHER_FORMS)}.
          </Text>
          {!m.deficits.length ? (
            <EmptyState>За период дефицитов по диагностикам не выявлено.</EmptyState>
          ) : (
            <>
              {m.organizations.length > 0 && (
                <Paper withBorder p="md" radius="md">
                  <DifficultyHeatmap matrix={m} measure={measure} onCell={openCell} />
                </Paper>
              )}
              <Table striped aria-label="Дефициты: число педагогов, ресурсы и практики">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Дефицит</Table.Th>
                    <Table.Th>Педагогов</Table.Th>
                    <Table.Th>Доля</Table.Th>
                    <Table.Th>Ресурсы</Table.Th>
                    <Table.Th>Практики банка</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {m.deficits.map((d) => (
                    <Table.Tr key={d.code}>
                      <Table.Td>
                        {d.code} {d.title}
                      </Table.Td>
                      <Table.Td>{d.count}</Table.Td>
                      <Table.Td>{formatPercent(d.share === null ? null : d.share * 100)}</Table.Td>
                      <Table.Td>
                        <Text size="xs">{d.resources.map((r) => r.title).join('; ') || '—'}</Text>
                      </Table.Td>
                      <Table.Td>
                        <Stack gap={2}>
                          {d.practices.map((p) => (
                            <Anchor key={p.id} component={Link} to={`/practices/${p.id}`} size="xs">
                              {p.title}
                            </Anchor>
                          ))}
                          {!d.practices.length && <Text size="xs">—</Text>}
                        </Stack>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
              {m.trends.years.length > 1 && (
                <Paper withBorder p="md" radius="md">
                  <Title order={4} mb="sm">
                    Динамика по учебным годам
                  </Title>
                  <DifficultyTrends matrix={m} />
                </Paper>
              )}
            </>
          )}
        </Stack>
      )}
      {cell && <TeachersModal filters={filters} cell={cell} onClose={() => setCell(null)} />}
    </>
  );
}
