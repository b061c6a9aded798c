import {
  ActionIcon,
  Button,
  Card,
  Checkbox,
  Group,
  Modal,
  SegmentedControl,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { IconEye, IconPlus, IconTrash } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { Model } from 'survey-core';
import '../../../../core/surveys/survey-core-properties.ts';
import 'survey-core/i18n/russian';
import 'survey-core/survey-core.css';
import { Survey } from 'survey-react-ui';
import {
  QUESTION_TYPE_LABEL,
  QUESTION_TYPES,
  type QuestionType,
  type SurveyDefinition,
  type SurveyQuestion,
} from '../../../../core/surveys/definition.ts';
import {
  addPage,
  addQuestion,
  changeType,
  choicesFrom,
  linesOf,
  matrixColumnsFrom,
  parseSkip,
  questionsOfDefinition,
  removePage,
  removeQuestion,
  replaceQuestion,
  setPageTitle,
  skipCondition,
  skipOn,
  skipSources,
  skipValues,
  withTrainingTopics,
} from './builder-model.ts';

function QuestionEditor({
  question,
  earlier,
  onChange,
  onRemove,
  number,
}: {
  question: SurveyQuestion;
  earlier: SurveyQuestion[];
  onChange: (q: SurveyQuestion) => void;
  onRemove: () => void;
  number: number;
}) {
  const set = (patch: Partial<SurveyQuestion>) => onChange({ ...question, ...patch });
  const skip = parseSkip(question.visibleIf);
  const skipSource = earlier.find((q) => q.name === skip?.name);
  const sources = skipSources(earlier);
  return (
    <Card withBorder padding="sm" data-testid={`question-${number}`}>
      <Stack gap="xs">
        <Group justify="space-between" wrap="nowrap">
          <Text fw={600}>Вопрос {number}</Text>
          <ActionIcon variant="subtle" color="red" aria-label={`Удалить вопрос ${number}`} onClick={onRemove}>
            <IconTrash size={16} />
          </ActionIcon>
        </Group>
        <Group grow wrap="wrap" align="flex-end">
          <Select
            label="Тип"
            data={QUESTION_TYPES.map((t) => ({ value: t, label: QUESTION_TYPE_LABEL[t] }))}
            value={question.type}
            allowDeselect={false}
            onChange={(v) => onChange(changeType(question, (v ?? 'radiogroup') as QuestionType))}
          />
          <TextInput
            label="Код"
            value={question.name}
            onChange={(e) => set({ name: e.currentTarget.value })}
          />
        </Group>
        <Textarea
          label="Текст вопроса"
          autosize
          minRows={1}
          value={question.title}
          onChange={(e) => set({ title: e.currentTarget.value })}
        />
        <Checkbox
          label="Обязательный"
          checked={Boolean(question.isRequired)}
          onChange={(e) => set({ isRequired: e.currentTarget.checked })}
        />
        {(question.type === 'comment' || (question.type === 'text' && question.inputType !== 'number')) && (
          <Checkbox
            label="Ответы можно показывать на публичной странице итогов"
            checked={question.publishable === true}
            onChange={(e) => set({ publishable: e.currentTarget.checked || undefined })}
          />
        )}
        {(question.type === 'radiogroup' || question.type === 'checkbox') && (
          <Checkbox
            label="Темы повышения квалификации для плана-заказа (варианты — каталог дефицитов и направления ПК)"
            checked={question.trainingOrder === true}
            onChange={(e) => onChange(withTrainingTopics(question, e.currentTarget.checked))}
          />
        )}
        {(question.type === 'radiogroup' || question.type === 'checkbox') && (
          <Textarea
            key={question.trainingOrder ? 'catalog' : 'own'}
            label="Варианты ответа (по одному в строке)"
            autosize
            minRows={2}
            defaultValue={linesOf(question.choices)}
            onBlur={(e) => set({ choices: choicesFrom(e.currentTarget.value, question.choices) })}
          />
        )}
        {question.type === 'rating' && (
          <SegmentedControl
            data={[
              { value: '5', label: '1–5' },
              { value: '10', label: '1–10' },
            ]}
            value={String(question.rateMax ?? 5)}
            onChange={(v) => set({ rateMin: 1, rateMax: Number(v) })}
          />
        )}
        {question.type === 'text' && (
          <SegmentedControl
            data={[
              { value: 'text', label: 'короткий текст' },
              { value: 'number', label: 'число' },
            ]}
            value={question.inputType ?? 'text'}
            onChange={(v) => set({ inputType: v as 'text' | 'number' })}
          />
        )}
        {question.type === 'matrix' && (
          <Group grow align="flex-start">
            <Textarea
              label="Строки"
              autosize
              minRows={2}
              defaultValue={linesOf(question.rows)}
              onBlur={(e) => set({ rows: choicesFrom(e.currentTarget.value, question.rows) })}
            />
            <Textarea
              label="Столбцы (оценки)"
              autosize
              minRows={2}
              defaultValue={linesOf(question.columns)}
              onBlur={(e) => set({ columns: matrixColumnsFrom(e.currentTarget.value, question.columns) })}
            />
          </Group>
        )}
        {sources.length > 0 && (
          <Group grow align="flex-end">
            <Select
              label="Показывать, только если на вопрос"
              clearable
              data={sources.map((q) => ({ value: q.name, label: `${q.name}: ${q.title}` }))}
              value={skipSource?.name ?? null}
              onChange={(name) => set({ visibleIf: skipOn(sources, name) })}
            />
            {skipSource && (
              <Select
                label="ответили"
                allowDeselect={false}
                data={skipValues(skipSource)}
                value={skip?.value ?? null}
                onChange={(v) => set({ visibleIf: skipCondition(skipSource.name, v ?? '') })}
              />
            )}
          </Group>
        )}
      </Stack>
    </Card>
  );
}

/** Preview of a definition as the respondents will see it (survey-react-ui). */
export function SurveyPreview({ definition, title }: { definition: SurveyDefinition; title: string }) {
  const model = useMemo(() => {
    const m = new Model({ ...definition, title });
    m.locale = 'ru';
    return m;
  }, [definition, title]);
  return <Survey model={model} />;
}

/** pedmonitor's own builder of SurveyJS definitions: sections (pages), questions, required, skip conditions. */
export function SurveyBuilder({
  definition,
  onChange,
  title,
}: {
  definition: SurveyDefinition;
  onChange: (d: SurveyDefinition) => void;
  title: string;
}) {
  const [preview, setPreview] = useState(false);
  const all = questionsOfDefinition(definition);
  let number = 0;
  return (
    <Stack>
      {definition.pages.map((page, i) => (
        <Card key={page.name} withBorder padding="md" bg="gray.0">
          <Stack gap="sm">
            <Group justify="space-between">
              <TextInput
                label={`Раздел ${i + 1}`}
                value={page.title ?? ''}
                onChange={(e) => onChange(setPageTitle(definition, i, e.currentTarget.value))}
                style={{ flex: 1 }}
              />
              {definition.pages.length > 1 && (
                <ActionIcon
                  variant="subtle"
                  color="red"
                  aria-label={`Удалить раздел ${i + 1}`}
                  onClick={() => onChange(removePage(definition, i))}
                >
                  <IconTrash size={16} />
                </ActionIcon>
              )}
            </Group>
            {page.elements.map((q, k) => {
              number++;
              const earlier = all.slice(0, number - 1);
              return (
                <QuestionEditor
                  key={`${page.name}-${k}`}
                  number={number}
                  question={q}
                  earlier={earlier}
                  onChange={(nq) => onChange(replaceQuestion(definition, i, k, nq))}
                  onRemove={() => onChange(removeQuestion(definition, i, k))}
                />
              );
            })}
            <Button
              variant="light"
              leftSection={<IconPlus size={16} />}
              onClick={() => onChange(addQuestion(definition, i))}
            >
              Добавить вопрос
            </Button>
          </Stack>
        </Card>
      ))}
      <Group>
        <Button
          variant="default"
          leftSection={<IconPlus size={16} />}
          onClick={() => onChange(addPage(definition, Date.now() % 1000))}
        >
          Добавить раздел
        </Button>
        <Button variant="default" leftSection={<IconEye size={16} />} onClick={() => setPreview(true)}>
          Просмотр
        </Button>
      </Group>
      <Modal
        opened={preview}
        onClose={() => setPreview(false)}
        title="Так анкету увидят отвечающие"
        size="lg"
      >
        <SurveyPreview definition={definition} title={title} />
      </Modal>
    </Stack>
  );
}
