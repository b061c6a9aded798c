import { Box, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { ErrorAlert, Loading } from '../../components/common.tsx';
import type { LetterContent } from './api.ts';

/**
 * The text of a letter as the Word document prints it, read in the browser: the letter to one organization
 * (`organizationId`) or the general letter «Руководителям ОО» (without it).
 */
export function LetterPreview({
  campaignId,
  organizationId,
}: {
  campaignId: number;
  organizationId?: number;
}) {
  const query = useQuery({
    queryKey: ['letter-content', campaignId, organizationId ?? null],
    queryFn: () =>
      api.get<LetterContent>(
        `/api/campaigns/${campaignId}/letter-content${organizationId ? `?organizationId=${organizationId}` : ''}`,
      ),
    // Read afresh each time it is opened: conclusions and recommendations change on the neighbouring tabs.
    staleTime: 0,
  });
  if (query.isLoading) return <Loading />;
  if (query.error || !query.data) return <ErrorAlert error={query.error} title="Текст письма недоступен" />;
  const letter = query.data;
  return (
    <Paper
      withBorder
      p="lg"
      component="article"
      aria-label={organizationId ? 'Текст письма организации' : 'Текст общего письма'}
      style={{ fontFamily: '"Times New Roman", serif' }}
    >
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="nowrap" gap="lg">
          <Box style={{ flex: '0 1 55%' }}>
            <Text size="xs" fw={700} ta="center">
              {letter.letterhead.departmentName.toUpperCase()}
            </Text>
            <Text size="xs" mt={6}>
              {letter.registration}
            </Text>
          </Box>
          <Box style={{ flex: '0 1 40%' }} aria-label="Адресат">
            {letter.addressee.map((line, i) => (
              <Text key={line} fw={i === 0 ? 700 : undefined}>
                {line}
              </Text>
            ))}
          </Box>
        </Group>
        <Title order={4} fw={700}>
          {letter.title}
        </Title>
        {letter.blocks.map((b, i) => {
          const key = `${i}-${b.kind}`;
          if (b.kind === 'heading')
            return (
              <Text key={key} fw={700} mt="xs">
                {`${b.text}:`}
              </Text>
            );
          if (b.kind === 'paragraph')
            return (
              <Text key={key} style={{ textIndent: '1.25cm' }} ta="justify">
                {b.text}
              </Text>
            );
          if (b.kind === 'bullet')
            return (
              <List key={key} pl="md">
                <List.Item>{b.text}</List.Item>
              </List>
            );
          return (
            <Text key={key} pl="md" ta="justify">
              {`${b.number}. ${b.text}`}
              {b.details ? (
                <Text span c="dimmed">
                  {` ${b.details}`}
                </Text>
              ) : null}
            </Text>
          );
        })}
        <Text style={{ textIndent: '1.25cm' }} ta="justify" mt="xs">
          {letter.closing}
        </Text>
        <Group justify="space-between" mt="md" aria-label="Подпись">
          <Text style={{ whiteSpace: 'pre-line' }}>{letter.signer.position}</Text>
          <Text>{letter.signer.name}</Text>
        </Group>
        <Text size="xs" c="dimmed" style={{ whiteSpace: 'pre-line' }}>
          {letter.executor.join('\n')}
        </Text>
      </Stack>
    </Paper>
  );
}
