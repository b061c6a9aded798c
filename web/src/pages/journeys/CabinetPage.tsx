import { Badge, Button, Card, Group, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconId } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { formatRuDate } from '../../../../core/dates.ts';
import { qualificationCategory } from '../../../../core/enums.ts';
import { plural } from '../../../../core/format.ts';
import { api } from '../../api/client.ts';
import { EmptyState, ErrorAlert, Loading, PageHeader } from '../../components/common.tsx';
import { years } from '../teachers/TeachersTable.tsx';
import { WHOLE, type Cabinet } from './api.ts';
import {
  AssociationsSection,
  DiagnosticsSection,
  EventsSection,
  MentoringSection,
  RecommendationsSection,
  Section,
  TrainingsSection,
  UpcomingMeetingsSection,
} from './CabinetSections.tsx';
import { RouteCard, RouteStatusBadge } from './RouteCard.tsx';

const CERTIFICATION: Record<Cabinet['profile']['certification']['state'], { color: string; hint: string }> = {
  none: { color: 'gray', hint: 'аттестация не проводилась' },
  valid: { color: 'teal', hint: 'категория действует' },
  due_soon: { color: 'orange', hint: 'скоро: подайте заявление' },
  overdue: { color: 'red', hint: 'срок истёк' },
};

const CERTIFICATION_BADGE: Record<Cabinet['profile']['certification']['state'], string> = {
  none: '',
  valid: 'действует',
  due_soon: 'скоро',
  overdue: 'просрочена',
};

function Stat({
  label,
  value,
  hint,
  badge,
}: {
  label: string;
  value: string;
  hint?: string;
  badge?: ReactNode;
}) {
  return (
    <Card withBorder padding="md" radius="md">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Text size="sm" c="dimmed">
          {label}
        </Text>
        {badge}
      </Group>
      <Text fz={22} fw={700} lh={1.3}>
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

/**
 * The teacher's own cabinet: its profile at a glance, its ИОМ with the steps it marks itself, its
 * diagnostics, mentoring, associations and meetings ahead, events, and what the department recommended
 * to its school.
 */
export function CabinetPage() {
  const client = useQueryClient();
  const query = useQuery({ queryKey: ['my-cabinet'], queryFn: () => api.get<Cabinet>('/api/my-cabinet') });
  if (query.isLoading) return <Loading />;
  if (query.error || !query.data) return <ErrorAlert error={query.error} title="Личный кабинет недоступен" />;
  const c = query.data;
  const p = c.profile;
  const active = c.routes.filter((r) => r.status !== 'completed');
  const finished = c.routes.filter((r) => r.status === 'completed');
  const current = active[0];
  const cert = CERTIFICATION[p.certification.state];

  return (
    <>
      <PageHeader
        title={p.fullName}
        subtitle={
          p.positions.length
            ? p.positions
                .map(
                  (x) => `${x.organizationShortName} — ${x.title}${x.isMainJob ? '' : ' (совместительство)'}`,
                )
                .join('; ')
            : 'Сейчас не работает в организациях муниципалитета'
        }
        actions={
          <Button component={Link} to="/my-profile/card" variant="default" leftSection={<IconId size={16} />}>
            Все сведения обо мне
          </Button>
        }
      />
      <Stack gap="xl">
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
          <Stat
            label="Педагогический стаж"
            value={years(p.experience)}
            hint={`возраст ${years(p.age)}${p.subjects.length ? ` · ${p.subjects.join(', ')}` : ''}`}
            badge={
              p.isYoung && (
                <Badge color="teal" variant="light" size="sm" style={WHOLE}>
                  молодой педагог
                </Badge>
              )
            }
          />
          <Stat
            label="Квалификационная категория"
            value={qualificationCategory.label[p.qualificationCategory]}
            hint={p.categoryDate ? `с ${formatRuDate(p.categoryDate)}` : undefined}
          />
          <Stat
            label="Следующая аттестация"
            value={p.certification.dueDate ? `до ${formatRuDate(p.certification.dueDate)}` : '—'}
            hint={cert.hint}
            badge={
              p.certification.state !== 'none' && (
                <Badge color={cert.color} variant="light" size="sm" style={WHOLE}>
                  {CERTIFICATION_BADGE[p.certification.state]}
                </Badge>
              )
            }
          />
          <Stat
            label="Мой ИОМ"
            value={
              current
                ? `${current.progress.done} из ${current.progress.total} ${plural(current.progress.total, ['шага', 'шагов', 'шагов'])}`
                : '—'
            }
            hint={current ? `выполнено ${current.progress.percent} %` : 'действующего маршрута нет'}
            badge={current && <RouteStatusBadge status={current.status} />}
          />
        </SimpleGrid>

        <Section title="Индивидуальный образовательный маршрут">
          {active.length === 0 ? (
            <Paper withBorder>
              <EmptyState>
                Действующего маршрута нет. Его составят по итогам диагностики ваша образовательная организация
                или методист отдела образования.
              </EmptyState>
            </Paper>
          ) : (
            active.map((route) => (
              <RouteCard
                key={route.id}
                route={route}
                onChanged={() => client.invalidateQueries({ queryKey: ['my-cabinet'] })}
              />
            ))
          )}
          {finished.length > 0 && (
            <Text size="sm" c="dimmed">
              Завершённые маршруты:{' '}
              {finished
                .map(
                  (r) =>
                    `${formatRuDate(r.startDate)} — ${formatRuDate(r.endDate)} (${r.progress.done} из ${r.progress.total})`,
                )
                .join('; ')}
            </Text>
          )}
        </Section>

        <DiagnosticsSection cabinet={c} />

        <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="xl">
          <Stack gap="xl">
            <MentoringSection cabinet={c} />
            <AssociationsSection cabinet={c} />
          </Stack>
          <Stack gap="xl">
            <UpcomingMeetingsSection cabinet={c} />
            <RecommendationsSection />
          </Stack>
        </SimpleGrid>

        <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="xl">
          <EventsSection cabinet={c} />
          <TrainingsSection cabinet={c} />
        </SimpleGrid>
      </Stack>
    </>
  );
}
