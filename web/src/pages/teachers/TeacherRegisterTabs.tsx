import { Alert, Anchor, Badge, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { associationType, eventRole, level } from '../../../../core/enums.ts';
import { ApiError, api } from '../../api/client.ts';
import { EmptyState, ErrorAlert, Loading } from '../../components/common.tsx';
import { formatRuDate } from '../../lib/format.ts';
import type { MentoringPair } from '../registers/api.ts';

/**
 * Mentoring pairs, association memberships and event participations of a teacher are kept in the registers
 * (their own pages); the card shows them read-only with a way there.
 */

interface Column<T> {
  label: string;
  render(row: T): ReactNode;
}

const period = (from: string, to: string | null) =>
  to ? `${formatRuDate(from)} — ${formatRuDate(to)}` : `с ${formatRuDate(from)}`;

function RegisterTable<T extends { id: number }>({
  title,
  url,
  queryKey,
  columns,
  registerLink,
  registerLabel,
  emptyText,
}: {
  title: string;
  url: string;
  queryKey: unknown[];
  columns: Column<T>[];
  registerLink?: string;
  registerLabel?: string;
  emptyText: string;
}) {
  const query = useQuery({ queryKey, queryFn: () => api.get<T[]>(url) });
  const isMissing = query.error instanceof ApiError && query.error.status === 404;
  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Title order={4}>{title}</Title>
        {registerLink && (
          <Anchor component={Link} to={registerLink} size="sm">
            {registerLabel}
          </Anchor>
        )}
      </Group>
      {isMissing ? (
        <Alert color="gray" icon={<IconInfoCircle size={18} />}>
          Сведения ведутся в разделе реестра.{' '}
          {registerLink && (
            <Anchor component={Link} to={registerLink}>
              {registerLabel}
            </Anchor>
          )}
        </Alert>
      ) : (
        <>
          <ErrorAlert error={query.error} title="Не удалось загрузить сведения" />
          <Paper withBorder>
            {query.isLoading ? (
              <Loading />
            ) : !query.data?.length ? (
              <EmptyState>{emptyText}</EmptyState>
            ) : (
              <Table.ScrollContainer minWidth={640}>
                <Table verticalSpacing="xs" aria-label={title}>
                  <Table.Thead>
                    <Table.Tr>
                      {columns.map((c) => (
                        <Table.Th key={c.label}>{c.label}</Table.Th>
                      ))}
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {query.data.map((row) => (
                      <Table.Tr key={row.id}>
                        {columns.map((c) => (
                          <Table.Td key={c.label}>{c.render(row)}</Table.Td>
                        ))}
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )}
          </Paper>
        </>
      )}
    </Stack>
  );
}

type PairRow = Omit<MentoringPair, 'programId' | 'organizationId' | 'version'>;

export function MentoringTab({ teacherId, linkToRegister }: { teacherId: number; linkToRegister: boolean }) {
  const person = (id: number, name: string) =>
    id === teacherId ? (
      <Text size="sm" fw={600}>
        {name}
      </Text>
    ) : (
      <Anchor component={Link} to={`/teachers/${id}`} size="sm">
        {name}
      </Anchor>
    );
  return (
    <RegisterTable<PairRow>
      title="Наставнические пары"
      url={`/api/mentoring-pairs?teacherId=${teacherId}`}
      queryKey={['teacher-register', teacherId, 'mentoring']}
      registerLink={linkToRegister ? '/mentoring' : undefined}
      registerLabel="Реестр наставничества →"
      emptyText="Педагог не участвует в наставничестве."
      columns={[
        {
          label: 'Роль',
          render: (p) => (
            <Badge variant="light" color={p.mentorId === teacherId ? 'grape' : 'teal'}>
              {p.mentorId === teacherId ? 'наставник' : 'наставляемый'}
            </Badge>
          ),
        },
        { label: 'Наставник', render: (p) => person(p.mentorId, p.mentorName) },
        { label: 'Наставляемый', render: (p) => person(p.menteeId, p.menteeName) },
        { label: 'Форма', render: (p) => p.form },
        { label: 'Программа', render: (p) => p.programTitle ?? '—' },
        { label: 'Организация', render: (p) => p.organizationShortName },
        { label: 'Период', render: (p) => period(p.startDate, p.endDate) },
        { label: 'Результат', render: (p) => p.outcome ?? '—' },
      ]}
    />
  );
}

interface MembershipRow {
  id: number;
  associationId: number;
  associationName: string;
  associationLevel: keyof typeof level.label;
  associationType: keyof typeof associationType.label;
  joinedOn: string;
  leftOn: string | null;
}

export function AssociationsTab({
  teacherId,
  linkToRegister,
}: {
  teacherId: number;
  linkToRegister: boolean;
}) {
  return (
    <RegisterTable<MembershipRow>
      title="Методические объединения и профессиональные сообщества"
      url={`/api/association-members?teacherId=${teacherId}`}
      queryKey={['teacher-register', teacherId, 'associations']}
      registerLink={linkToRegister ? '/associations' : undefined}
      registerLabel="Реестр методических объединений →"
      emptyText="Педагог не состоит в методических объединениях."
      columns={[
        {
          label: 'Объединение',
          render: (m) =>
            linkToRegister ? (
              <Anchor component={Link} to={`/associations/${m.associationId}`} size="sm">
                {m.associationName}
              </Anchor>
            ) : (
              m.associationName
            ),
        },
        { label: 'Вид', render: (m) => associationType.label[m.associationType] ?? m.associationType },
        { label: 'Уровень', render: (m) => level.label[m.associationLevel] ?? m.associationLevel },
        { label: 'Участие', render: (m) => period(m.joinedOn, m.leftOn) },
      ]}
    />
  );
}

interface ParticipationRow {
  id: number;
  eventId: number;
  eventTitle: string;
  eventLevel: keyof typeof level.label;
  eventDate: string;
  role: keyof typeof eventRole.label;
}

export function EventsTable({ teacherId, linkToRegister }: { teacherId: number; linkToRegister: boolean }) {
  return (
    <RegisterTable<ParticipationRow>
      title="Научно-методические мероприятия"
      url={`/api/event-participations?teacherId=${teacherId}`}
      queryKey={['teacher-register', teacherId, 'events']}
      registerLink={linkToRegister ? '/events' : undefined}
      registerLabel="Реестр мероприятий →"
      emptyText="Участие в мероприятиях не отмечено."
      columns={[
        { label: 'Дата', render: (e) => formatRuDate(e.eventDate) },
        {
          label: 'Мероприятие',
          render: (e) =>
            linkToRegister ? (
              <Anchor component={Link} to={`/events/${e.eventId}`} size="sm">
                {e.eventTitle}
              </Anchor>
            ) : (
              e.eventTitle
            ),
        },
        { label: 'Уровень', render: (e) => level.label[e.eventLevel] ?? e.eventLevel },
        { label: 'Роль', render: (e) => eventRole.label[e.role] ?? e.role },
      ]}
    />
  );
}
