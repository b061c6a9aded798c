import { Alert, Button, Group, Select, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { countOf, TEACHER_FORMS } from '../../../../core/format.ts';
import type { OrderCell, TrainingOrder } from '../../../../core/surveys/training-order.ts';
import { api } from '../../api/client.ts';
import { ErrorAlert, Loading } from '../../components/common.tsx';

interface TrainingOrderAnswer {
  year: number;
  isMunicipality: boolean;
  questions: { name: string; title: string }[];
  order: TrainingOrder;
}

const cellText = (cell: OrderCell) => (cell.hidden ? 'скрыто' : String(cell.requested));

/** The «план-заказ» of ПК of a survey: topics × organizations, the XLSX for the ЦНППМ / РИПК. */
export function TrainingOrderTab({ surveyId }: { surveyId: number }) {
  const [question, setQuestion] = useState<string | null>(null);
  const query = useQuery({
    queryKey: ['survey-training-order', surveyId, question],
    queryFn: () =>
      api.get<TrainingOrderAnswer>(`/api/surveys/${surveyId}/training-order`, {
        question: question ?? undefined,
      }),
  });
  if (query.isLoading) return <Loading />;
  if (query.error) return <ErrorAlert error={query.error} />;
  const { order, year, isMunicipality, questions } = query.data!;
  const withNames = order.isNamed && isMunicipality;
  const xlsx = `/api/surveys/${surveyId}/training-order.xlsx${question ? `?question=${question}` : ''}`;
  return (
    <Stack>
      <Group align="flex-end">
        {questions.length > 1 && (
          <Select
            label="Вопрос"
            allowDeselect={false}
            data={questions.map((q) => ({ value: q.name, label: q.title }))}
            value={question ?? questions[0].name}
            onChange={setQuestion}
          />
        )}
        <Button component="a" href={xlsx} variant="default">
          План-заказ в XLSX
        </Button>
      </Group>
      <Text size="sm">
        План-заказ на повышение квалификации на {year} год по вопросу «{order.question.title}»: ответили{' '}
        {order.total.respondents === null
          ? `меньше ${order.threshold} человек`
          : countOf(order.total.respondents, TEACHER_FORMS)}
        .
      </Text>
      {!order.isNamed && (
        <Text size="sm" c="dimmed">
          Анкета анонимная: только число педагогов; организации, где ответили меньше {order.threshold}{' '}
          человек, скрыты.
        </Text>
      )}
      {!order.total.isComplete && (
        <Alert color="gray">
          В итог по муниципалитету не вошли скрытые организации ({order.total.leftOut}): иначе их ответы можно
          было бы вычислить.
        </Alert>
      )}
      <Table.ScrollContainer minWidth={600}>
        <Table striped withTableBorder data-testid="training-order">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Тема</Table.Th>
              <Table.Th>Раздел</Table.Th>
              {isMunicipality && <Table.Th>Всего</Table.Th>}
              {order.organizations.map((o) => (
                <Table.Th key={o.id}>{o.name}</Table.Th>
              ))}
              {withNames && <Table.Th>Кто запросил</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {order.rows.map((row) => (
              <Table.Tr key={row.topic.code}>
                <Table.Td>{row.topic.title}</Table.Td>
                <Table.Td>{row.topic.group}</Table.Td>
                {isMunicipality && <Table.Td fw={600}>{cellText(row.total)}</Table.Td>}
                {row.byOrganization.map((cell, i) => (
                  <Table.Td key={order.organizations[i].id}>{cellText(cell)}</Table.Td>
                ))}
                {withNames && (
                  <Table.Td>
                    <Text size="xs">
                      {!row.total.hidden && row.total.teachers ? row.total.teachers.join(', ') : ''}
                    </Text>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
