import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  Modal,
  NumberInput,
  Paper,
  SimpleGrid,
  Stack,
  Stepper,
  Tabs,
  Text,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router-dom';
import {
  PHASE_LABEL,
  STAGE_LABEL,
  STAGE_ORDER,
  STAGE_PURPOSE,
  stageProgress,
  type CampaignDates,
} from '../../../../core/campaigns/stages.ts';
import { formatRuDate, isoDate } from '../../../../core/dates.ts';
import { ORGANIZATION_FORMS, countOf, formatPercent, plural } from '../../../../core/format.ts';

const FORM_FORMS = ['форма', 'формы', 'форм'] as const;
import { api } from '../../api/client.ts';
import { useAuth } from '../../auth/auth.tsx';
import { ErrorAlert, Loading, PageHeader } from '../../components/common.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { notifySaved } from '../../lib/forms.ts';
import type { ProgramTree } from '../programs/api.ts';
import { ResultsTable } from '../programs/ResultsTable.tsx';
import { AnalysisTab, ConclusionsTab, RecommendationsTab, ReportTab } from '../analysis/index.tsx';
import { DocumentsTab } from '../documents/index.tsx';
import { RuDateInput } from '../analysis/recommendation-card.tsx';
import { type CampaignView } from './api.ts';
import { CompletenessTable } from './CompletenessTable.tsx';
import { SendAnnouncementButton } from './AnnouncementSendings.tsx';
import { CommunicationsTab } from './CommunicationsTab.tsx';
import { PageCrumbs } from '../../components/PageCrumbs.tsx';
import { ConfirmModal } from '../../components/ConfirmModal.tsx';
import { FormActions } from '../../components/FormActions.tsx';
import { RegionalLevelBlock } from '../regional-review/RegionalLevelBlock.tsx';

const STAGES = STAGE_ORDER;

/** The day a campaign was closed, in the viewer's time zone like the time on its badge. */
function localDay(at: string | null) {
  if (!at) return null;
  const d = new Date(at);
  return isoDate(d.getFullYear(), d.getMonth() + 1, d.getDate());
}

export function CampaignPage() {
  const id = Number(useParams().id);
  const { hasRole } = useAuth();
  const isDepartment = hasRole('admin', 'coordinator');
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'progress';
  const client = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [confirmClose, setConfirmClose] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const navigate = useNavigate();
  const query = useQuery({
    queryKey: ['campaign', id],
    queryFn: () => api.get<CampaignView>(`/api/campaigns/${id}`),
    refetchInterval: 30_000,
  });
  const program = useQuery({
    queryKey: ['program', query.data?.campaign.programId],
    queryFn: () => api.get<ProgramTree>(`/api/programs/${query.data!.campaign.programId}`),
    enabled: Boolean(query.data),
  });
  const close = useMutation({
    mutationFn: () => api.post(`/api/campaigns/${id}/close`),
    onSuccess: () => {
      client.invalidateQueries({ queryKey: ['campaign', id] });
      client.invalidateQueries({ queryKey: ['campaign-results', id] });
      client.invalidateQueries({ queryKey: ['campaign-regional', id] });
      setConfirmClose(false);
      notifySaved('Мониторинг закрыт, результаты заморожены');
    },
  });
  const remove = useMutation({
    mutationFn: () => api.delete(`/api/campaigns/${id}`),
    onSuccess: () => {
      client.invalidateQueries({ queryKey: ['campaigns'] });
      client.removeQueries({ queryKey: ['campaign', id] });
      notifySaved('Мониторинг удалён');
      navigate('/campaigns');
    },
  });
  if (query.isLoading) return <Loading />;
  if (query.error || !query.data) return <ErrorAlert error={query.error} title="Мониторинг недоступен" />;
  const { campaign, stats } = query.data;
  const closedOn = campaign.status === 'closed' ? localDay(campaign.closedAt) : null;
  const { activeStep, isClosedEarly } = stageProgress({
    dates: campaign.dates,
    phase: campaign.phase,
    closedOn,
  });
  return (
    <>
      <PageCrumbs to="/campaigns" section="Мониторинг" current={campaign.year} />
      <PageHeader
        title={campaign.title}
        subtitle={`Программа: ${campaign.programTitle}`}
        actions={
          <Group>
            <Badge size="lg" color={campaign.status === 'closed' ? 'gray' : 'green'} variant="light">
              {campaign.status === 'closed'
                ? `закрыт ${formatDateTime(campaign.closedAt)}`
                : PHASE_LABEL[campaign.phase]}
            </Badge>
            {isDepartment && (
              <Button
                component="a"
                href={`/api/campaigns/${campaign.id}/announcement-letter`}
                variant="light"
              >
                Информационное письмо
              </Button>
            )}
            {isDepartment && campaign.status === 'active' && <SendAnnouncementButton view={query.data} />}
            {isDepartment && campaign.status === 'active' && (
              <>
                <Button variant="default" onClick={() => setEditing(true)}>
                  Сроки и напоминания
                </Button>
                <Button color="gray" onClick={() => setConfirmClose(true)}>
                  Закрыть мониторинг
                </Button>
                {campaign.isDeletable && (
                  <Button color="red" variant="light" onClick={() => setConfirmDelete(true)}>
                    Удалить
                  </Button>
                )}
              </>
            )}
          </Group>
        }
      />
      <Paper withBorder p="md" mb="md">
        {/* Dates and purpose on separate lines, the purpose narrow: in one long line the three steps did not
            fit side by side at 1280 px and wrapped into a ragged column. */}
        <Stepper
          active={activeStep}
          size="sm"
          allowNextStepsSelect={false}
          styles={{ stepDescription: { maxWidth: 220 } }}
        >
          {STAGES.map((stage) => (
            <Stepper.Step
              key={stage}
              label={`${STAGE_LABEL[stage][0].toUpperCase()}${STAGE_LABEL[stage].slice(1)} этап`}
              description={
                <>
                  <Text span size="xs" fw={500} c="dark.4" display="block">
                    {formatRuDate(campaign.dates[`${stage}Start` as keyof CampaignDates])} —{' '}
                    {formatRuDate(campaign.dates[`${stage}End` as keyof CampaignDates])}
                  </Text>
                  {STAGE_PURPOSE[stage]}
                </>
              }
            />
          ))}
        </Stepper>
        {closedOn && (
          <Text size="sm" c="dimmed" mt="sm" data-testid="campaign-closed-note">
            Мониторинг закрыт {formatRuDate(closedOn)}
            {isClosedEarly
              ? ` — досрочно, до окончания заключительного этапа (по плану — ${formatRuDate(campaign.dates.finalEnd)}).`
              : '.'}{' '}
            Результаты заморожены.
          </Text>
        )}
      </Paper>
      {(isDepartment || hasRole('regional_coordinator')) && <RegionalLevelBlock campaignId={campaign.id} />}
      {stats && (
        <SimpleGrid cols={{ base: 2, md: 5 }} mb="md" data-testid="campaign-completeness">
          <Stat label="Участников" value={String(stats.participants)} />
          <Stat
            label="Отправили"
            value={`${stats.sent} из ${stats.participants}`}
            hint={`принято ${stats.accepted}, на проверке ${stats.underReview}, на доработке ${stats.returned}`}
          />
          <Stat
            label="В срок"
            value={`${stats.onTime} (${formatPercent(stats.onTimeShare)})`}
            hint={`срок — ${formatRuDate(stats.deadline)}`}
          />
          <Stat label="С опозданием" value={String(stats.late)} color={stats.late ? 'red' : undefined} />
          <Stat
            label="Не отправили"
            value={String(stats.notSent)}
            color={
              stats.notSent && (closedOn !== null || campaign.today > stats.deadline) ? 'red' : undefined
            }
          />
        </SimpleGrid>
      )}
      <Tabs
        value={tab}
        onChange={(v) => setParams(v ? { tab: v } : {}, { replace: true })}
        keepMounted={false}
      >
        <Tabs.List mb="md">
          <Tabs.Tab value="progress">Формы организаций</Tabs.Tab>
          <Tabs.Tab value="results">Результаты</Tabs.Tab>
          {isDepartment && (
            <>
              <Tabs.Tab value="analysis">Анализ</Tabs.Tab>
              <Tabs.Tab value="conclusions">Выводы</Tabs.Tab>
              <Tabs.Tab value="recommendations">Рекомендации</Tabs.Tab>
              <Tabs.Tab value="documents">Документы</Tabs.Tab>
              <Tabs.Tab value="communications">Письмо и материалы</Tabs.Tab>
              <Tabs.Tab value="report">Публикация</Tabs.Tab>
            </>
          )}
        </Tabs.List>
        <Tabs.Panel value="progress">
          <CompletenessTable view={query.data} isDepartment={isDepartment} />
        </Tabs.Panel>
        <Tabs.Panel value="analysis">
          <AnalysisTab campaignId={campaign.id} />
        </Tabs.Panel>
        <Tabs.Panel value="conclusions">
          <ConclusionsTab campaignId={campaign.id} />
        </Tabs.Panel>
        <Tabs.Panel value="recommendations">
          <RecommendationsTab campaignId={campaign.id} />
        </Tabs.Panel>
        <Tabs.Panel value="documents">
          <DocumentsTab campaignId={campaign.id} />
        </Tabs.Panel>
        <Tabs.Panel value="communications">
          <CommunicationsTab view={query.data} />
        </Tabs.Panel>
        <Tabs.Panel value="report">
          <ReportTab campaignId={campaign.id} />
        </Tabs.Panel>
        <Tabs.Panel value="results">
          {program.data ? (
            <ResultsTable program={program.data} year={campaign.year} campaignId={campaign.id} />
          ) : (
            <Loading />
          )}
        </Tabs.Panel>
      </Tabs>
      <ConfirmModal
        opened={confirmDelete}
        title="Удалить мониторинг?"
        confirmLabel="Удалить"
        loading={remove.isPending}
        error={remove.error}
        onConfirm={() => remove.mutate()}
        onClose={() => {
          setConfirmDelete(false);
          remove.reset();
        }}
      >
        Мониторинг «{campaign.title}» будет удалён вместе с черновиками форм организаций, выводами и
        рекомендациями. Удалить можно, пока ни одна организация не отправила форму и мониторинг не закрыт.
      </ConfirmModal>
      {editing && <CampaignSettingsModal view={query.data} onClose={() => setEditing(false)} />}
      <Modal opened={confirmClose} onClose={() => setConfirmClose(false)} title="Закрыть мониторинг?">
        <Stack>
          <Text size="sm">
            Значения будут рассчитаны в последний раз и заморожены: последующие изменения реестра их не
            изменят. Формы станут недоступны для правки.
          </Text>
          {stats && stats.counts.submitted > 0 && (
            <Alert color="yellow">
              {countOf(stats.counts.submitted, FORM_FORMS)} ещё не{' '}
              {plural(stats.counts.submitted, ['проверена', 'проверены', 'проверены'])}; их значения войдут в
              результаты.
            </Alert>
          )}
          {stats && stats.notSent > 0 && (
            <Alert color="orange">
              {countOf(stats.notSent, ORGANIZATION_FORMS)} не{' '}
              {plural(stats.notSent, ['отправила', 'отправили', 'отправили'])} форму: показатели из формы для
              них останутся без значения, показатели по реестру рассчитаются по тому, что есть в реестре.
            </Alert>
          )}
          {stats && stats.returned > 0 && (
            <Alert color="orange">
              {countOf(stats.returned, FORM_FORMS)} возвращено на доработку и не отправлено повторно: значения
              из них в результаты не войдут.
            </Alert>
          )}
          <ErrorAlert error={close.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirmClose(false)}>
              Отмена
            </Button>
            <Button color="red" loading={close.isPending} onClick={() => close.mutate()}>
              Закрыть и заморозить
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

function Stat({
  label,
  value,
  hint,
  color,
}: {
  label: string;
  value: string;
  hint?: string;
  color?: string;
}) {
  return (
    <Card withBorder padding="md">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fz={22} fw={700} c={color}>
        {value}
      </Text>
      {hint && (
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
      )}
    </Card>
  );
}

function CampaignSettingsModal({ view, onClose }: { view: CampaignView; onClose(): void }) {
  const client = useQueryClient();
  const [dates, setDates] = useState(view.campaign.dates);
  const [days, setDays] = useState(view.campaign.reminderDaysBefore);
  const save = useMutation({
    mutationFn: () =>
      api.patch<CampaignView>(`/api/campaigns/${view.campaign.id}`, {
        dates,
        reminderDaysBefore: days,
        version: view.campaign.version,
      }),
    onSuccess: (v) => {
      client.setQueryData(['campaign', view.campaign.id], v);
      notifySaved('Сроки сохранены');
      onClose();
    },
  });
  return (
    <Modal opened onClose={onClose} title="Сроки этапов и напоминания" size="lg">
      <Stack>
        <ErrorAlert error={save.error} />
        {STAGES.map((stage) => (
          <Group key={stage} grow>
            {/* дд.мм.гггг whatever the browser's language (a native date field showed 09/13/2025). */}
            <RuDateInput
              clearable={false}
              label={`${STAGE_LABEL[stage][0].toUpperCase()}${STAGE_LABEL[stage].slice(1)} этап: начало`}
              value={dates[`${stage}Start` as keyof CampaignDates]}
              onChange={(v) => v && setDates({ ...dates, [`${stage}Start`]: v })}
            />
            <RuDateInput
              clearable={false}
              label="окончание"
              value={dates[`${stage}End` as keyof CampaignDates]}
              onChange={(v) => v && setDates({ ...dates, [`${stage}End`]: v })}
            />
          </Group>
        ))}
        <NumberInput
          label="Напоминать за, дней до окончания основного этапа"
          value={days}
          onChange={(v) => setDays(Number(v))}
          min={0}
          max={30}
          description="И ещё раз — на следующий день после срока, если форма не отправлена"
        />
        <FormActions onCancel={onClose} onSubmit={() => save.mutate()} loading={save.isPending} />
      </Stack>
    </Modal>
  );
}
