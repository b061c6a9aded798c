import { ActionIcon, Code, Group, Paper, Stack, Text, Tooltip } from '@mantine/core';
import { CopyButton } from '@mantine/core';
import { IconCheck, IconCopy } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { formatRuDate } from '../../../../core/dates.ts';
import { api } from '../../api/client.ts';
import { ErrorAlert } from '../../components/common.tsx';
import { notifySaved } from '../../lib/forms.ts';
import type { ReportSettings } from './api.ts';
import { RuDateInput } from './recommendation-card.tsx';

/** The day from which the published report is public (empty: at once when published). */
export function PublishDate({ settings }: { settings: ReportSettings }) {
  const client = useQueryClient();
  const save = useMutation({
    mutationFn: (publishOn: string | null) =>
      api.put<ReportSettings>(`/api/campaigns/${settings.campaignId}/report`, { publishOn }),
    onSuccess: (saved) => {
      client.setQueryData(['report', settings.campaignId], saved);
      notifySaved(
        saved.publishOn ? `Отчёт откроется ${formatRuDate(saved.publishOn)}` : 'Отчёт открыт сразу',
      );
    },
  });
  return (
    <Stack gap={4}>
      <RuDateInput
        label="Дата публикации"
        description="С этого дня опубликованный отчёт виден всем; пусто — сразу после публикации"
        value={settings.publishOn}
        disabled={save.isPending}
        onChange={(v) => save.mutate(v || null)}
        w={260}
      />
      <ErrorAlert error={save.error} />
    </Stack>
  );
}

/** What an embeddable block tells the page framing it: its height, in pixels. */
export const EMBED_HEIGHT_MESSAGE = 'pedmonitor:embed-height';

/**
 * The code a school or the department puts on its site: the iframe of the block, and a line of script that
 * sets the frame's height to the block's (the block posts it; only messages of this server's origin count,
 * and only for the frame that sent them). Without the script the frame stays 420 pixels high.
 */
export function EmbedSnippet({ path, title }: { path: string; title: string }) {
  const origin = window.location.origin;
  const src = `${origin}${path}`;
  const code =
    `<iframe src="${src}" title="${title.replace(/"/g, '&quot;')}" width="100%" height="420" style="border:0" loading="lazy" data-pedmonitor-embed></iframe>\n` +
    `<script>window.addEventListener("message",function(e){if(e.origin!==${JSON.stringify(origin)}||!e.data||e.data.type!==${JSON.stringify(EMBED_HEIGHT_MESSAGE)})return;document.querySelectorAll("iframe[data-pedmonitor-embed]").forEach(function(f){if(f.contentWindow===e.source)f.style.height=e.data.height+"px"})});</script>`;
  return (
    <Paper bg="gray.0" p="sm" radius="sm">
      <Group justify="space-between" wrap="nowrap" mb={4}>
        <Text size="xs" c="dimmed">
          Код для вставки на сайт (iframe; скрипт подгоняет высоту блока)
        </Text>
        <CopyButton value={code}>
          {({ copied, copy }) => (
            <Tooltip label={copied ? 'Скопировано' : 'Скопировать код'}>
              <ActionIcon variant="subtle" onClick={copy} aria-label="Скопировать код для вставки">
                {copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
              </ActionIcon>
            </Tooltip>
          )}
        </CopyButton>
      </Group>
      <Code block data-testid="embed-code" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
        {code}
      </Code>
    </Paper>
  );
}
