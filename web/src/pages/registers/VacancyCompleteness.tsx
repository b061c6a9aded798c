import { Alert, Badge, Button, Group, Paper, Table, Text, Title } from '@mantine/core';
import { IconBell, IconDownload } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { formatRuDate } from '../../../../core/dates.ts';
import { formatRuMonth, formatRuMonthShort } from '../../../../core/months.ts';
import { VACANCY_STATUS_LABEL, type VacancyMonthStatus } from '../../../../core/vacancy-reports.ts';
import { api } from '../../api/client.ts';
import { ErrorAlert, Loading } from '../../components/common.tsx';

interface Completeness {
  today: string;
  /** False for a school head: its own rows only, and no reminders to send. */
  isDepartment: boolean;
  months: {
    month: string;
    dueDate: string;
    reported: number;
    none: number;
    missing: number;
    pending: number;
  }[];
  rows: {
    organizationId: number;
    organizationShortName: string;
    months: {
      month: string;
      status: VacancyMonthStatus;
      count: number;
      enteredOn: string | null;
      remindedOn: string | null;
    }[];
  }[];
}

const COLOR: Record<VacancyMonthStatus, string> = {
  reported: 'blue',
  none: 'teal',
  missing: 'red',
  pending: 'gray',
};

/**
 * «Сдача сведений о вакансиях»: organizations × months, each month сдано (the number of vacancies), вакансий
 * нет, не сдано or ожидается (until the 10th); «Напомнить» writes to those who have not reported this month.
 */
export function VacancyCompleteness() {
  const client = useQueryClient();
  const query = useQuery({
    queryKey: ['vacancies', 'completeness'],
    queryFn: () => api.get<Completeness>('/api/vacancies/completeness'),
  });
  const remind = useMutation({
    mutationFn: () => api.post<{ message: string; sent: number }>('/api/vacancies/remind', {}),
    onSuccess: () => client.invalidateQueries({ queryKey: ['vacancies', 'completeness'] }),
  });
  if (query.isLoading) return <Loading />;
  if (query.error || !query.data)
    return <ErrorAlert error={query.error} title="Не удалось загрузить сдачу сведений" />;
  const { months, rows, today, isDepartment } = query.data;
  const current = months[months.length - 1];
  const waiting = current ? current.missing + current.pending : 0;
  return (
    <Paper withBorder p="md">
      <Group justify="space-between" mb="xs">
        <div>
          <Title order={4}>Сдача сведений о вакансиях</Title>
          <Text size="sm" c="dimmed">
            Сведения за месяц подаются до 10 числа. «Вакансий нет» — сведения поданы с количеством 0; «не
            сдано» — срок прошёл, а сведений нет. Напоминания уходят сами: 7-го — «до 10-го», 11-го — «не
            сдано».
          </Text>
        </div>
        <Group>
          {isDepartment && (
            <Button
              leftSection={<IconBell size={16} />}
              variant="light"
              disabled={!waiting}
              loading={remind.isPending}
              onClick={() => remind.mutate()}
            >
              Напомнить{current ? ` (${formatRuMonth(current.month)})` : ''}
            </Button>
          )}
          <Button
            component="a"
            variant="default"
            leftSection={<IconDownload size={16} />}
            href="/api/vacancies/completeness.xlsx"
          >
            Excel
          </Button>
        </Group>
      </Group>
      {remind.data && (
        <Alert color={remind.data.sent ? 'green' : 'yellow'} mb="sm" data-testid="vacancy-remind-result">
          {remind.data.message}
        </Alert>
      )}
      <ErrorAlert error={remind.error} />
      <Table.ScrollContainer minWidth={900}>
        <Table withColumnBorders aria-label="Сдача сведений о вакансиях по месяцам">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Организация</Table.Th>
              {months.map((m) => (
                <Table.Th
                  key={m.month}
                  ta="center"
                  title={`${formatRuMonth(m.month)}, срок — ${formatRuDate(m.dueDate)}`}
                >
                  {formatRuMonthShort(m.month)}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={r.organizationId}>
                <Table.Td>{r.organizationShortName}</Table.Td>
                {r.months.map((c) => (
                  <Table.Td
                    key={c.month}
                    ta="center"
                    title={[
                      c.enteredOn ? `внесено ${formatRuDate(c.enteredOn)}` : null,
                      c.remindedOn ? `напоминание ${formatRuDate(c.remindedOn)}` : null,
                    ]
                      .filter(Boolean)
                      .join('; ')}
                  >
                    <Badge color={COLOR[c.status]} variant={c.status === 'reported' ? 'light' : 'outline'}>
                      {c.status === 'reported' ? c.count : VACANCY_STATUS_LABEL[c.status]}
                    </Badge>
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
          <Table.Tfoot>
            <Table.Tr>
              <Table.Th>Не сдано</Table.Th>
              {months.map((m) => (
                <Table.Th key={m.month} ta="center">
                  {m.missing || (m.pending ? `ждём ${m.pending}` : 0)}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Tfoot>
        </Table>
      </Table.ScrollContainer>
      <Text size="xs" c="dimmed" mt="xs">
        По состоянию на {formatRuDate(today)}.
      </Text>
    </Paper>
  );
}
