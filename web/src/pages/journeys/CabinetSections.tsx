import { Anchor, Badge, Group, Paper, Stack, Table, Text, ThemeIcon, Timeline, Title } from '@mantine/core';
import { IconCalendarEvent, IconChecklist } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { formatRuDate } from '../../../../core/dates.ts';
import {
  associationType,
  competenceArea,
  competitionResult,
  eventRole,
  level,
} from '../../../../core/enums.ts';
import { formatNumber } from '../../../../core/format.ts';
import { api } from '../../api/client.ts';
import { EmptyState, ErrorAlert, Loading } from '../../components/common.tsx';
import { STATUS_COLOR, STATUS_LABEL, type OwnRecommendation } from '../analysis/api.ts';
import { WHOLE, type Cabinet } from './api.ts';

/** The sections of the teacher's cabinet below the ИОМ. */

export function Section({
  title,
  children,
  extra,
}: {
  title: string;
  children: ReactNode;
  extra?: ReactNode;
}) {
  return (
    <Stack gap="xs">
      <Group justify="space-between">
        <Title order={4}>{title}</Title>
        {extra}
      </Group>
      {children}
    </Stack>
  );
}

const period = (from: string, to: string | null) =>
  to ? `${formatRuDate(from)} — ${formatRuDate(to)}` : `с ${formatRuDate(from)}`;

export function DiagnosticsSection({ cabinet }: { cabinet: Cabinet }) {
  return (
    <Section title="Диагностики и профессиональные дефициты">
      <Paper withBorder>
        {cabinet.diagnostics.length === 0 ? (
          <EmptyState>Диагностик пока не было.</EmptyState>
        ) : (
          <Table.ScrollContainer minWidth={720}>
            <Table verticalSpacing="xs" aria-label="Мои диагностики">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={110}>Дата</Table.Th>
                  <Table.Th>Инструмент</Table.Th>
                  <Table.Th w={90}>Балл</Table.Th>
                  <Table.Th>Выявленные дефициты</Table.Th>
                  <Table.Th w={140}>ИОМ</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {cabinet.diagnostics.map((d) => (
                  <Table.Tr key={d.id}>
                    <Table.Td>{formatRuDate(d.date)}</Table.Td>
                    <Table.Td>
                      <Text size="sm">{d.instrument}</Text>
                      <Text size="xs" c="dimmed">
                        {level.label[d.level]} уровень
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      {d.score === null
                        ? '—'
                        : `${formatNumber(d.score, 0)}${d.maxScore ? ` из ${formatNumber(d.maxScore, 0)}` : ''}`}
                    </Table.Td>
                    <Table.Td>
                      {d.deficits.length === 0 ? (
                        <Text size="sm" c="teal.8">
                          дефицитов не выявлено
                        </Text>
                      ) : (
                        <Stack gap={2}>
                          {d.deficits.map((x) => (
                            <Group key={x.code} gap={6} wrap="nowrap" align="flex-start">
                              <Badge
                                size="sm"
                                variant="light"
                                color="orange"
                                style={{ flexShrink: 0 }}
                                title={x.area ? competenceArea.label[x.area] : undefined}
                              >
                                {x.code}
                              </Badge>
                              <Text size="sm">{x.title}</Text>
                            </Group>
                          ))}
                        </Stack>
                      )}
                    </Table.Td>
                    <Table.Td>
                      {d.routeId ? (
                        <Badge variant="light" color="blue" tt="none" style={WHOLE}>
                          составлен
                        </Badge>
                      ) : d.deficits.length ? (
                        <Text size="xs" c="dimmed">
                          ещё не составлен
                        </Text>
                      ) : (
                        '—'
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
    </Section>
  );
}

export function MentoringSection({ cabinet }: { cabinet: Cabinet }) {
  return (
    <Section title="Наставничество">
      {cabinet.mentoring.length === 0 ? (
        <Paper withBorder>
          <EmptyState>Вы не участвуете в наставнических парах.</EmptyState>
        </Paper>
      ) : (
        <Stack gap="xs">
          {cabinet.mentoring.map((p) => (
            <Paper withBorder p="sm" key={p.id}>
              <Group justify="space-between" align="flex-start" wrap="nowrap">
                <Stack gap={2}>
                  <Group gap="xs">
                    <Badge variant="light" color={p.role === 'mentor' ? 'grape' : 'teal'} style={WHOLE}>
                      {p.role === 'mentor' ? 'я наставник' : 'я наставляемый'}
                    </Badge>
                    <Text size="sm" fw={500}>
                      {p.role === 'mentor' ? 'Наставляемый' : 'Наставник'}: {p.partnerName}
                    </Text>
                  </Group>
                  <Text size="xs" c="dimmed">
                    {[p.form, p.programTitle, p.organizationShortName, period(p.startDate, p.endDate)]
                      .filter(Boolean)
                      .join(' · ')}
                  </Text>
                </Stack>
                {p.isActive && (
                  <Badge variant="dot" color="green" style={WHOLE}>
                    продолжается
                  </Badge>
                )}
              </Group>
              <Text size="sm" mt={6}>
                <Text span c="dimmed" size="sm">
                  Результат:{' '}
                </Text>
                {p.outcome ?? (p.isActive ? 'будет подведён по окончании' : 'не указан')}
              </Text>
            </Paper>
          ))}
        </Stack>
      )}
    </Section>
  );
}

export function AssociationsSection({ cabinet }: { cabinet: Cabinet }) {
  const current = cabinet.associations.filter((a) => a.isCurrent);
  return (
    <Section title="Методические объединения">
      {current.length === 0 ? (
        <Paper withBorder>
          <EmptyState>Вы не состоите в методических объединениях.</EmptyState>
        </Paper>
      ) : (
        <Stack gap="xs">
          {current.map((a) => (
            <Paper withBorder p="sm" key={a.id}>
              <Group justify="space-between" wrap="nowrap" align="flex-start">
                <Stack gap={2}>
                  <Text size="sm" fw={500}>
                    {a.name}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {associationType.label[a.type]} · с {formatRuDate(a.joinedOn)}
                    {a.leaderName ? ` · руководитель ${a.leaderName}` : ''}
                  </Text>
                </Stack>
                <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                  заседаний: {a.meetingsHeld} из {a.meetingsPlanned}
                </Text>
              </Group>
              {a.marked > 0 && (
                <Text size="xs" mt={4}>
                  Я присутствовал(а): {a.attended} из {a.marked}
                </Text>
              )}
            </Paper>
          ))}
        </Stack>
      )}
    </Section>
  );
}

export function UpcomingMeetingsSection({ cabinet }: { cabinet: Cabinet }) {
  return (
    <Section title="Ближайшие заседания">
      <Paper withBorder p="md">
        {cabinet.upcomingMeetings.length === 0 ? (
          <Text size="sm" c="dimmed">
            Ближайших заседаний в этом учебном году не запланировано.
          </Text>
        ) : (
          <Timeline bulletSize={22} lineWidth={2}>
            {cabinet.upcomingMeetings.map((m) => (
              <Timeline.Item
                key={m.id}
                bullet={<IconCalendarEvent size={13} />}
                title={
                  <Text size="sm" fw={500}>
                    {formatRuDate(m.date)} — {m.topic}
                  </Text>
                }
              >
                <Text size="xs" c="dimmed">
                  {m.associationName}
                  {m.plan ? ` · ${m.plan}` : ''}
                </Text>
              </Timeline.Item>
            ))}
          </Timeline>
        )}
      </Paper>
    </Section>
  );
}

export function EventsSection({ cabinet }: { cabinet: Cabinet }) {
  const rows = [
    ...cabinet.events.map((e) => ({
      key: `e${e.id}`,
      date: e.date,
      title: e.title,
      level: e.level,
      what: eventRole.label[e.role],
      color: e.role === 'speaker' ? 'grape' : 'gray',
    })),
    ...cabinet.competitions.map((c) => ({
      key: `c${c.id}`,
      date: c.date,
      title: `Конкурс «${c.name}»`,
      level: c.level,
      what: competitionResult.label[c.result],
      color: c.result === 'winner' ? 'yellow' : c.result === 'laureate' ? 'orange' : 'gray',
    })),
  ].sort((a, b) => b.date.localeCompare(a.date));
  return (
    <Section title="Мероприятия и конкурсы">
      <Paper withBorder>
        {rows.length === 0 ? (
          <EmptyState>Участие в мероприятиях и конкурсах не отмечено.</EmptyState>
        ) : (
          <Table verticalSpacing={6} aria-label="Мероприятия и конкурсы">
            <Table.Tbody>
              {rows.slice(0, 12).map((r) => (
                <Table.Tr key={r.key}>
                  <Table.Td w={110}>{formatRuDate(r.date)}</Table.Td>
                  <Table.Td>
                    <Text size="sm">{r.title}</Text>
                    <Text size="xs" c="dimmed">
                      {level.label[r.level]} уровень
                    </Text>
                  </Table.Td>
                  <Table.Td w={170}>
                    <Badge variant="light" color={r.color} tt="none" style={WHOLE}>
                      {r.what}
                    </Badge>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Paper>
    </Section>
  );
}

export function TrainingsSection({ cabinet }: { cabinet: Cabinet }) {
  return (
    <Section title="Повышение квалификации">
      <Paper withBorder>
        {cabinet.trainings.length === 0 ? (
          <EmptyState>Сведений о курсах повышения квалификации нет.</EmptyState>
        ) : (
          <Table verticalSpacing={6} aria-label="Повышение квалификации">
            <Table.Tbody>
              {cabinet.trainings.slice(0, 8).map((t) => (
                <Table.Tr key={t.id}>
                  <Table.Td w={110}>{formatRuDate(t.endDate)}</Table.Td>
                  <Table.Td>
                    <Text size="sm">{t.title}</Text>
                    <Text size="xs" c="dimmed">
                      {[t.providerName, `${t.hours} ч`].filter(Boolean).join(', ')}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Paper>
    </Section>
  );
}

/** The recommendations of the department to the teacher's school, the open ones first. */
export function RecommendationsSection() {
  const query = useQuery({
    queryKey: ['my-recommendations'],
    queryFn: () => api.get<OwnRecommendation[]>('/api/my-recommendations'),
  });
  const open = (query.data ?? []).filter((r) => r.status === 'planned' || r.status === 'in_progress');
  return (
    <Section
      title="Рекомендации моей школе"
      extra={
        <Anchor component={Link} to="/my-recommendations" size="sm">
          Все рекомендации →
        </Anchor>
      }
    >
      <ErrorAlert error={query.error} title="Рекомендации недоступны" />
      <Paper withBorder p={open.length ? 'sm' : undefined}>
        {query.isLoading ? (
          <Loading />
        ) : open.length === 0 ? (
          <EmptyState>Открытых рекомендаций вашей школе нет.</EmptyState>
        ) : (
          <Stack gap="sm">
            {open.slice(0, 4).map((r) => (
              <Group key={`${r.id}-${r.groupOrganizationId ?? ''}`} gap="sm" wrap="nowrap" align="flex-start">
                <ThemeIcon variant="light" color={STATUS_COLOR[r.status]} size="md" radius="xl">
                  <IconChecklist size={15} />
                </ThemeIcon>
                <Stack gap={0}>
                  <Text size="sm" lineClamp={3}>
                    {r.text}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {r.campaignTitle} · {STATUS_LABEL[r.status]}
                    {r.deadline ? ` · срок ${formatRuDate(r.deadline)}` : ''}
                  </Text>
                </Stack>
              </Group>
            ))}
            {open.length > 4 && (
              <Text size="xs" c="dimmed">
                и ещё {open.length - 4}
              </Text>
            )}
          </Stack>
        )}
      </Paper>
    </Section>
  );
}
