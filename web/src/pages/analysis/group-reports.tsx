import { Badge, Button, Group, Stack, Table, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api/client.ts';
import { ErrorAlert, Loading } from '../../components/common.tsx';
import { notifySaved } from '../../lib/forms.ts';
import { reportUrl, type GroupProgress, type GroupReport, type Recommendation } from './api.ts';
import { StatusBadge } from './recommendation-card.tsx';
import { ReportFiles, ReturnReportModal } from './report-files.tsx';

/** «выполнено 7 из 12»: how far the organizations of a group recommendation have got. */
export function progressText(p: GroupProgress) {
  const reported = p.reported ? `, ждут проверки ${p.reported}` : '';
  return `выполнено ${p.done} из ${p.total}${reported}`;
}

export function GroupProgressBadge({ progress }: { progress: GroupProgress }) {
  return (
    <Badge variant="light" color={progress.done === progress.total ? 'teal' : 'blue'} tt="none">
      {progressText(progress)}
    </Badge>
  );
}

/**
 * The department's table of a recommendation to a group: every organization of it with its own report,
 * its files, and «Принять отчёт» / «Вернуть на доработку» for each one separately.
 */
export function GroupReportsTable({
  recommendation: r,
  invalidate,
}: {
  recommendation: Pick<Recommendation, 'id' | 'text'>;
  invalidate: unknown[][];
}) {
  const client = useQueryClient();
  const key = ['recommendation-reports', r.id];
  const query = useQuery({
    queryKey: key,
    queryFn: () => api.get<GroupReport[]>(`/api/recommendations/${r.id}/reports`),
  });
  const refresh = () => [key, ...invalidate].forEach((queryKey) => client.invalidateQueries({ queryKey }));
  const [returning, setReturning] = useState<GroupReport | null>(null);
  const accept = useMutation({
    mutationFn: (report: GroupReport) =>
      api.post(`${reportUrl({ id: r.id, groupOrganizationId: report.organizationId })}/review`, {
        decision: 'accept',
        version: report.version,
      }),
    onSuccess: () => notifySaved('Отчёт организации принят'),
    onSettled: refresh,
  });
  if (query.isLoading) return <Loading />;
  if (query.error || !query.data) return <ErrorAlert error={query.error} title="Отчёты недоступны" />;
  return (
    <Stack gap={4}>
      <ErrorAlert error={accept.error} title="Отчёт не принят" />
      <Table.ScrollContainer minWidth={560}>
        <Table fz="sm" verticalSpacing={4} aria-label="Отчёты организаций">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Организация</Table.Th>
              <Table.Th>Статус</Table.Th>
              <Table.Th>Отчёт</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {query.data.map((report) => (
              <Table.Tr key={report.organizationId} data-organization={report.organizationId}>
                <Table.Td>{report.organizationName}</Table.Td>
                <Table.Td>
                  <StatusBadge status={report.status} />
                </Table.Td>
                <Table.Td>
                  <Stack gap={2}>
                    <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                      {report.report ?? '—'}
                    </Text>
                    {report.reviewComment && (
                      <Text size="xs" c="orange.8">
                        Комментарий отдела: {report.reviewComment}
                      </Text>
                    )}
                    <ReportFiles
                      recommendation={{
                        id: r.id,
                        groupOrganizationId: report.organizationId,
                        files: report.files,
                        status: report.status,
                      }}
                      canAttach={false}
                      invalidate={[key]}
                    />
                  </Stack>
                </Table.Td>
                <Table.Td>
                  {report.status === 'reported' && (
                    <Group gap={4} wrap="nowrap">
                      <Button
                        size="xs"
                        color="teal"
                        loading={
                          accept.isPending && accept.variables?.organizationId === report.organizationId
                        }
                        onClick={() => accept.mutate(report)}
                      >
                        Принять отчёт
                      </Button>
                      <Button size="xs" variant="default" onClick={() => setReturning(report)}>
                        Вернуть на доработку
                      </Button>
                    </Group>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {returning && (
        <ReturnReportModal
          recommendation={{
            id: r.id,
            groupOrganizationId: returning.organizationId,
            version: returning.version,
            text: `${returning.organizationName}: ${r.text}`,
          }}
          onClose={() => setReturning(null)}
          invalidate={[key, ...invalidate]}
        />
      )}
    </Stack>
  );
}
