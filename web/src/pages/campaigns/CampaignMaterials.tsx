import { Anchor, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconCalendarDue, IconFileText, IconPaperclip } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { formatRuDate } from '../../../../core/dates.ts';
import { api } from '../../api/client.ts';
import type { CampaignMaterials } from './api.ts';
import { sizeOf } from './CommunicationsTab.tsx';

/** The campaign's materials, one query for the form page: its due dates by field and the panel below. */
export function useCampaignMaterials(campaignId: number) {
  const query = useQuery({
    queryKey: ['campaign-materials', campaignId],
    queryFn: () => api.get<CampaignMaterials>(`/api/campaigns/${campaignId}/materials`),
    // A school outside the campaign's participants is refused: the form then shows no materials.
    retry: false,
  });
  const dueOf = (fieldCode: string) => query.data?.fieldDueDates.find((d) => d.fieldCode === fieldCode);
  return { materials: query.data, dueOf };
}

/**
 * Beside the form: the letter the department sent, its instructions in paragraphs, the files to download
 * and the fields' collection due dates.
 */
export function CampaignMaterialsPanel({
  materials,
  organizationId,
}: {
  materials: CampaignMaterials | undefined;
  organizationId: number;
}) {
  if (!materials) return null;
  const { paragraphs, files, announcement, fieldDueDates } = materials;
  if (!paragraphs.length && !files.length && !announcement && !fieldDueDates.length) return null;
  return (
    <Paper withBorder p="md" data-testid="campaign-materials">
      <Stack gap="xs">
        <Title order={3} fz="md">
          Инструкция и материалы
        </Title>
        {announcement && announcement.organizationId === organizationId && (
          <Group gap={6} wrap="nowrap">
            <IconFileText size={16} color="gray" />
            <Anchor
              size="sm"
              href={`/api/campaigns/${materials.campaignId}/organizations/${organizationId}/announcement`}
            >
              Информационное письмо (DOCX)
            </Anchor>
            <Text size="xs" c="dimmed">
              разослано {formatRuDate(announcement.sentAt.slice(0, 10))}
            </Text>
          </Group>
        )}
        {paragraphs.map((p, i) => (
          <Text key={i} size="sm" style={{ whiteSpace: 'pre-line' }}>
            {p}
          </Text>
        ))}
        {files.map((f) => (
          <Group key={f.id} gap={6} wrap="nowrap">
            <IconPaperclip size={14} color="gray" />
            <Anchor size="sm" href={`/api/campaigns/${materials.campaignId}/files/${f.id}`} download={f.name}>
              {f.name}
            </Anchor>
            <Text size="xs" c="dimmed">
              {sizeOf(f.size)}
            </Text>
          </Group>
        ))}
        {fieldDueDates.length > 0 && (
          <Stack gap={2}>
            <Text size="sm" fw={500}>
              Сроки сбора
            </Text>
            {fieldDueDates.map((d) => (
              <Group key={d.fieldCode} gap={6} wrap="nowrap" align="flex-start">
                <IconCalendarDue size={14} color="gray" style={{ marginTop: 3 }} />
                <Text size="sm">
                  {d.fieldLabel} — {d.label}
                </Text>
              </Group>
            ))}
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}
