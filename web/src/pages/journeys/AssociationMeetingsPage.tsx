import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Card,
  Group,
  Paper,
  Progress,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
  Tooltip,
} from '@mantine/core';
import { IconInfoCircle, IconPlus, IconUserCheck } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useParams, useSearchParams } from 'react-router-dom';
import { formatRuDate } from '../../../../core/dates.ts';
import { associationType, level } from '../../../../core/enums.ts';
import { schoolYearLabel } from '../../../../core/school-year.ts';
import { api } from '../../api/client.ts';
import { EmptyState, ErrorAlert, Loading, PageHeader } from '../../components/common.tsx';
import { WHOLE, type AssociationYear, type Meeting } from './api.ts';
import { AttendanceModal, MeetingModal } from './MeetingModals.tsx';
import { ConfirmDeleteModal } from './RouteModals.tsx';
import { EditDeleteIcons } from '../../components/EditDeleteIcons.tsx';
import { PageCrumbs } from '../../components/PageCrumbs.tsx';

const STATE: Record<Meeting['state'], { label: string; color: string }> = {
  held: { label: 'проведено', color: 'teal' },
  planned: { label: 'запланировано', color: 'blue' },
  overdue: { label: 'не отмечено', color: 'orange' },
};

export const rateColor = (rate: number | null) =>
  rate === null ? 'gray' : rate >= 80 ? 'teal' : rate >= 60 ? 'yellow' : 'red';

function RateBar({ rate, label }: { rate: number | null; label: string }) {
  return (
    <Group gap="xs" wrap="nowrap">
      <Progress value={rate ?? 0} color={rateColor(rate)} w={90} size="sm" aria-label={label} />
      <Text size="sm" w={52} ta="right" style={{ whiteSpace: 'nowrap' }}>
        {rate === null ? '—' : `${rate} %`}
      </Text>
    </Group>
  );
}

function Stat({ label, value, hint }: { label: string; value: string; hint?: string }) {
  return (
    <Card withBorder padding="md" radius="md">
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text fz={24} fw={700} lh={1.3}>
        {value}
      </Text>
      {hint && (
        <Text size="xs" c="dimmed" lineClamp={2}>
          {hint}
        </Text>
      )}
    </Card>
  );
}

/**
 * The yearly plan of an association: the meetings of the school year, held or ahead, with attendance of
 * each, and the attendance rate of every member. Its leader, the department and (for a ШМО) the school
 * keep it.
 */
export function AssociationMeetingsPage() {
  const id = Number(useParams().id);
  const [params, setParams] = useSearchParams();
  const schoolYear = params.get('year') ? Number(params.get('year')) : undefined;
  const client = useQueryClient();
  const [editing, setEditing] = useState<Meeting | 'new' | null>(null);
  const [marking, setMarking] = useState<Meeting | null>(null);
  const [deleting, setDeleting] = useState<Meeting | null>(null);
  const query = useQuery({
    queryKey: ['association-year', id, schoolYear ?? 'current'],
    queryFn: () => api.get<AssociationYear>(`/api/associations/${id}/meetings`, { schoolYear }),
  });
  const refresh = () => {
    setEditing(null);
    setMarking(null);
    setDeleting(null);
    client.invalidateQueries({ queryKey: ['association-year', id] });
    client.invalidateQueries({ queryKey: ['association-meetings'] });
  };
  if (query.isLoading) return <Loading />;
  if (query.error || !query.data) return <ErrorAlert error={query.error} title="Объединение недоступно" />;
  const year = query.data;
  const { association: a, permissions: can, summary } = year;

  return (
    <>
      <PageCrumbs to="/association-meetings" section="Заседания МО" current={a.name} />
      <PageHeader
        title={a.name}
        subtitle={[
          associationType.label[a.type],
          `${level.label[a.level]} уровень`,
          a.organizationShortName,
          a.leaderName ? `руководитель — ${a.leaderName}` : null,
        ]
          .filter(Boolean)
          .join(' · ')}
        actions={
          <>
            <Select
              aria-label="Учебный год"
              data={year.schoolYears.map((y) => ({ value: String(y), label: schoolYearLabel(y) }))}
              value={String(year.schoolYear)}
              onChange={(v) => v && setParams({ year: v }, { replace: true })}
              allowDeselect={false}
              w={220}
            />
            {can.canManage && (
              <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')}>
                Запланировать заседание
              </Button>
            )}
          </>
        }
      />
      <Stack gap="lg">
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
          <Stat
            label="Заседаний по плану"
            value={String(summary.planned)}
            hint={schoolYearLabel(year.schoolYear)}
          />
          <Stat
            label="Проведено"
            value={`${summary.held} из ${summary.planned}`}
            hint={summary.overdue ? `не отмечено прошедших: ${summary.overdue}` : undefined}
          />
          <Stat
            label="Средняя посещаемость"
            value={summary.averageRate === null ? '—' : `${summary.averageRate} %`}
            hint="по проведённым заседаниям"
          />
          <Stat
            label="Ближайшее заседание"
            value={summary.next ? formatRuDate(summary.next.date) : '—'}
            hint={summary.next?.topic ?? 'в этом учебном году больше не запланировано'}
          />
        </SimpleGrid>

        <Stack gap="xs">
          <Title order={4}>План заседаний: {schoolYearLabel(year.schoolYear)}</Title>
          <Paper withBorder>
            {year.meetings.length === 0 ? (
              <EmptyState>
                На этот учебный год заседания не запланированы.
                {can.canManage && ' Нажмите «Запланировать заседание», чтобы составить план.'}
              </EmptyState>
            ) : (
              <Table.ScrollContainer minWidth={860}>
                <Table verticalSpacing="xs" aria-label="План заседаний">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th w={40}>№</Table.Th>
                      <Table.Th w={110}>Дата</Table.Th>
                      <Table.Th>Тема и план</Table.Th>
                      <Table.Th w={130}>Статус</Table.Th>
                      <Table.Th w={200}>Посещаемость</Table.Th>
                      <Table.Th w={can.canManage ? 120 : 60} />
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {year.meetings.map((m, i) => (
                      <Table.Tr key={m.id}>
                        <Table.Td>{i + 1}</Table.Td>
                        <Table.Td>{formatRuDate(m.date)}</Table.Td>
                        <Table.Td>
                          <Text size="sm" fw={500}>
                            {m.topic}
                          </Text>
                          {m.plan && (
                            <Text size="xs" c="dimmed">
                              {m.plan}
                            </Text>
                          )}
                          {m.notes && (
                            <Text size="xs" c="teal.8">
                              {m.notes}
                            </Text>
                          )}
                        </Table.Td>
                        <Table.Td>
                          <Badge variant="light" color={STATE[m.state].color} tt="none" style={WHOLE}>
                            {STATE[m.state].label}
                          </Badge>
                        </Table.Td>
                        <Table.Td>
                          {m.presentCount + m.absentCount > 0 ? (
                            <Stack gap={2}>
                              <Text size="xs">
                                присутствовали {m.presentCount} из {m.presentCount + m.absentCount}
                              </Text>
                              <RateBar
                                rate={m.rate}
                                label={`Посещаемость заседания ${formatRuDate(m.date)}`}
                              />
                            </Stack>
                          ) : (
                            <Text size="xs" c="dimmed">
                              {m.state === 'planned' ? `участников: ${m.memberCount}` : 'не отмечена'}
                            </Text>
                          )}
                        </Table.Td>
                        <Table.Td>
                          <Group gap={4} wrap="nowrap" justify="flex-end">
                            {can.canSeeAttendance && m.isDue && (
                              <Tooltip label={can.canManage ? 'Отметить посещаемость' : 'Посещаемость'}>
                                <ActionIcon
                                  variant="subtle"
                                  color="teal"
                                  aria-label={`Посещаемость ${formatRuDate(m.date)}`}
                                  onClick={() => setMarking(m)}
                                >
                                  <IconUserCheck size={16} />
                                </ActionIcon>
                              </Tooltip>
                            )}
                            {can.canManage && (
                              <>
                                <EditDeleteIcons
                                  onEdit={() => setEditing(m)}
                                  onDelete={() => setDeleting(m)}
                                  editLabel={`Изменить заседание ${formatRuDate(m.date)}`}
                                  deleteLabel={`Удалить заседание ${formatRuDate(m.date)}`}
                                />
                              </>
                            )}
                          </Group>
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )}
          </Paper>
        </Stack>

        <Stack gap="xs">
          <Title order={4}>Посещаемость участников</Title>
          {!can.canSeeAttendance ? (
            <Alert color="gray" icon={<IconInfoCircle size={18} />}>
              Посещаемость по участникам видят руководитель объединения, координатор и ответственный
              организации (для ШМО).
            </Alert>
          ) : (
            <Paper withBorder>
              {year.members.length === 0 ? (
                <EmptyState>В объединении нет участников в этом учебном году.</EmptyState>
              ) : (
                <Table.ScrollContainer minWidth={720}>
                  <Table verticalSpacing={6} aria-label="Посещаемость участников">
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>Участник</Table.Th>
                        <Table.Th>Организация, должность</Table.Th>
                        <Table.Th w={120} ta="right">
                          Присутствовал
                        </Table.Th>
                        <Table.Th w={120} ta="right">
                          Пропустил
                        </Table.Th>
                        <Table.Th w={170}>Посещаемость</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {year.members.map((m) => (
                        <Table.Tr key={m.teacherId}>
                          <Table.Td>{m.teacherName}</Table.Td>
                          <Table.Td>
                            <Text size="sm" c="dimmed">
                              {[m.organizationShortName, m.positionTitle].filter(Boolean).join(', ') || '—'}
                            </Text>
                          </Table.Td>
                          <Table.Td ta="right">{m.present}</Table.Td>
                          <Table.Td ta="right">{m.absent}</Table.Td>
                          <Table.Td>
                            <RateBar rate={m.rate} label={`Посещаемость: ${m.teacherName}`} />
                          </Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
              )}
            </Paper>
          )}
        </Stack>
      </Stack>
      {editing && (
        <MeetingModal
          associationId={a.id}
          meeting={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={refresh}
        />
      )}
      {marking && (
        <AttendanceModal
          meeting={marking}
          canEdit={can.canManage}
          onClose={() => setMarking(null)}
          onSaved={refresh}
        />
      )}
      {deleting && (
        <ConfirmDeleteModal
          title="Удалить заседание?"
          text={`Заседание ${formatRuDate(deleting.date)} «${deleting.topic}» будет удалено из плана вместе с отметками посещаемости.`}
          url={`/api/association-meetings/${deleting.id}`}
          onClose={() => setDeleting(null)}
          onDeleted={refresh}
        />
      )}
    </>
  );
}
