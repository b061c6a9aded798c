import {
  Alert,
  Anchor,
  Badge,
  Button,
  Modal,
  NumberInput,
  Paper,
  Progress,
  Select,
  Stack,
  Table,
  Text,
} from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { campaignDatesForYear } from '../../../../core/campaigns/stages.ts';
import { formatRuDate, toIsoDate } from '../../../../core/dates.ts';
import { api } from '../../api/client.ts';
import { useAuth } from '../../auth/auth.tsx';
import { EmptyState, ErrorAlert, Loading, PageHeader } from '../../components/common.tsx';
import type { ProgramSummary } from '../programs/api.ts';
import type { CampaignSummary, CampaignView } from './api.ts';
import { FormActions } from '../../components/FormActions.tsx';

export function CampaignsPage() {
  const { hasRole } = useAuth();
  const [creating, setCreating] = useState(false);
  const campaigns = useQuery({
    queryKey: ['campaigns'],
    queryFn: () => api.get<CampaignSummary[]>('/api/campaigns'),
  });
  return (
    <>
      <PageHeader
        title="Мониторинг"
        subtitle="Ежегодный сбор данных: этапы, формы организаций, проверка и сроки"
        actions={
          hasRole('admin', 'coordinator') && (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
              Новый мониторинг
            </Button>
          )
        }
      />
      <ErrorAlert error={campaigns.error} />
      <Paper withBorder>
        {campaigns.isLoading ? (
          <Loading />
        ) : !campaigns.data?.length ? (
          <EmptyState>Мониторингов пока нет.</EmptyState>
        ) : (
          <Table.ScrollContainer minWidth={720}>
            <Table verticalSpacing="sm" highlightOnHover aria-label="Мониторинги">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Мониторинг</Table.Th>
                  <Table.Th>Год</Table.Th>
                  <Table.Th>Сроки</Table.Th>
                  <Table.Th w={220}>Формы отправлены</Table.Th>
                  <Table.Th>Статус</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {campaigns.data.map((c) => (
                  <Table.Tr key={c.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/campaigns/${c.id}`} fw={500}>
                        {c.title}
                      </Anchor>
                      <Text size="xs" c="dimmed">
                        {c.programTitle}
                      </Text>
                    </Table.Td>
                    <Table.Td>{c.year}</Table.Td>
                    <Table.Td>
                      <Text size="sm">
                        {formatRuDate(c.initialStart)} — {formatRuDate(c.finalEnd)}
                      </Text>
                      <Text size="xs" c="dimmed">
                        сдача форм до {formatRuDate(c.mainEnd)}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">
                        {c.completeness.sent} из {c.completeness.participants}, в срок —{' '}
                        {c.completeness.onTime}
                      </Text>
                      <Progress value={c.completeness.sentShare} size="sm" mt={4} />
                    </Table.Td>
                    <Table.Td>
                      <Badge color={c.status === 'closed' ? 'gray' : 'green'} variant="light">
                        {c.status === 'closed' ? 'закрыт' : 'идёт'}
                      </Badge>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
      {creating && <NewCampaignModal onClose={() => setCreating(false)} />}
    </>
  );
}

function NewCampaignModal({ onClose }: { onClose(): void }) {
  const navigate = useNavigate();
  const programs = useQuery({
    queryKey: ['programs'],
    queryFn: () => api.get<ProgramSummary[]>('/api/programs'),
  });
  const [programId, setProgramId] = useState<string | null>(null);
  const [year, setYear] = useState<number>(new Date().getFullYear() - 1);
  // The stage dates the server will set, shown before creating: with the default year a district that
  // collects in autumn of the reporting year (Кардымовский) got a campaign already over and all late.
  const templates = useQuery({
    queryKey: ['program-templates', 'definitions'],
    queryFn: async () => (await import('../../../../core/templates/index.ts')).PROGRAM_TEMPLATES,
    staleTime: Infinity,
  });
  const templateCode = programs.data?.find((p) => String(p.id) === programId)?.templateCode;
  const template = templates.data?.find((t) => t.code === templateCode);
  const dates =
    template && year >= 2000 && year <= 2100 ? campaignDatesForYear(template.campaign, year) : null;
  const today = toIsoDate(new Date());
  const create = useMutation({
    mutationFn: () => api.post<CampaignView>('/api/campaigns', { programId: Number(programId), year }),
    onSuccess: (view) => navigate(`/campaigns/${view.campaign.id}`),
  });
  return (
    <Modal opened onClose={onClose} title="Новый мониторинг">
      <Stack>
        <ErrorAlert error={create.error} title="Мониторинг не создан" />
        <Select
          label="Программа мониторинга"
          data={(programs.data ?? [])
            .filter((p) => !p.isArchived)
            .map((p) => ({ value: String(p.id), label: p.title }))}
          value={programId}
          onChange={setProgramId}
          searchable
        />
        <NumberInput
          label="Отчётный год"
          value={year}
          onChange={(v) => setYear(Number(v))}
          min={2000}
          max={2100}
        />
        {dates ? (
          <Text size="sm" data-testid="campaign-dates-preview">
            Этапы: {formatRuDate(dates.initialStart)} — {formatRuDate(dates.finalEnd)}, сдача форм — до{' '}
            {formatRuDate(dates.mainEnd)}.
          </Text>
        ) : null}
        {dates && dates.mainEnd < today && (
          <Alert color="yellow" title="Срок сдачи форм уже прошёл">
            Все организации сразу окажутся с просрочкой. Проверьте отчётный год или измените сроки кнопкой
            «Сроки и напоминания» на странице мониторинга.
          </Alert>
        )}
        <Text size="xs" c="dimmed">
          Даты этапов берутся из документа района, по которому составлена программа; участвуют все действующие
          организации. И то и другое можно изменить на странице мониторинга.
        </Text>
        <FormActions
          onCancel={onClose}
          onSubmit={() => create.mutate()}
          loading={create.isPending}
          disabled={!programId}
          submitLabel="Создать"
        />
      </Stack>
    </Modal>
  );
}
