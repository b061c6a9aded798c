import { ActionIcon, Anchor, Button, FileButton, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { IconPaperclip, IconTrash } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api/client.ts';
import { ErrorAlert } from '../../components/common.tsx';
import { FormActions } from '../../components/FormActions.tsx';
import { notifySaved } from '../../lib/forms.ts';
import { formatNumber } from '../../../../core/format.ts';
import { reportUrl, type Recommendation } from './api.ts';

/** What the server accepts on a report (server/modules/analysis/recommendation-files.service.ts). */
const ACCEPT = '.pdf,.docx,.xlsx,.odt,.jpg,.jpeg,.png';

const sizeOf = (bytes: number) =>
  bytes >= 1024 * 1024
    ? `${formatNumber(bytes / 1024 / 1024, 1)} МБ`
    : `${formatNumber(Math.max(1, Math.round(bytes / 1024)), 0)} КБ`;

/**
 * The files of a school's report on a recommendation: download links for everyone who sees the report;
 * the addressed school attaches and removes them while the recommendation is open.
 */
export function ReportFiles({
  recommendation: r,
  canAttach,
  invalidate,
}: {
  recommendation: Pick<Recommendation, 'id' | 'files' | 'status' | 'groupOrganizationId'>;
  canAttach: boolean;
  /** The query keys to read again after a change. */
  invalidate: unknown[][];
}) {
  const client = useQueryClient();
  const refresh = () => invalidate.forEach((queryKey) => client.invalidateQueries({ queryKey }));
  const attach = useMutation({
    mutationFn: (file: File) => {
      const body = new FormData();
      body.append('file', file);
      return api.post(`${reportUrl(r)}/files`, body);
    },
    onSuccess: () => {
      refresh();
      notifySaved('Файл прикреплён к отчёту');
    },
  });
  const remove = useMutation({
    mutationFn: (fileId: number) => api.delete(`${reportUrl(r)}/files/${fileId}`),
    onSuccess: refresh,
  });
  const open = r.status !== 'done' && r.status !== 'cancelled';
  if (!r.files.length && !(canAttach && open)) return null;
  return (
    <Stack gap={4} data-testid="report-files">
      {r.files.map((f) => (
        <Group key={f.id} gap={6} wrap="nowrap">
          <IconPaperclip size={14} color="gray" />
          <Anchor size="sm" href={`${reportUrl(r)}/files/${f.id}`} download={f.name}>
            {f.name}
          </Anchor>
          <Text size="xs" c="dimmed">
            {sizeOf(f.size)}
          </Text>
          {canAttach && open && (
            <ActionIcon
              size="sm"
              variant="subtle"
              color="red"
              aria-label={`Удалить файл ${f.name}`}
              loading={remove.isPending && remove.variables === f.id}
              onClick={() => remove.mutate(f.id)}
            >
              <IconTrash size={14} />
            </ActionIcon>
          )}
        </Group>
      ))}
      {canAttach && open && (
        <Group gap="xs">
          <FileButton onChange={(file) => file && attach.mutate(file)} accept={ACCEPT}>
            {(props) => (
              <Button
                {...props}
                size="xs"
                variant="default"
                leftSection={<IconPaperclip size={14} />}
                loading={attach.isPending}
              >
                Прикрепить файл
              </Button>
            )}
          </FileButton>
          <Text size="xs" c="dimmed">
            PDF, DOCX, XLSX, ODT, JPG, PNG
          </Text>
        </Group>
      )}
      <ErrorAlert error={attach.error ?? remove.error} title="Файл не прикреплён" />
    </Stack>
  );
}

/** The department returns a report for rework: the school reads the comment and reports again. */
export function ReturnReportModal({
  recommendation: r,
  onClose,
  invalidate,
}: {
  recommendation: Pick<Recommendation, 'id' | 'version' | 'text' | 'groupOrganizationId'>;
  onClose(): void;
  invalidate: unknown[][];
}) {
  const client = useQueryClient();
  const [comment, setComment] = useState('');
  const [touched, setTouched] = useState(false);
  const send = useMutation({
    mutationFn: () => api.post(`${reportUrl(r)}/review`, { decision: 'return', comment, version: r.version }),
    onSuccess: () => {
      invalidate.forEach((queryKey) => client.invalidateQueries({ queryKey }));
      notifySaved('Отчёт возвращён на доработку');
      onClose();
    },
  });
  return (
    <Modal opened onClose={onClose} title="Вернуть отчёт на доработку" size="lg">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setTouched(true);
          if (comment.trim()) send.mutate();
        }}
      >
        <Stack>
          <Text size="sm">{r.text}</Text>
          <ErrorAlert error={send.error} title="Отчёт не возвращён" />
          <Textarea
            label="Комментарий"
            description="Что доработать: организация увидит комментарий рядом с рекомендацией"
            value={comment}
            onChange={(e) => setComment(e.currentTarget.value)}
            autosize
            minRows={3}
            withAsterisk
            error={touched && !comment.trim() ? 'Напишите, что доработать' : undefined}
            data-autofocus
          />
          <FormActions onCancel={onClose} loading={send.isPending} submitLabel="Вернуть" />
        </Stack>
      </form>
    </Modal>
  );
}
