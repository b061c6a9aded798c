import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Modal,
  Select,
  Stack,
  Switch,
  Table,
  Tabs,
  Text,
  Title,
} from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useParams } from 'react-router-dom';
import { formatRuDate } from '../../../../core/dates.ts';
import { formatPercent } from '../../../../core/format.ts';
import type { SurveyDefinition } from '../../../../core/surveys/definition.ts';
import {
  DIMENSION_LABEL,
  DIMENSIONS,
  type Dimension,
  type SurveyResults,
} from '../../../../core/surveys/results.ts';
import { SURVEY_KIND_LABEL, SURVEY_STATUS_LABEL } from '../../../../core/surveys/survey.ts';
import { trainingQuestionsOf } from '../../../../core/surveys/training-order.ts';
import {
  CBI_SUBSCALE_LABEL,
  CBI_SUBSCALES,
  type highBurnoutShares,
} from '../../../../core/surveys/burnout.ts';
import { api, ApiError } from '../../api/client.ts';
import { ErrorAlert, Loading, PageHeader } from '../../components/common.tsx';
import { SurveyBuilder } from './SurveyBuilder.tsx';
import { GroupsTable, hiddenText, QuestionTotal } from './result-cells.tsx';
import { TrainingOrderTab } from './TrainingOrderTab.tsx';
import { STATUS_COLOR, SurveySettings, type SurveyForm, type SurveySummary } from './SurveysPage.tsx';

interface SurveyCard extends SurveySummary {
  definition: SurveyDefinition;
  versionNumber: number;
  canManage: boolean;
  templateCode: string | null;
  rates: {
    organizationId: number;
    shortName: string;
    asked: number;
    issued: number;
    answered: number;
    rate: number | null;
  }[];
}

function ResultsTab({ survey }: { survey: SurveyCard }) {
  const [organizationId, setOrganizationId] = useState<string | null>(null);
  const [dimension, setDimension] = useState<Dimension>('organization');
  const query = useQuery({
    queryKey: ['survey-results', survey.id, organizationId],
    queryFn: () =>
      api.get<{ results: SurveyResults; burnout: ReturnType<typeof highBurnoutShares> | null }>(
        `/api/surveys/${survey.id}/results`,
        {
          organizationId: organizationId ?? undefined,
        },
      ),
  });
  if (query.isLoading) return <Loading />;
  if (query.error) return <ErrorAlert error={query.error} />;
  const { results, burnout } = query.data!;
  const xlsx = `/api/surveys/${survey.id}/results.xlsx${organizationId ? `?organizationId=${organizationId}` : ''}`;
  return (
    <Stack>
      <Group align="flex-end">
        {survey.canManage && (
          <Select
            label="Организация"
            placeholder="все"
            clearable
            data={survey.rates.map((r) => ({ value: String(r.organizationId), label: r.shortName }))}
            value={organizationId}
            onChange={setOrganizationId}
          />
        )}
        <Select
          label="Разрез"
          allowDeselect={false}
          data={DIMENSIONS.map((d) => ({ value: d, label: DIMENSION_LABEL[d] }))}
          value={dimension}
          onChange={(v) => setDimension((v ?? 'organization') as Dimension)}
        />
        <Button component="a" href={xlsx} variant="default">
          Итоги в XLSX
        </Button>
        {survey.kind === 'named' && survey.canManage && (
          <Button component="a" href={`/api/surveys/${survey.id}/responses.xlsx`} variant="default">
            Ответы по людям (XLSX)
          </Button>
        )}
      </Group>
      <Text size="sm" c="dimmed">
        Ответов: {results.respondents}. Ячейки, где ответили меньше {results.threshold} человек, скрыты везде
        — на странице, в выгрузке и в показателях.
      </Text>
      {burnout && (
        <Card withBorder data-testid="burnout">
          <Title order={5}>Высокий риск выгорания (CBI: балл шкалы 50 и больше)</Title>
          {CBI_SUBSCALES.map((sub) => (
            <Text size="sm" key={sub}>
              {CBI_SUBSCALE_LABEL[sub]}:{' '}
              {burnout[sub].share === null
                ? hiddenText(results.threshold)
                : `${formatPercent(burnout[sub].share! * 100)} (${burnout[sub].high} из ${burnout[sub].respondents})`}
            </Text>
          ))}
        </Card>
      )}
      {results.questions.map((q, i) => (
        <Card key={q.name} withBorder data-testid={`result-${q.name}`}>
          <Stack gap="xs">
            <Title order={5}>
              {i + 1}. {q.title}
            </Title>
            <QuestionTotal question={q} threshold={results.threshold} />
            <GroupsTable question={q} dimension={dimension} threshold={results.threshold} />
          </Stack>
        </Card>
      ))}
    </Stack>
  );
}

function DistributionTab({ survey, reload }: { survey: SurveyCard; reload: () => void }) {
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const act = (path: string) => async () => {
    setError(null);
    try {
      const r = await api.post<{ message?: string }>(`/api/surveys/${survey.id}/${path}`);
      setMessage(r.message ?? 'Готово.');
      reload();
    } catch (e) {
      setError(e);
    }
  };
  const publish = async (isPublic: boolean) => {
    setError(null);
    try {
      await api.put(`/api/surveys/${survey.id}/publication`, { isPublic, version: survey.version });
      setMessage(isPublic ? 'Итоги опубликованы.' : 'Итоги сняты с публикации.');
      reload();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <Stack>
      {survey.canManage && (
        <Group>
          {survey.status === 'draft' && <Button onClick={act('open')}>Начать и разослать</Button>}
          {survey.status === 'open' && (
            <>
              <Button variant="default" onClick={act('remind')}>
                Напомнить
              </Button>
              <Button variant="default" color="red" onClick={act('close')}>
                Завершить
              </Button>
            </>
          )}
        </Group>
      )}
      {survey.canManage && survey.status === 'closed' && (
        <Group>
          <Switch
            label="Итоги на публичной странице (только агрегаты; ячейки меньше порога и свободные ответы скрыты)"
            checked={survey.isPublic}
            onChange={(e) => void publish(e.currentTarget.checked)}
          />
          {survey.isPublic && (
            <Anchor href={`/public/surveys/${survey.id}`} target="_blank">
              Публичная страница
            </Anchor>
          )}
        </Group>
      )}
      {message && <Alert color="green">{message}</Alert>}
      <ErrorAlert error={error} />
      <Table.ScrollContainer minWidth={500}>
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Организация</Table.Th>
              <Table.Th>Опрашиваем</Table.Th>
              {survey.kind === 'anonymous' && <Table.Th>Открыли ссылку</Table.Th>}
              <Table.Th>Ответили</Table.Th>
              <Table.Th>Отклик</Table.Th>
              {survey.kind === 'anonymous' && <Table.Th>Объявление</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {survey.rates.map((r) => (
              <Table.Tr key={r.organizationId}>
                <Table.Td>{r.shortName}</Table.Td>
                <Table.Td>{r.asked}</Table.Td>
                {survey.kind === 'anonymous' && <Table.Td>{r.issued}</Table.Td>}
                <Table.Td>{r.answered}</Table.Td>
                <Table.Td>{r.rate === null ? '—' : formatPercent(r.rate * 100)}</Table.Td>
                {survey.kind === 'anonymous' && (
                  <Table.Td>
                    <Anchor
                      href={`/api/surveys/${survey.id}/notice?organizationId=${r.organizationId}`}
                      target="_blank"
                    >
                      с QR-кодом
                    </Anchor>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {!survey.rates.length && <Text c="dimmed">Рассылки ещё не было: начните анкетирование.</Text>}
    </Stack>
  );
}

function QuestionsTab({ survey, reload }: { survey: SurveyCard; reload: () => void }) {
  const [form, setForm] = useState<SurveyForm>(survey);
  const [error, setError] = useState<unknown>(null);
  const [confirm, setConfirm] = useState(false);
  useEffect(() => setForm(survey), [survey]);
  const editable = survey.canManage && survey.status !== 'closed';
  const save = async (confirmNewVersion = false) => {
    setError(null);
    try {
      await api.put(`/api/surveys/${survey.id}`, { ...form, version: survey.version, confirmNewVersion });
      setConfirm(false);
      reload();
    } catch (e) {
      if (
        e instanceof ApiError &&
        (e.details as { requiresConfirmation?: boolean } | null)?.requiresConfirmation
      )
        setConfirm(true);
      else setError(e);
    }
  };
  if (!editable)
    return (
      <Text size="sm" c="dimmed">
        Версия вопросов {survey.versionNumber}.
      </Text>
    );
  return (
    <Stack>
      <Card withBorder>
        <SurveySettings form={form} onChange={setForm} isNew={false} />
      </Card>
      <SurveyBuilder
        definition={form.definition}
        onChange={(definition) => setForm({ ...form, definition })}
        title={form.title}
      />
      <ErrorAlert error={error} title="Анкета не сохранена" />
      <Group>
        <Button onClick={() => save(false)}>Сохранить</Button>
        <Text size="sm" c="dimmed">
          Версия вопросов {survey.versionNumber}
        </Text>
      </Group>
      <Modal opened={confirm} onClose={() => setConfirm(false)} title="Новая версия анкеты">
        <Stack>
          <Text>
            Анкетирование уже идёт. Изменённые вопросы станут версией {survey.versionNumber + 1}; ответы,
            данные раньше, останутся в версии {survey.versionNumber}.
          </Text>
          <Group>
            <Button onClick={() => save(true)}>Создать новую версию</Button>
            <Button variant="default" onClick={() => setConfirm(false)}>
              Отмена
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}

export function SurveyPage() {
  const { id = '' } = useParams();
  const client = useQueryClient();
  const query = useQuery({
    queryKey: ['survey', id],
    queryFn: () => api.get<SurveyCard>(`/api/surveys/${id}`),
  });
  const reload = () => {
    void client.invalidateQueries({ queryKey: ['survey', id] });
    void client.invalidateQueries({ queryKey: ['survey-results'] });
  };
  if (query.isLoading) return <Loading />;
  if (query.error) return <ErrorAlert error={query.error} />;
  const survey = query.data!;
  const hasTrainingOrder = trainingQuestionsOf(survey.definition).length > 0;
  return (
    <>
      <PageHeader
        title={survey.title}
        subtitle={`${SURVEY_KIND_LABEL[survey.kind]} анкета, ${formatRuDate(survey.opensOn)} — ${formatRuDate(survey.closesOn)}, код для формул «${survey.code}»`}
        actions={<Badge color={STATUS_COLOR[survey.status]}>{SURVEY_STATUS_LABEL[survey.status]}</Badge>}
      />
      <Tabs defaultValue={survey.status === 'draft' ? 'questions' : 'distribution'} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="questions">Вопросы</Tabs.Tab>
          <Tabs.Tab value="distribution">Рассылка и отклик</Tabs.Tab>
          <Tabs.Tab value="results">Итоги</Tabs.Tab>
          {hasTrainingOrder && <Tabs.Tab value="training-order">План-заказ на ПК</Tabs.Tab>}
        </Tabs.List>
        <Tabs.Panel value="questions" pt="md">
          <QuestionsTab survey={survey} reload={reload} />
        </Tabs.Panel>
        <Tabs.Panel value="distribution" pt="md">
          <DistributionTab survey={survey} reload={reload} />
        </Tabs.Panel>
        <Tabs.Panel value="results" pt="md">
          <ResultsTab survey={survey} />
        </Tabs.Panel>
        {hasTrainingOrder && (
          <Tabs.Panel value="training-order" pt="md">
            <TrainingOrderTab surveyId={survey.id} />
          </Tabs.Panel>
        )}
      </Tabs>
    </>
  );
}
