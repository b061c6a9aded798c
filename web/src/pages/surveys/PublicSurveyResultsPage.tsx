import { Badge, Box, Card, Container, Group, Select, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useParams } from 'react-router-dom';
import { formatRuDate } from '../../../../core/dates.ts';
import {
  DIMENSION_LABEL,
  DIMENSIONS,
  type Dimension,
  type SurveyResults,
} from '../../../../core/surveys/results.ts';
import { SURVEY_KIND_LABEL, type SurveyKind } from '../../../../core/surveys/survey.ts';
import { api, ApiError } from '../../api/client.ts';
import { ErrorAlert, Loading } from '../../components/common.tsx';
import { GroupsTable, QuestionTotal } from './result-cells.tsx';

interface PublicSurveyResults {
  survey: {
    id: number;
    title: string;
    kind: SurveyKind;
    opensOn: string;
    closesOn: string;
    threshold: number;
  };
  municipality: { name: string; regionName: string; departmentName: string | null } | null;
  results: SurveyResults;
}

const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * The public page of a survey's results, for anyone: no login, no application shell. Only aggregates; the
 * server hides the cells below the threshold and the free text of questions not marked publishable.
 */
export function PublicSurveyResultsPage() {
  const id = Number(useParams().id);
  const [dimension, setDimension] = useState<Dimension>('organization');
  const query = useQuery({
    queryKey: ['public-survey-results', id],
    queryFn: () => api.get<PublicSurveyResults>(`/api/public/survey-results/${id}`),
    retry: false,
  });
  const data = query.data;
  useEffect(() => {
    if (data) document.title = `Итоги анкетирования «${data.survey.title}»`;
  }, [data]);
  return (
    <Box bg="gray.0" mih="100vh">
      <Box component="header" bg="white" style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
        <Container size="md" py="sm">
          <Group justify="space-between" wrap="nowrap">
            <Stack gap={0}>
              <Text fw={650}>{data?.municipality?.departmentName ?? 'Отдел образования'}</Text>
              <Text size="xs" c="dimmed">
                {[data?.municipality?.name, data?.municipality?.regionName].filter(Boolean).join(', ')}
              </Text>
            </Stack>
            <Badge variant="light">Итоги анкетирования</Badge>
          </Group>
        </Container>
      </Box>
      <Container size="md" py="xl" component="main">
        {query.isLoading ? (
          <Loading label="Загрузка итогов…" />
        ) : query.error instanceof ApiError && query.error.status === 404 ? (
          <Text c="dimmed" ta="center" py={60}>
            Итоги по этой ссылке не найдены или не опубликованы отделом образования.
          </Text>
        ) : query.error || !data ? (
          <ErrorAlert error={query.error} title="Итоги недоступны" />
        ) : (
          <Stack>
            <Title order={2}>{data.survey.title}</Title>
            <Text size="sm" c="dimmed">
              {capitalized(SURVEY_KIND_LABEL[data.survey.kind])} анкета, {formatRuDate(data.survey.opensOn)} —{' '}
              {formatRuDate(data.survey.closesOn)}. Ответов: {data.results.respondents}. Ячейки, где ответили
              меньше {data.results.threshold} человек, скрыты; ответы отдельных людей не публикуются.
            </Text>
            <Select
              label="Разрез"
              allowDeselect={false}
              data={DIMENSIONS.map((d) => ({ value: d, label: DIMENSION_LABEL[d] }))}
              value={dimension}
              onChange={(v) => setDimension((v ?? 'organization') as Dimension)}
              w={260}
            />
            {data.results.questions.map((q, i) => (
              <Card key={q.name} withBorder data-testid={`public-result-${q.name}`}>
                <Stack gap="xs">
                  <Title order={5}>
                    {i + 1}. {q.title}
                  </Title>
                  <QuestionTotal question={q} threshold={data.results.threshold} />
                  <GroupsTable question={q} dimension={dimension} threshold={data.results.threshold} />
                </Stack>
              </Card>
            ))}
          </Stack>
        )}
      </Container>
    </Box>
  );
}
