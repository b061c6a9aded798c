import {
  Badge,
  Button,
  Group,
  Modal,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { IconChecklist } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api/client.ts';
import { useAuth } from '../../auth/auth.tsx';
import { EmptyState, ErrorAlert, Loading, PageHeader } from '../../components/common.tsx';
import { notifySaved } from '../../lib/forms.ts';
import {
  RECOMMENDATION_STATUSES,
  STATUS_COLOR,
  STATUS_LABEL,
  reportUrl,
  type OwnRecommendation,
  type RecommendationStatus,
} from './api.ts';
import { isOverdue, RecommendationCard, statusOptions } from './recommendation-card.tsx';
import { OwnLetters } from '../documents/OwnLetters.tsx';
import { ReportFiles } from './report-files.tsx';
import { FormActions } from '../../components/FormActions.tsx';

/** The school's cabinet: every recommendation addressed to it, by campaign, with «Сообщить о выполнении». */
export function MyRecommendationsPage() {
  const { hasRole } = useAuth();
  const canReport = hasRole('org_manager');
  const query = useQuery({
    queryKey: ['my-recommendations'],
    queryFn: () => api.get<OwnRecommendation[]>('/api/my-recommendations'),
  });
  const [reporting, setReporting] = useState<OwnRecommendation | null>(null);
  if (query.isLoading) return <Loading />;
  if (query.error || !query.data) return <ErrorAlert error={query.error} title="Рекомендации недоступны" />;
  const list = query.data;
  const campaigns = [...new Map(list.map((r) => [r.campaignId, r])).values()].sort(
    (a, b) => b.campaignYear - a.campaignYear,
  );
  const open = list.filter((r) => r.status === 'planned' || r.status === 'in_progress').length;
  return (
    <>
      <PageHeader
        title="Рекомендации по итогам мониторинга"
        subtitle={
          canReport
            ? 'Адресные рекомендации отдела образования вашей организации и группам, в которые она входит. Сообщите, что сделано: отчёт увидит методический кабинет.'
            : 'Адресные рекомендации отдела образования вашей организации.'
        }
      />
      {list.length === 0 ? (
        <Paper withBorder>
          <EmptyState>Вашей организации пока не адресовано ни одной рекомендации.</EmptyState>
        </Paper>
      ) : (
        <Stack gap="lg">
          <OwnLetters />
          <SimpleGrid cols={{ base: 2, md: 6 }} spacing="xs">
            <Paper withBorder p="xs">
              <Text size="xs" c="dimmed">
                Ждут выполнения
              </Text>
              <Text fz={22} fw={700} c={open ? 'blue.7' : undefined}>
                {open}
              </Text>
            </Paper>
            {RECOMMENDATION_STATUSES.map((s) => (
              <Paper withBorder p="xs" key={s}>
                <Text size="xs" c="dimmed">
                  {STATUS_LABEL[s]}
                </Text>
                <Text fz={22} fw={700} c={`${STATUS_COLOR[s]}.7`}>
                  {list.filter((r) => r.status === s).length}
                </Text>
              </Paper>
            ))}
          </SimpleGrid>
          {campaigns.map((c) => (
            <Stack key={c.campaignId} gap="xs" component="section" aria-label={c.campaignTitle}>
              <Title order={4}>{c.campaignTitle}</Title>
              {list
                .filter((r) => r.campaignId === c.campaignId)
                .map((r) => (
                  <RecommendationCard
                    key={`${r.id}-${r.groupOrganizationId ?? ''}`}
                    recommendation={r}
                    actions={
                      canReport &&
                      r.status !== 'done' &&
                      r.status !== 'cancelled' && (
                        <Button
                          size="xs"
                          variant={isOverdue(r) || r.status === 'planned' ? 'filled' : 'light'}
                          leftSection={<IconChecklist size={14} />}
                          onClick={() => setReporting(r)}
                        >
                          {r.report ? 'Изменить отчёт' : 'Сообщить о выполнении'}
                        </Button>
                      )
                    }
                  >
                    <ReportFiles
                      recommendation={r}
                      canAttach={canReport}
                      invalidate={[['my-recommendations']]}
                    />
                  </RecommendationCard>
                ))}
            </Stack>
          ))}
        </Stack>
      )}
      {reporting && <ReportModal recommendation={reporting} onClose={() => setReporting(null)} />}
    </>
  );
}

/** What a school may set: it works on a recommendation and sends its report for the department to accept. */
const ORGANIZATION_STATUS_OPTIONS = statusOptions
  .filter((o) => o.value === 'planned' || o.value === 'in_progress' || o.value === 'reported')
  .map((o) => (o.value === 'reported' ? { ...o, label: 'выполнено — отправить отчёт на проверку' } : o));

function ReportModal({ recommendation: r, onClose }: { recommendation: OwnRecommendation; onClose(): void }) {
  const client = useQueryClient();
  const [status, setStatus] = useState<RecommendationStatus>(r.status === 'planned' ? 'reported' : r.status);
  const [report, setReport] = useState(r.report ?? '');
  const [touched, setTouched] = useState(false);
  const save = useMutation({
    mutationFn: () => api.patch(reportUrl(r), { status, report, version: r.version }),
    onSuccess: () => {
      client.invalidateQueries({ queryKey: ['my-recommendations'] });
      notifySaved('Отчёт отправлен в методический кабинет');
      onClose();
    },
    // A conflict means someone changed it meanwhile: read it again, keep what was typed.
    onError: () => client.invalidateQueries({ queryKey: ['my-recommendations'] }),
  });
  const needsText = status === 'reported' || status === 'in_progress';
  return (
    <Modal opened onClose={onClose} title="Сообщить о выполнении" size="lg">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setTouched(true);
          if (!(needsText && !report.trim())) save.mutate();
        }}
      >
        <Stack>
          <Paper bg="gray.0" p="sm">
            <Group gap={6} mb={4}>
              <Badge variant="light" color="gray">
                {r.campaignYear}
              </Badge>
              {r.indicatorCode && (
                <Badge variant="outline" color="gray" size="sm">
                  показатель {r.indicatorCode}
                </Badge>
              )}
            </Group>
            <Text size="sm">{r.text}</Text>
          </Paper>
          <ErrorAlert error={save.error} title="Отчёт не сохранён" />
          <Select
            label="Статус"
            data={ORGANIZATION_STATUS_OPTIONS}
            description="Выполненной рекомендацию отмечает методический отдел, приняв ваш отчёт"
            value={status}
            onChange={(v) => v && setStatus(v as RecommendationStatus)}
            allowDeselect={false}
          />
          <Textarea
            label="Что сделано"
            description="Мероприятия, документы, сроки, сколько педагогов охвачено"
            placeholder="Например: 12 педагогов прошли диагностику в ЦНППМ в марте; составлены ИОМ."
            value={report}
            onChange={(e) => setReport(e.currentTarget.value)}
            autosize
            minRows={4}
            withAsterisk={needsText}
            error={touched && needsText && !report.trim() ? 'Опишите, что сделано' : undefined}
            data-autofocus
          />
          <FormActions onCancel={onClose} loading={save.isPending} submitLabel="Отправить" />
        </Stack>
      </form>
    </Modal>
  );
}
