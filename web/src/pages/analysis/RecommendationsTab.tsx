import {
  Badge,
  Button,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Title,
  UnstyledButton,
} from '@mantine/core';
import { IconPlus, IconSparkles } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { countOf } from '../../../../core/format.ts';
import { api } from '../../api/client.ts';
import { EmptyState, ErrorAlert, Loading } from '../../components/common.tsx';
import { notifySaved } from '../../lib/forms.ts';
import type { CampaignView } from '../campaigns/api.ts';
import {
  RECOMMENDATION_STATUSES,
  STATUS_COLOR,
  STATUS_LABEL,
  type Recommendation,
  type RecommendationStatus,
} from './api.ts';
import { ConfirmModal } from '../../components/ConfirmModal.tsx';
import { isOverdue, RecommendationCard } from './recommendation-card.tsx';
import { RecommendationModal } from './RecommendationModal.tsx';
import { ReportFiles, ReturnReportModal } from './report-files.tsx';
import { GroupProgressBadge, GroupReportsTable } from './group-reports.tsx';
import { EditDeleteIcons } from '../../components/EditDeleteIcons.tsx';

const RECOMMENDATION_FORMS = ['рекомендация', 'рекомендации', 'рекомендаций'] as const;
const DEPARTMENT = 'department';
/** Recommendations to several organizations at once (the general letter «Руководителям ОО»). */
const GROUPS = 'groups';
const keyOf = (r: Recommendation) =>
  r.organizationId !== null ? String(r.organizationId) : r.audience ? GROUPS : DEPARTMENT;

/** The «Рекомендации» tab: drafted by the program's rules, grouped by addressee, with the schools' reports. */
export function RecommendationsTab({ campaignId }: { campaignId: number }) {
  const client = useQueryClient();
  const key = ['recommendations', campaignId];
  const query = useQuery({
    queryKey: key,
    queryFn: () => api.get<Recommendation[]>(`/api/campaigns/${campaignId}/recommendations`),
  });
  const campaign = useQuery({
    queryKey: ['campaign', campaignId],
    queryFn: () => api.get<CampaignView>(`/api/campaigns/${campaignId}`),
  });
  const [organization, setOrganization] = useState<string | null>(null);
  const [status, setStatus] = useState<RecommendationStatus | 'overdue' | null>(null);
  const [editing, setEditing] = useState<Recommendation | 'new' | null>(null);
  const [removing, setRemoving] = useState<Recommendation | null>(null);
  const [returning, setReturning] = useState<Recommendation | null>(null);
  const [confirmGenerate, setConfirmGenerate] = useState(false);
  const generate = useMutation({
    mutationFn: () => api.post<Recommendation[]>(`/api/campaigns/${campaignId}/recommendations/generate`),
    onSuccess: (list) => {
      client.setQueryData(key, list);
      setConfirmGenerate(false);
      notifySaved(`Рекомендаций по правилам: ${list.length}`);
    },
  });
  const remove = useMutation({
    mutationFn: (r: Recommendation) => api.delete(`/api/recommendations/${r.id}`),
    onSuccess: () => {
      setRemoving(null);
      notifySaved('Рекомендация удалена');
    },
    onSettled: () => client.invalidateQueries({ queryKey: key }),
  });
  const accept = useMutation({
    mutationFn: (r: Recommendation) =>
      api.post(`/api/recommendations/${r.id}/review`, { decision: 'accept', version: r.version }),
    onSuccess: () => notifySaved('Отчёт принят, рекомендация выполнена'),
    onSettled: () => client.invalidateQueries({ queryKey: key }),
  });
  if (query.isLoading) return <Loading />;
  if (query.error || !query.data) return <ErrorAlert error={query.error} title="Рекомендации недоступны" />;
  const all = query.data;
  const organizations = campaign.data?.organizations ?? [];
  const shown = all.filter(
    (r) =>
      (organization === null ||
        (organization === DEPARTMENT || organization === GROUPS
          ? keyOf(r) === organization
          : r.organizationId === Number(organization))) &&
      (status === null || (status === 'overdue' ? isOverdue(r) : r.status === status)),
  );
  const groups = groupByAddressee(shown);
  const overdue = all.filter((r) => isOverdue(r)).length;

  return (
    <Stack gap="md">
      <Group justify="space-between" wrap="wrap" align="flex-start">
        <Text size="sm" c="dimmed" maw={620}>
          Адресные рекомендации по итогам мониторинга: отделу образования и организациям, где показатели ниже
          порогов. Черновик составляется по библиотеке правил программы; организации видят свои рекомендации в
          личном кабинете и сообщают о выполнении.
        </Text>
        <Group gap="sm">
          <Button variant="default" leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')}>
            Добавить рекомендацию
          </Button>
          <Button
            leftSection={<IconSparkles size={16} />}
            onClick={() => (all.length ? setConfirmGenerate(true) : generate.mutate())}
            loading={generate.isPending && !confirmGenerate}
          >
            Сформировать по правилам
          </Button>
        </Group>
      </Group>
      <ErrorAlert error={confirmGenerate ? null : generate.error} />
      <ErrorAlert error={accept.error} title="Отчёт не принят" />
      <SimpleGrid cols={{ base: 2, sm: 4, md: 7 }} spacing="xs" aria-label="Рекомендации по статусам">
        <StatusCount
          label="Всего"
          count={all.length}
          active={status === null}
          onClick={() => setStatus(null)}
        />
        {RECOMMENDATION_STATUSES.map((s) => (
          <StatusCount
            key={s}
            label={STATUS_LABEL[s]}
            color={STATUS_COLOR[s]}
            count={all.filter((r) => r.status === s).length}
            active={status === s}
            onClick={() => setStatus(status === s ? null : s)}
          />
        ))}
        <StatusCount
          label="срок истёк"
          color="red"
          count={overdue}
          active={status === 'overdue'}
          onClick={() => setStatus(status === 'overdue' ? null : 'overdue')}
        />
      </SimpleGrid>
      <Group gap="sm" align="flex-end">
        <Select
          label="Адресат"
          placeholder="Все адресаты"
          clearable
          searchable
          w={340}
          value={organization}
          onChange={setOrganization}
          data={[
            { value: DEPARTMENT, label: 'Отдел образования (методический кабинет)' },
            { value: GROUPS, label: 'Группам организаций' },
            ...organizations.map((o) => ({ value: String(o.organizationId), label: o.organizationName })),
          ]}
        />
        <Select
          label="Статус"
          placeholder="Все статусы"
          clearable
          w={220}
          value={status}
          onChange={(v) => setStatus(v as typeof status)}
          data={[
            ...RECOMMENDATION_STATUSES.map((s) => ({ value: s, label: STATUS_LABEL[s] })),
            { value: 'overdue', label: 'срок истёк' },
          ]}
        />
        <Text size="sm" c="dimmed" pb={6}>
          Показано: {countOf(shown.length, RECOMMENDATION_FORMS)}
        </Text>
      </Group>
      {all.length === 0 ? (
        <Paper withBorder>
          <EmptyState>
            Рекомендаций пока нет. Нажмите «Сформировать по правилам» — они составятся по результатам
            мониторинга и библиотеке правил программы.
          </EmptyState>
        </Paper>
      ) : shown.length === 0 ? (
        <EmptyState>Нет рекомендаций с такими условиями.</EmptyState>
      ) : (
        groups.map((g) => (
          <Stack key={g.key} gap="xs" component="section" aria-label={g.title}>
            <Group gap="xs">
              <Title order={5}>{g.title}</Title>
              <Badge variant="light" color="gray">
                {g.items.length}
              </Badge>
            </Group>
            {g.items.map((r) => (
              <RecommendationCard
                key={r.id}
                recommendation={r}
                actions={
                  <>
                    {r.progress && <GroupProgressBadge progress={r.progress} />}
                    {/* A group recommendation's reports are accepted one by one in its table below. */}
                    {!r.audience && r.status === 'reported' && (
                      <Button
                        size="xs"
                        color="teal"
                        loading={accept.isPending && accept.variables?.id === r.id}
                        onClick={() => accept.mutate(r)}
                      >
                        Принять отчёт
                      </Button>
                    )}
                    {!r.audience && r.status === 'reported' && (
                      <Button size="xs" variant="default" onClick={() => setReturning(r)}>
                        Вернуть на доработку
                      </Button>
                    )}
                    <EditDeleteIcons
                      onEdit={() => setEditing(r)}
                      onDelete={() => setRemoving(r)}
                      editLabel="Изменить рекомендацию"
                      deleteLabel="Удалить рекомендацию"
                    />
                  </>
                }
              >
                {r.audience ? (
                  // Each organization of the group reports for itself: accepted or returned one by one.
                  <GroupReportsTable recommendation={r} invalidate={[key]} />
                ) : (
                  <ReportFiles recommendation={r} canAttach={false} invalidate={[key]} />
                )}
              </RecommendationCard>
            ))}
          </Stack>
        ))
      )}
      <ConfirmModal
        opened={confirmGenerate}
        title="Сформировать рекомендации по правилам?"
        confirmLabel="Сформировать"
        color="blue"
        onConfirm={() => generate.mutate()}
        onClose={() => setConfirmGenerate(false)}
        loading={generate.isPending}
        error={generate.error}
      >
        Рекомендации, которые ещё никто не менял, будут составлены заново по текущим данным и правилам
        программы. Изменённые вами, начатые и те, по которым организации уже отчитались, останутся.
      </ConfirmModal>
      <ConfirmModal
        opened={removing !== null}
        title="Удалить рекомендацию?"
        confirmLabel="Удалить"
        onConfirm={() => removing && remove.mutate(removing)}
        onClose={() => setRemoving(null)}
        loading={remove.isPending}
        error={remove.error}
      >
        {removing?.text}
      </ConfirmModal>
      {editing && (
        <RecommendationModal
          campaignId={campaignId}
          programId={campaign.data?.campaign.programId ?? null}
          recommendation={editing === 'new' ? null : editing}
          organizations={organizations.map((o) => ({ id: o.organizationId, name: o.organizationName }))}
          defaultOrganization={
            organization && organization !== DEPARTMENT && organization !== GROUPS
              ? Number(organization)
              : null
          }
          onClose={() => setEditing(null)}
        />
      )}
      {returning && (
        <ReturnReportModal recommendation={returning} onClose={() => setReturning(null)} invalidate={[key]} />
      )}
    </Stack>
  );
}

/** The department's recommendations first, then each organization's, in the order of the list. */
function groupByAddressee(list: Recommendation[]) {
  const groups = new Map<string, { key: string; title: string; items: Recommendation[] }>();
  for (const r of list) {
    const key = keyOf(r);
    const title =
      key === DEPARTMENT
        ? 'Отделу образования'
        : key === GROUPS
          ? 'Группам организаций (общее письмо «Руководителям ОО»)'
          : (r.organizationName ?? 'Организация');
    if (!groups.has(key)) groups.set(key, { key, title, items: [] });
    groups.get(key)!.items.push(r);
  }
  const rank = (key: string) => (key === DEPARTMENT ? 2 : key === GROUPS ? 1 : 0);
  return [...groups.values()].sort((a, b) => rank(b.key) - rank(a.key));
}

function StatusCount({
  label,
  count,
  color = 'dark',
  active,
  onClick,
}: {
  label: string;
  count: number;
  color?: string;
  active: boolean;
  onClick(): void;
}) {
  return (
    <UnstyledButton onClick={onClick} aria-pressed={active} aria-label={`${label}: ${count}`}>
      <Paper
        withBorder
        p="xs"
        style={{
          borderColor: active ? `var(--mantine-color-${color === 'dark' ? 'blue' : color}-5)` : undefined,
          boxShadow: active
            ? `0 0 0 1px var(--mantine-color-${color === 'dark' ? 'blue' : color}-5)`
            : undefined,
        }}
      >
        <Text size="xs" c="dimmed">
          {label}
        </Text>
        <Text fz={20} fw={700} c={count && color !== 'dark' ? `${color}.7` : undefined}>
          {count}
        </Text>
      </Paper>
    </UnstyledButton>
  );
}
