import '@mantine/dropzone/styles.css';
import { Alert, Button, Group, Paper, Progress, Stack, Table, Text, Title } from '@mantine/core';
import { Dropzone, type FileRejection } from '@mantine/dropzone';
import {
  IconAlertTriangle,
  IconCircleCheck,
  IconDownload,
  IconFileSpreadsheet,
  IconFileUpload,
  IconTemplate,
  IconUpload,
  IconX,
} from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { formatNumber } from '../../../../core/format.ts';
import { ApiError, api } from '../../api/client.ts';
import { ErrorAlert } from '../../components/common.tsx';
import {
  MAX_UPLOAD_BYTES,
  uploadForPreview,
  workbookUrl,
  type ImportPreview,
  type ImportResult,
} from './api.ts';
import { ErrorList, formatDescription, SheetsPreview, Totals } from './ImportPreview.tsx';

const ACCEPT = {
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ['.xlsx'],
  'text/csv': ['.csv'],
  'application/vnd.ms-excel': ['.csv', '.xls'],
  'text/plain': ['.csv'],
};

type Stage =
  | { name: 'idle' }
  | { name: 'uploading'; fileName: string; sent: number }
  | { name: 'preview'; preview: ImportPreview }
  | { name: 'applied'; preview: ImportPreview; result: ImportResult };

function DownloadCard({ organizationId }: { organizationId: number }) {
  return (
    <Paper withBorder p="lg">
      <Stack gap="sm">
        <Group gap="xs">
          <IconFileSpreadsheet size={20} />
          <Title order={4}>Выгрузка</Title>
        </Group>
        <Text size="sm" c="dimmed">
          Книга Excel со всеми сведениями организации: педагоги и должности, образование, аттестация,
          диагностики, обучение, ИОМ, конкурсы, наставничество, методические объединения, мероприятия,
          вакансии и НПА. Измените её и загрузите обратно — перед применением система покажет все изменения и
          ошибки. Правила заполнения — на листе «Инструкция».
        </Text>
        <Group gap="sm">
          <Button component="a" href={workbookUrl(organizationId)} leftSection={<IconDownload size={16} />}>
            Скачать книгу со сведениями
          </Button>
          <Button
            component="a"
            href={workbookUrl(organizationId, true)}
            variant="default"
            leftSection={<IconTemplate size={16} />}
          >
            Скачать пустой шаблон
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

function UploadZone({ onFile, notice }: { onFile(file: File): void; notice: string | null }) {
  const [rejected, setRejected] = useState<string | null>(null);
  const reject = (files: FileRejection[]) => {
    const code = files[0]?.errors[0]?.code;
    setRejected(
      code === 'file-too-large'
        ? 'Файл больше 50 МБ: разделите его на несколько книг или листов CSV.'
        : code === 'too-many-files'
          ? 'Загрузите один файл за раз.'
          : 'Загрузите книгу Excel (.xlsx) или лист CSV (.csv).',
    );
  };
  return (
    <Stack gap="sm">
      {notice && (
        <Alert
          color="yellow"
          icon={<IconAlertTriangle size={18} />}
          title="Загрузите файл ещё раз"
          role="alert"
        >
          {notice}
        </Alert>
      )}
      {rejected && (
        <Alert color="red" icon={<IconX size={18} />} withCloseButton onClose={() => setRejected(null)}>
          {rejected}
        </Alert>
      )}
      <Dropzone
        onDrop={(files) => {
          setRejected(null);
          if (files[0]) onFile(files[0]);
        }}
        onReject={reject}
        maxSize={MAX_UPLOAD_BYTES}
        maxFiles={1}
        multiple={false}
        accept={ACCEPT}
        aria-label="Файл для загрузки"
      >
        <Group justify="center" gap="lg" mih={140} style={{ pointerEvents: 'none' }}>
          <Dropzone.Accept>
            <IconUpload size={44} color="var(--mantine-color-blue-6)" stroke={1.5} />
          </Dropzone.Accept>
          <Dropzone.Reject>
            <IconX size={44} color="var(--mantine-color-red-6)" stroke={1.5} />
          </Dropzone.Reject>
          <Dropzone.Idle>
            <IconFileUpload size={44} color="var(--mantine-color-dimmed)" stroke={1.5} />
          </Dropzone.Idle>
          <Stack gap={4}>
            <Text size="lg">Перетащите файл сюда или нажмите, чтобы выбрать</Text>
            <Text size="sm" c="dimmed">
              Книга Excel (.xlsx) или лист CSV в кодировке UTF-8 или Windows-1251, до 50 МБ. Ничего не
              записывается, пока вы не нажмёте «Применить».
            </Text>
          </Stack>
        </Group>
      </Dropzone>
    </Stack>
  );
}

function AppliedSummary({
  preview,
  result,
  onAgain,
}: {
  preview: ImportPreview;
  result: ImportResult;
  onAgain(): void;
}) {
  const sheets = result.sheets.filter((s) => s.added + s.changed + s.removed > 0);
  return (
    <Stack gap="md">
      <Alert color="teal" icon={<IconCircleCheck size={20} />} title="Изменения применены" role="status">
        Файл «{preview.fileName}» загружен в сведения организации {preview.organizationName} одной операцией.
        Записей добавлено: {formatNumber(result.added, 0)}, изменено: {formatNumber(result.changed, 0)},
        удалено: {formatNumber(result.removed, 0)}. Изменения записаны в журнал.
      </Alert>
      {sheets.length > 0 && (
        <Paper withBorder>
          <Table verticalSpacing="xs" aria-label="Применённые изменения">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Лист</Table.Th>
                <Table.Th ta="right">Добавлено</Table.Th>
                <Table.Th ta="right">Изменено</Table.Th>
                <Table.Th ta="right">Удалено</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {sheets.map((s) => (
                <Table.Tr key={s.sheet}>
                  <Table.Td>{s.sheet}</Table.Td>
                  <Table.Td ta="right">{s.added}</Table.Td>
                  <Table.Td ta="right">{s.changed}</Table.Td>
                  <Table.Td ta="right">{s.removed}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
      <Group gap="sm">
        <Button leftSection={<IconUpload size={16} />} onClick={onAgain}>
          Загрузить другой файл
        </Button>
        <Button component={Link} to={`/teachers?organizationId=${preview.organizationId}`} variant="default">
          Открыть педагогов организации
        </Button>
        <Button
          component="a"
          href={workbookUrl(preview.organizationId)}
          variant="default"
          leftSection={<IconDownload size={16} />}
        >
          Скачать обновлённую книгу
        </Button>
      </Group>
    </Stack>
  );
}

/**
 * The round trip of one organization's workbook: download it (or the empty template), upload it back, read
 * the preview of every change and error, apply it in one transaction or cancel.
 */
export function ExchangePanel({ organization }: { organization: { id: number; shortName: string } }) {
  const client = useQueryClient();
  const [stage, setStage] = useState<Stage>({ name: 'idle' });
  const [notice, setNotice] = useState<string | null>(null);
  const [uploadError, setUploadError] = useState<unknown>(null);

  const upload = async (file: File) => {
    setNotice(null);
    setUploadError(null);
    setStage({ name: 'uploading', fileName: file.name, sent: 0 });
    try {
      const preview = await uploadForPreview(organization.id, file, (sent) =>
        setStage({ name: 'uploading', fileName: file.name, sent }),
      );
      setStage({ name: 'preview', preview });
    } catch (error) {
      setUploadError(error);
      setStage({ name: 'idle' });
    }
  };

  const apply = useMutation({
    mutationFn: (preview: ImportPreview) =>
      api.post<ImportResult>(`/api/imports/${preview.importId}/confirm`),
    onSuccess: (result, preview) => {
      setStage({ name: 'applied', preview, result });
      // The import may touch any register of the organization: every list refetches.
      client.invalidateQueries();
    },
    onError: (error) => {
      // 409: the data changed after the check; 404: the check expired. Either way the file goes again.
      if (error instanceof ApiError && (error.status === 409 || error.status === 404)) {
        setNotice(error.message);
        setStage({ name: 'idle' });
        apply.reset();
      }
    },
  });

  const cancel = useMutation({
    mutationFn: (preview: ImportPreview) => api.delete(`/api/imports/${preview.importId}`),
    onSettled: () => setStage({ name: 'idle' }),
  });

  return (
    <Stack gap="lg">
      <DownloadCard organizationId={organization.id} />
      <Paper withBorder p="lg">
        <Stack gap="md">
          <Group gap="xs">
            <IconUpload size={20} />
            <Title order={4}>Загрузка</Title>
          </Group>
          {stage.name === 'idle' && (
            <>
              <ErrorAlert error={uploadError} title="Файл не загружен" />
              <UploadZone onFile={upload} notice={notice} />
            </>
          )}
          {stage.name === 'uploading' && (
            <Stack gap="xs" aria-live="polite">
              <Text size="sm">
                {stage.sent < 1
                  ? `Отправка «${stage.fileName}»: ${Math.round(stage.sent * 100)} %`
                  : `Файл «${stage.fileName}» отправлен, идёт проверка…`}
              </Text>
              <Progress
                value={Math.round(stage.sent * 100)}
                animated={stage.sent >= 1}
                striped={stage.sent >= 1}
                aria-label="Загрузка файла"
              />
            </Stack>
          )}
          {stage.name === 'preview' && (
            <PreviewStage
              preview={stage.preview}
              isApplying={apply.isPending}
              isCancelling={cancel.isPending}
              applyError={apply.error}
              onApply={() => apply.mutate(stage.preview)}
              onCancel={() => cancel.mutate(stage.preview)}
            />
          )}
          {stage.name === 'applied' && (
            <AppliedSummary
              preview={stage.preview}
              result={stage.result}
              onAgain={() => setStage({ name: 'idle' })}
            />
          )}
        </Stack>
      </Paper>
    </Stack>
  );
}

function PreviewStage(props: {
  preview: ImportPreview;
  isApplying: boolean;
  isCancelling: boolean;
  applyError: unknown;
  onApply(): void;
  onCancel(): void;
}) {
  const { preview } = props;
  const isEmpty = preview.totals.added + preview.totals.changed + preview.totals.removed === 0;
  return (
    <Stack gap="lg">
      <Stack gap={2}>
        <Text fw={600}>Проверка файла «{preview.fileName}»</Text>
        <Text size="sm" c="dimmed">
          {preview.organizationName}, {formatDescription(preview)}. Проверка действительна до{' '}
          {new Date(preview.expiresAt).toLocaleTimeString('ru-RU', { hour: '2-digit', minute: '2-digit' })}.
        </Text>
      </Stack>
      {preview.errorCount > 0 && <ErrorList errors={preview.errors} errorCount={preview.errorCount} />}
      <Totals totals={preview.totals} />
      <SheetsPreview preview={preview} />
      <ErrorAlert error={props.applyError} title="Изменения не применены" />
      <Group justify="space-between" wrap="wrap">
        <Text size="sm" c="dimmed">
          {preview.canApply
            ? isEmpty
              ? 'Файл совпадает с данными системы: применять нечего.'
              : 'Все изменения будут записаны одной операцией: либо все, либо ни одного.'
            : 'Применить файл с ошибками нельзя. Исправьте их и загрузите файл снова.'}
        </Text>
        <Group gap="sm">
          <Button
            variant="default"
            onClick={props.onCancel}
            loading={props.isCancelling}
            disabled={props.isApplying}
          >
            {preview.canApply && !isEmpty ? 'Отменить' : 'Отменить и загрузить другой файл'}
          </Button>
          {preview.canApply && !isEmpty && (
            <Button color="teal" onClick={props.onApply} loading={props.isApplying}>
              Применить
            </Button>
          )}
        </Group>
      </Group>
    </Stack>
  );
}
