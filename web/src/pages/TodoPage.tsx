import { Anchor, Badge, Button, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { IconBell } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { formatRuDate } from '../../../core/dates.ts';
import { countOf } from '../../../core/format.ts';
import { api } from '../api/client.ts';
import { EmptyState, ErrorAlert, Loading, PageHeader } from '../components/common.tsx';
import { formatDateTime } from '../lib/format.ts';
import { PhoneLink, ReminderOutcome, useRemind } from './campaigns/reminders.tsx';

const DAY_FORMS = ['день', 'дня', 'дней'] as const;

interface Recommendation {
  id: number;
  campaignId: number;
  campaignTitle: string;
  organizationName: string | null;
  addressee: string;
  text: string;
  deadline: string | null;
  reportedAt: string | null;
  reportedBy: string | null;
  link: string;
}

export interface Todo {
  today: string;
  total: number;
  summary: string;
  counts: { reviews: number; late: number; overdueRecommendations: number; reportedRecommendations: number };
  reviews: {
    campaignId: number;
    campaignTitle: string;
    organizationId: number;
    organizationName: string;
    submittedAt: string | null;
    link: string;
  }[];
  late: {
    campaignId: number;
    campaignTitle: string;
    deadline: string;
    daysLate: number;
    organizationId: number;
    organizationName: string;
    stateLabel: string;
    contactName: string | null;
    contactPhone: string | null;
    hasEmail: boolean;
    lastReminderAt: string | null;
    link: string;
  }[];
  overdueRecommendations: (Recommendation & { daysOverdue: number })[];
  reportedRecommendations: Recommendation[];
}

export const todoQuery = { queryKey: ['todo'], queryFn: () => api.get<Todo>('/api/todo') };

function Section({ title, count, children }: { title: string; count: number; children: ReactNode }) {
  if (!count) return null;
  return (
    <Card withBorder padding="lg" data-testid={`todo-${title}`}>
      <Group gap="xs" mb="sm">
        <Title order={3} fz="lg">
          {title}
        </Title>
        <Badge variant="light" color="red">
          {count}
        </Badge>
      </Group>
      {children}
    </Card>
  );
}

/** The methodist's day: what the department has to do now, each item one click from where it is done. */
export function TodoPage() {
  const todo = useQuery(todoQuery);
  const remind = useRemind();
  if (todo.isLoading) return <Loading />;
  if (todo.error || !todo.data) return <ErrorAlert error={todo.error} title="Список дел недоступен" />;
  const d = todo.data;
  return (
    <>
      <PageHeader title="Нужно сделать" subtitle={d.summary} />
      {!d.total && <EmptyState>Всё сделано: срочных дел нет.</EmptyState>}
      <Stack>
        <ReminderOutcome remind={remind} />
        <Section title="Формы на проверке" count={d.counts.reviews}>
          <Table verticalSpacing="xs">
            <Table.Tbody>
              {d.reviews.map((r) => (
                <Table.Tr key={`${r.campaignId}:${r.organizationId}`}>
                  <Table.Td>
                    <Text size="sm" fw={500}>
                      {r.organizationName}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {r.campaignTitle}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">отправлена {formatDateTime(r.submittedAt)}</Text>
                  </Table.Td>
                  <Table.Td ta="right">
                    <Button component={Link} to={r.link} size="xs">
                      Проверить
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Section>
        <Section title="Не отправили форму в срок" count={d.counts.late}>
          <Table.ScrollContainer minWidth={760}>
            <Table verticalSpacing="xs" aria-label="Не отправили форму в срок">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Организация</Table.Th>
                  <Table.Th>Форма</Table.Th>
                  <Table.Th>Ответственный</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {d.late.map((r) => (
                  <Table.Tr key={`${r.campaignId}:${r.organizationId}`}>
                    <Table.Td>
                      <Anchor component={Link} to={r.link} size="sm" fw={500}>
                        {r.organizationName}
                      </Anchor>
                      <Text size="xs" c="dimmed">
                        <Anchor
                          component={Link}
                          to={`/campaigns/${r.campaignId}?timeliness=not_sent`}
                          inherit
                        >
                          {r.campaignTitle}
                        </Anchor>
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{r.stateLabel}</Text>
                      <Text size="xs" c="red.8">
                        срок {formatRuDate(r.deadline)}, прошло {countOf(r.daysLate, DAY_FORMS)}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{r.contactName ?? 'не указан'}</Text>
                      <PhoneLink phone={r.contactPhone} size="sm" />
                      {!r.hasEmail && (
                        <Text size="xs" c="orange.8">
                          нет адреса почты: напоминание — только в системе
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td ta="right">
                      <Button
                        size="xs"
                        variant="light"
                        leftSection={<IconBell size={14} />}
                        loading={
                          remind.isPending &&
                          remind.variables?.campaignId === r.campaignId &&
                          remind.variables.organizationIds[0] === r.organizationId
                        }
                        onClick={() =>
                          remind.mutate({ campaignId: r.campaignId, organizationIds: [r.organizationId] })
                        }
                        aria-label={`Напомнить: ${r.organizationName}`}
                      >
                        Напомнить
                      </Button>
                      {r.lastReminderAt && (
                        <Text size="xs" c="dimmed">
                          напомнено {formatDateTime(r.lastReminderAt)}
                        </Text>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Section>
        <Section title="Рекомендации с истёкшим сроком" count={d.counts.overdueRecommendations}>
          <RecommendationList
            items={d.overdueRecommendations}
            note={(r) =>
              `срок ${formatRuDate(r.deadline)}, просрочено на ${countOf(r.daysOverdue, DAY_FORMS)}`
            }
          />
        </Section>
        <Section title="Отчёты о выполнении к принятию" count={d.counts.reportedRecommendations}>
          <RecommendationList
            items={d.reportedRecommendations}
            note={(r) => `отчёт ${formatDateTime(r.reportedAt)}${r.reportedBy ? `, ${r.reportedBy}` : ''}`}
          />
        </Section>
      </Stack>
    </>
  );
}

function RecommendationList<R extends Recommendation>({ items, note }: { items: R[]; note(r: R): string }) {
  return (
    <Table verticalSpacing="xs">
      <Table.Tbody>
        {items.map((r) => (
          <Table.Tr key={r.id}>
            <Table.Td>
              <Text size="sm" fw={500}>
                {r.organizationName ?? r.addressee}
              </Text>
              <Text size="xs" c="dimmed">
                {r.campaignTitle}
              </Text>
            </Table.Td>
            <Table.Td>
              <Text size="sm" lineClamp={2}>
                {r.text}
              </Text>
              <Text size="xs" c="dimmed">
                {note(r)}
              </Text>
            </Table.Td>
            <Table.Td ta="right">
              <Button component={Link} to={r.link} size="xs" variant="light">
                Открыть
              </Button>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
