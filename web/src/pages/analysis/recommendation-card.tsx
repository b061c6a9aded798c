import { Badge, Group, Paper, Stack, Text } from '@mantine/core';
import { DateInput, type DateInputProps } from '@mantine/dates';
import { IconCalendarDue, IconMessageReport } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { countOf, ORGANIZATION_FORMS } from '../../../../core/format.ts';
import { describeApplicability, type Applicability } from '../../../../core/indicators/applicability.ts';
import { formatRuDate, parseRuDate, toIsoDate } from '../../../../core/dates.ts';
import { formatDateTime } from '../../lib/format.ts';
import { STATUS_COLOR, STATUS_LABEL, type Recommendation, type RecommendationStatus } from './api.ts';

/** A date field that reads and shows дд.мм.гггг and keeps an ISO string. */
export function RuDateInput(props: Omit<DateInputProps, 'valueFormat' | 'dateParser'>) {
  return (
    <DateInput
      valueFormat="DD.MM.YYYY"
      dateParser={(text) => parseRuDate(text)}
      placeholder="дд.мм.гггг"
      clearable
      {...props}
    />
  );
}

export const statusOptions = (Object.keys(STATUS_LABEL) as RecommendationStatus[]).map((s) => ({
  value: s,
  label: STATUS_LABEL[s],
}));

export function StatusBadge({ status }: { status: RecommendationStatus }) {
  return (
    <Badge color={STATUS_COLOR[status]} variant="light" data-status={status}>
      {STATUS_LABEL[status]}
    </Badge>
  );
}

/** A recommendation still open after its deadline. */
export function isOverdue(r: Pick<Recommendation, 'deadline' | 'status'>, today = toIsoDate(new Date())) {
  return Boolean(r.deadline && r.deadline < today && (r.status === 'planned' || r.status === 'in_progress'));
}

/** One recommendation: its text, to whom and by when, its status and what the organization reported. */
export function RecommendationCard({
  recommendation: r,
  context,
  actions,
  children,
}: {
  recommendation: Omit<Recommendation, 'files' | 'reviewComment'> &
    Partial<Pick<Recommendation, 'reviewComment'>>;
  /** A line above the text, e.g. the campaign. */
  context?: ReactNode;
  actions?: ReactNode;
  /** Under the report: its files. */
  children?: ReactNode;
}) {
  const overdue = isOverdue(r);
  return (
    <Paper withBorder p="sm" aria-label={`Рекомендация: ${r.text.slice(0, 60)}`} data-recommendation={r.id}>
      {/* On a phone the actions (e.g. «Сообщить о выполнении») go below the text instead of squeezing it. */}
      <Group align="flex-start" wrap="wrap" gap="sm">
        <Stack gap={6} style={{ flex: '1 1 280px', minWidth: 0 }}>
          {context}
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {r.text}
          </Text>
          <Group gap="xs">
            <StatusBadge status={r.status} />
            <Text size="xs" c="dimmed">
              {r.audience
                ? `${r.addressee}: ${r.audience.organizationIds?.length ? countOf(r.audience.organizationIds.length, ORGANIZATION_FORMS) : describeApplicability(r.audience as Applicability)}`
                : r.addressee}
            </Text>
            {r.responsible && (
              <Text size="xs" c="dimmed">
                ответственные — {r.responsible}
              </Text>
            )}
            {r.deadline && (
              <Group gap={4}>
                <IconCalendarDue size={14} color={overdue ? 'var(--mantine-color-red-7)' : 'gray'} />
                <Text size="xs" c={overdue ? 'red.7' : 'dimmed'} fw={overdue ? 600 : undefined}>
                  срок — {formatRuDate(r.deadline)}
                  {overdue ? ', срок истёк' : ''}
                </Text>
              </Group>
            )}
            {r.indicatorCode && (
              <Badge size="xs" variant="outline" color="gray">
                показатель {r.indicatorCode}
              </Badge>
            )}
          </Group>
          {r.report && (
            <Paper bg="gray.0" p="xs" radius="sm" data-testid="recommendation-report">
              <Group gap={6} mb={2}>
                <IconMessageReport size={14} color="var(--mantine-color-teal-7)" />
                <Text size="xs" fw={600} c="teal.8">
                  Отчёт о выполнении
                </Text>
                <Text size="xs" c="dimmed">
                  {[r.reportedBy, r.reportedAt ? formatDateTime(r.reportedAt) : null]
                    .filter(Boolean)
                    .join(', ')}
                </Text>
              </Group>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {r.report}
              </Text>
            </Paper>
          )}
          {r.reviewComment && r.status === 'in_progress' && (
            <Paper bg="orange.0" p="xs" radius="sm" data-testid="review-comment">
              <Text size="xs" fw={600} c="orange.9">
                Отчёт возвращён на доработку
              </Text>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {r.reviewComment}
              </Text>
            </Paper>
          )}
          {children}
        </Stack>
        {actions && (
          <Group gap={2} wrap="nowrap">
            {actions}
          </Group>
        )}
      </Group>
    </Paper>
  );
}
