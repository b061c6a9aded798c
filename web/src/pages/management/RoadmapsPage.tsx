import { Anchor, Button, Modal, NumberInput, Paper, Select, Stack, Table, Text } from '@mantine/core';
import { IconTemplate } from '@tabler/icons-react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { formatRuDate } from '../../../../core/dates.ts';
import { api } from '../../api/client.ts';
import type { Municipality } from '../../api/types.ts';
import { useAuth } from '../../auth/auth.tsx';
import { EmptyState, ErrorAlert, Loading, PageHeader } from '../../components/common.tsx';
import type { ProgramSummary } from '../programs/api.ts';
import type { Roadmap, RoadmapView } from './api.ts';
import { FormActions } from '../../components/FormActions.tsx';

export function RoadmapsPage() {
  const { hasRole } = useAuth();
  const [loading, setLoading] = useState(false);
  const query = useQuery({ queryKey: ['roadmaps'], queryFn: () => api.get<Roadmap[]>('/api/roadmaps') });
  return (
    <>
      <PageHeader
        title="Дорожные карты"
        subtitle="Меры и мероприятия, связанные с показателями и рекомендациями, и их эффект"
        actions={
          hasRole('admin', 'coordinator') && (
            <Button leftSection={<IconTemplate size={16} />} onClick={() => setLoading(true)}>
              Загрузить по шаблону
            </Button>
          )
        }
      />
      <ErrorAlert error={query.error} />
      <Paper withBorder>
        {query.isLoading ? (
          <Loading />
        ) : !query.data?.length ? (
          <EmptyState>Дорожных карт пока нет.</EmptyState>
        ) : (
          <Table verticalSpacing="sm" highlightOnHover aria-label="Дорожные карты">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Дорожная карта</Table.Th>
                <Table.Th>Период</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {query.data.map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/roadmaps/${r.id}`} fw={500}>
                      {r.title}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    {formatRuDate(r.periodStart)} — {formatRuDate(r.periodEnd)}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Paper>
      {loading && <TemplateModal onClose={() => setLoading(false)} />}
    </>
  );
}

function TemplateModal({ onClose }: { onClose(): void }) {
  const navigate = useNavigate();
  const municipalities = useQuery({
    queryKey: ['municipalities'],
    queryFn: () => api.get<Municipality[]>('/api/municipalities'),
  });
  const programs = useQuery({
    queryKey: ['programs'],
    queryFn: () => api.get<ProgramSummary[]>('/api/programs'),
  });
  const [programId, setProgramId] = useState<string | null>(null);
  const [startYear, setStartYear] = useState(new Date().getFullYear());
  const create = useMutation({
    mutationFn: () =>
      api.post<RoadmapView>('/api/roadmaps/from-template', {
        municipalityId: municipalities.data![0].id,
        programId: programId ? Number(programId) : undefined,
        startYear,
      }),
    onSuccess: (r) => navigate(`/roadmaps/${r.id}`),
  });
  return (
    <Modal opened onClose={onClose} title="Дорожная карта по шаблону">
      <Stack>
        <Text size="sm" c="dimmed">
          Комплекс мер Егорлыкского района на пять лет: 25 мероприятий в четырёх разделах с исполнителями и
          сроками. Мероприятия будут связаны с показателями выбранной программы по тому, что считают их
          формулы (диагностика, повышение квалификации, наставничество…).
        </Text>
        <ErrorAlert error={create.error} />
        <Select
          label="Программа мониторинга для связи с показателями"
          clearable
          data={(programs.data ?? []).map((p) => ({ value: String(p.id), label: p.title }))}
          value={programId}
          onChange={setProgramId}
        />
        <NumberInput
          label="Первый год периода"
          value={startYear}
          onChange={(v) => setStartYear(Number(v))}
          min={2000}
          max={2100}
        />
        <FormActions
          onCancel={onClose}
          onSubmit={() => create.mutate()}
          loading={create.isPending}
          disabled={!municipalities.data?.length}
          submitLabel="Загрузить"
        />
      </Stack>
    </Modal>
  );
}
