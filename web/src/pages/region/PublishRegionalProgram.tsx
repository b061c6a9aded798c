import { Button, FileButton, Group, Modal, Select, Stack, Text } from '@mantine/core';
import { IconUpload } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import {
  PROGRAM_FILE_FORMAT,
  PROGRAM_FILE_VERSION,
  templateToDefinition,
} from '../../../../core/programs/program-file.ts';
import { api } from '../../api/client.ts';
import { ErrorAlert } from '../../components/common.tsx';
import { notifySaved } from '../../lib/forms.ts';
import type { TemplateSummary } from '../programs/api.ts';

/**
 * «Опубликовать программу»: the region publishes a program for its municipalities — from one of the seed
 * templates or from a program file (exported from a municipality or another region). A publication of an
 * existing title is its next version.
 */
export function PublishRegionalProgram({
  regionId,
  onClose,
}: {
  regionId: number;
  onClose(published: { id: number }): void;
}) {
  const client = useQueryClient();
  const [templateCode, setTemplateCode] = useState<string | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const templates = useQuery({
    queryKey: ['program-templates'],
    queryFn: () => api.get<TemplateSummary[]>('/api/program-templates'),
  });
  const publish = useMutation({
    mutationFn: async () => {
      let content: string;
      if (file) content = await file.text();
      else {
        const { findTemplate } = await import('../../../../core/templates/index.ts');
        const template = findTemplate(templateCode!);
        if (!template) throw new Error('Шаблон не найден.');
        content = JSON.stringify({
          format: PROGRAM_FILE_FORMAT,
          formatVersion: PROGRAM_FILE_VERSION,
          exportedAt: new Date().toISOString().slice(0, 10),
          exportedBy: 'Региональный координатор',
          program: templateToDefinition(template),
        });
      }
      return api.post<{ id: number; title: string; programVersion: number }>(
        `/api/regions/${regionId}/regional-programs`,
        { content },
      );
    },
    onSuccess: (published) => {
      client.invalidateQueries({ queryKey: ['regional-programs'] });
      notifySaved(`Опубликована программа «${published.title}» (версия ${published.programVersion})`);
      onClose(published);
    },
  });
  return (
    <Modal opened onClose={() => onClose({ id: 0 })} title="Опубликовать региональную программу" size="lg">
      <Stack>
        <Text size="sm" c="dimmed">
          Муниципалитеты региона увидят программу в своём списке программ и примут её как программу своего
          мониторинга: показатели региона они не меняют, но могут добавить свои.
        </Text>
        <Select
          label="Шаблон программы"
          placeholder="Выберите шаблон"
          data={(templates.data ?? []).map((t) => ({ value: t.code, label: t.title }))}
          value={templateCode}
          onChange={(v) => {
            setTemplateCode(v);
            setFile(null);
          }}
          searchable
          clearable
        />
        <Group gap="xs">
          <Text size="sm">или файл программы (JSON):</Text>
          <FileButton
            onChange={(f) => {
              setFile(f);
              if (f) setTemplateCode(null);
            }}
            accept=".json,application/json"
          >
            {(props) => (
              <Button {...props} variant="default" size="xs" leftSection={<IconUpload size={14} />}>
                {file ? file.name : 'Выбрать файл'}
              </Button>
            )}
          </FileButton>
        </Group>
        <ErrorAlert error={publish.error} title="Программа не опубликована" />
        <Group justify="flex-end">
          <Button
            onClick={() => publish.mutate()}
            loading={publish.isPending}
            disabled={!templateCode && !file}
          >
            Опубликовать
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
