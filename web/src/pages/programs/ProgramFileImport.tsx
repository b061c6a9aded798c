import { Alert, Badge, Button, FileButton, Group, List, Modal, Stack, Table, Text } from '@mantine/core';
import { IconFileImport } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { api, ApiError } from '../../api/client.ts';
import { ErrorAlert } from '../../components/common.tsx';
import { countOf } from '../../lib/format.ts';
import { notifySaved } from '../../lib/forms.ts';

interface ProgramDifference {
  kind: 'added' | 'removed' | 'changed';
  subject: string;
  detail?: string;
}

interface ImportReport {
  programId: number | null;
  title: string;
  comparedWith: { id: number; title: string } | null;
  differences: ProgramDifference[];
  counts: { criteria: number; indicators: number; formFields: number; recommendationRules: number };
}

const KIND_LABEL = { added: 'добавится', removed: 'нет в файле', changed: 'изменится' } as const;
const KIND_COLOR = { added: 'green', removed: 'red', changed: 'yellow' } as const;

/** The problems a refused file lists (details.problems), under the message. */
function FileProblems({ error }: { error: unknown }) {
  const problems =
    error instanceof ApiError ? ((error.details as { problems?: string[] } | null)?.problems ?? []) : [];
  if (!problems.length) return <ErrorAlert error={error} title="Файл не загружен" />;
  return (
    <Alert color="red" title={error instanceof ApiError ? error.message : 'Файл не загружен'} role="alert">
      <List size="sm">
        {problems.map((p) => (
          <List.Item key={p}>{p}</List.Item>
        ))}
      </List>
    </Alert>
  );
}

/**
 * «Загрузить из файла»: the file is read in the browser and sent as text; the server answers first with a
 * dry run (what the file holds and how it differs from the municipality's program of the same title), and
 * only «Загрузить» writes the new program.
 */
export function ProgramFileImport({ municipalityId, onClose }: { municipalityId: number; onClose(): void }) {
  const client = useQueryClient();
  const navigate = useNavigate();
  const [content, setContent] = useState<{ name: string; text: string } | null>(null);
  const send = useMutation({
    mutationFn: (input: { text: string; dryRun: boolean }) =>
      api.post<ImportReport>('/api/programs/import', {
        municipalityId,
        content: input.text,
        dryRun: input.dryRun,
      }),
    onSuccess: (report) => {
      if (!report.programId) return;
      client.invalidateQueries({ queryKey: ['programs'] });
      notifySaved(`Программа «${report.title}» загружена из файла`);
      navigate(`/programs/${report.programId}`);
    },
  });
  const choose = async (file: File | null) => {
    if (!file) return;
    const text = await file.text();
    setContent({ name: file.name, text });
    send.mutate({ text, dryRun: true });
  };
  const report = send.data;
  const c = report?.counts;
  return (
    <Modal opened onClose={onClose} title="Программа из файла" size="xl">
      <Stack>
        <Text size="sm" c="dimmed">
          Файл .json, выгруженный из pedmonitor кнопкой «Выгрузить в файл» на странице программы (в другом
          муниципалитете или регионом). Сначала будет показано, что в файле и чем он отличается от вашей
          программы с тем же названием; ничего не записывается до кнопки «Загрузить».
        </Text>
        <Group>
          <FileButton onChange={choose} accept=".json,application/json">
            {(props) => (
              <Button {...props} variant="default" leftSection={<IconFileImport size={16} />}>
                {content ? 'Выбрать другой файл' : 'Выбрать файл'}
              </Button>
            )}
          </FileButton>
          {content && <Text size="sm">{content.name}</Text>}
        </Group>
        {send.error && <FileProblems error={send.error} />}
        {report && c && (
          <>
            <Text size="sm">
              Будет создана программа «{report.title}»:{' '}
              {countOf(c.criteria, ['критерий', 'критерия', 'критериев'])},{' '}
              {countOf(c.indicators, ['показатель', 'показателя', 'показателей'])},{' '}
              {countOf(c.formFields, ['поле формы', 'поля формы', 'полей формы'])},{' '}
              {countOf(c.recommendationRules, [
                'правило рекомендаций',
                'правила рекомендаций',
                'правил рекомендаций',
              ])}
              .
            </Text>
            {report.comparedWith ? (
              report.differences.length ? (
                <>
                  <Text size="sm" fw={500}>
                    Отличия от программы «{report.comparedWith.title}»:{' '}
                    {countOf(report.differences.length, ['отличие', 'отличия', 'отличий'])}
                  </Text>
                  <Table aria-label="Отличия от программы муниципалитета" verticalSpacing={4}>
                    <Table.Tbody>
                      {report.differences.map((d, i) => (
                        <Table.Tr key={i}>
                          <Table.Td w={120}>
                            <Badge size="sm" variant="light" color={KIND_COLOR[d.kind]}>
                              {KIND_LABEL[d.kind]}
                            </Badge>
                          </Table.Td>
                          <Table.Td>
                            <Text size="sm">{d.subject}</Text>
                            {d.detail && (
                              <Text size="xs" c="dimmed">
                                {d.detail}
                              </Text>
                            )}
                          </Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </>
              ) : (
                <Text size="sm">Файл совпадает с программой «{report.comparedWith.title}».</Text>
              )
            ) : (
              <Text size="sm" c="dimmed">
                В муниципалитете нет программы с тем же названием или шаблоном — сравнивать не с чем.
              </Text>
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                Отмена
              </Button>
              <Button
                loading={send.isPending}
                onClick={() => content && send.mutate({ text: content.text, dryRun: false })}
              >
                Загрузить
              </Button>
            </Group>
          </>
        )}
      </Stack>
    </Modal>
  );
}
