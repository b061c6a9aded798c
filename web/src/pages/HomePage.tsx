import { Anchor, Card, Group, SimpleGrid, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import {
  IconAlertTriangle,
  IconBuildingCommunity,
  IconSchool,
  IconUsers,
  type Icon,
} from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Link, Navigate } from 'react-router-dom';
import { ORGANIZATION_FORMS, TEACHER_FORMS, countOf } from '../../../core/format.ts';
import { api } from '../api/client.ts';
import type { Organization } from '../api/types.ts';
import type { TeacherSummary } from './teachers/api.ts';
import { useAuth } from '../auth/auth.tsx';
import { Loading, PageHeader } from '../components/common.tsx';
import { CurrentCampaigns } from './CurrentCampaigns.tsx';
import { todoQuery } from './TodoPage.tsx';

/** The department's «нужно сделать» in one line, linked to the full list. */
function TodoCard() {
  const todo = useQuery(todoQuery);
  if (!todo.data) return null;
  return (
    <Card withBorder padding="lg" mt="lg" data-testid="home-todo">
      <Group justify="space-between" wrap="nowrap">
        <Stack gap={2}>
          <Title order={3} fz="lg">
            Нужно сделать
          </Title>
          <Text size="sm">{todo.data.summary}</Text>
        </Stack>
        <Anchor component={Link} to="/todo" fw={600}>
          Открыть список
        </Anchor>
      </Group>
    </Card>
  );
}

function StatCard({
  icon: IconComponent,
  label,
  value,
  hint,
  to,
  color = 'blue',
  isText = false,
}: {
  icon: Icon;
  label: string;
  value: string;
  hint?: string;
  to?: string;
  color?: string;
  /** A name rather than a number: smaller, so «Приреченский район» fits the card. */
  isText?: boolean;
}) {
  const body = (
    <Card withBorder padding="lg" radius="md" h="100%">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stack gap={2} style={{ minWidth: 0 }}>
          <Text size="sm" c="dimmed">
            {label}
          </Text>
          <Text fz={isText ? 18 : 28} fw={700} lh={1.2}>
            {value}
          </Text>
          {hint && (
            <Text size="xs" c="dimmed">
              {hint}
            </Text>
          )}
        </Stack>
        <ThemeIcon variant="light" color={color} size={42} radius="md">
          <IconComponent size={24} />
        </ThemeIcon>
      </Group>
    </Card>
  );
  return to ? (
    <Anchor component={Link} to={to} underline="never" c="inherit">
      {body}
    </Anchor>
  ) : (
    body
  );
}

export function HomePage() {
  const { me, hasRole } = useAuth();
  const isDepartment = hasRole('admin', 'coordinator', 'association_leader');
  // A specialist of the methodical service sees only the routes it supervises: its start is that list.
  const isSpecialistOnly = Boolean(me?.roles.length) && me!.roles.every((g) => g.role === 'specialist');
  // A regional coordinator (the ministry, ЦНППМ, ИРО) starts at its region.
  const isRegionalOnly =
    Boolean(me?.roles.length) && me!.roles.every((g) => g.role === 'regional_coordinator');
  const orgs = useQuery({
    queryKey: ['organizations', 'dashboard'],
    queryFn: () => api.list<Organization>('/api/organizations', { pageSize: 1000, isActive: true }),
    enabled: !isSpecialistOnly && !isRegionalOnly,
  });
  // The department sees the registry's own count, so the card agrees with «Педагоги»; an association leader
  // may not search the registry and gets the people of the organizations it sees. In both a teacher working
  // in two organizations is one person (the sum of the organizations' counts would count him twice).
  const mayUseRegistry = hasRole('admin', 'coordinator');
  const summary = useQuery({
    queryKey: ['teachers-summary', {}],
    queryFn: () => api.get<TeacherSummary>('/api/teachers/summary', {}),
    enabled: mayUseRegistry,
  });
  const organizationsSummary = useQuery({
    queryKey: ['organizations', 'summary'],
    queryFn: () =>
      api.get<{ organizationCount: number; teacherCount: number }>('/api/organizations/summary', {
        isActive: true,
      }),
    enabled: isDepartment && !mayUseRegistry,
  });
  const items = orgs.data?.items ?? [];
  const teachers = mayUseRegistry ? summary.data?.total : organizationsSummary.data?.teacherCount;
  const byKind = (k: Organization['kind']) => items.filter((o) => o.kind === k).length;
  const flagged = items.filter((o) => o.isLowResults || o.isHardSocialConditions).length;
  // «Фамилия Имя Отчество» → the first name; a service account («Ответственный МБОУ СОШ № 1») gets no name.
  const words = me?.fullName.trim().split(/\s+/) ?? [];
  const isPersonName =
    words.length >= 2 && words.length <= 3 && words.every((w) => /^[А-ЯЁ][а-яё-]+$/.test(w));
  const greeting = isPersonName ? `Здравствуйте, ${words[1]}!` : 'Здравствуйте!';
  if (isSpecialistOnly) return <Navigate to="/my-routes" replace />;
  if (isRegionalOnly) return <Navigate to="/region" replace />;

  return (
    <>
      <PageHeader title={greeting} subtitle={isDepartment ? items[0]?.municipalityName : undefined} />
      {orgs.isLoading ? (
        <Loading />
      ) : isDepartment ? (
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
          <StatCard
            icon={IconSchool}
            label="Организаций"
            value={String(items.length)}
            hint={`школ ${byKind('school')}, детских садов ${byKind('preschool')}, доп. образования ${byKind('additional')}`}
            to="/organizations"
          />
          <StatCard
            icon={IconUsers}
            label="Педагогических работников"
            value={teachers === undefined ? '…' : String(teachers)}
            hint="по действующим должностям, совместитель — один раз"
            color="teal"
          />
          <StatCard
            icon={IconAlertTriangle}
            label="ШНОР и ШССУ"
            value={String(flagged)}
            hint="школы с низкими результатами или в сложных условиях"
            to="/organizations?risk=1"
            color="orange"
          />
          <StatCard
            icon={IconBuildingCommunity}
            label="Муниципалитет"
            value={items[0]?.municipalityName ?? '—'}
            isText
            to={hasRole('admin', 'coordinator') ? '/municipality' : undefined}
            color="grape"
          />
        </SimpleGrid>
      ) : (
        <Stack>
          {items.map((o) => (
            <Card withBorder key={o.id} padding="lg">
              <Title order={3} fz="lg">
                {o.shortName}
              </Title>
              <Text c="dimmed" size="sm" mb="sm">
                {o.name}
              </Text>
              <Text size="sm">
                В организации {countOf(o.teacherCount, TEACHER_FORMS)}.{' '}
                <Anchor
                  component={Link}
                  to={hasRole('org_manager') ? '/my-organization' : `/organizations/${o.id}`}
                >
                  Открыть карточку
                </Anchor>
              </Text>
            </Card>
          ))}
          {!items.length && <Text c="dimmed">Нет доступных {ORGANIZATION_FORMS[2]}.</Text>}
        </Stack>
      )}
      {hasRole('admin', 'coordinator') && <TodoCard />}
      {hasRole('admin', 'coordinator', 'org_manager') && <CurrentCampaigns />}
    </>
  );
}
