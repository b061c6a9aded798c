import {
  Alert,
  Badge,
  Button,
  Group,
  Paper,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  ThemeIcon,
  Title,
} from '@mantine/core';
import {
  IconAlertTriangle,
  IconDownload,
  IconFileSpreadsheet,
  IconFileText,
  IconFileZip,
  IconMail,
  IconMailForward,
} from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { formatRuDate } from '../../../../core/dates.ts';
import { api } from '../../api/client.ts';
import { ErrorAlert, Loading } from '../../components/common.tsx';
import type { DocumentCatalog, DocumentKind } from './api.ts';
import { DocumentJob } from './DocumentJob.tsx';
import { LetterPreview } from './LetterPreview.tsx';

const ICON: Record<DocumentKind, ReactNode> = {
  report: <IconFileText size={22} />,
  letters: <IconMail size={22} />,
  'general-letter': <IconMailForward size={22} />,
  'stat-forms': <IconFileSpreadsheet size={22} />,
  archive: <IconFileZip size={22} />,
};
const COLOR: Record<DocumentKind, string> = {
  report: 'blue',
  letters: 'grape',
  'general-letter': 'violet',
  'stat-forms': 'teal',
  archive: 'gray',
};

/** Documents of a campaign (справка, письма, статистические формы, архив): a tab of the campaign page. */
export function DocumentsTab({ campaignId }: { campaignId: number }) {
  const query = useQuery({
    queryKey: ['documents', campaignId],
    queryFn: () => api.get<DocumentCatalog>(`/api/campaigns/${campaignId}/documents`),
  });
  if (query.isLoading) return <Loading />;
  if (query.error || !query.data) return <ErrorAlert error={query.error} title="Документы недоступны" />;
  const catalog = query.data;
  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        Документы составляются по рассчитанным значениям мониторинга
        {catalog.isFrozen ? ' (замороженным при закрытии)' : ''}, выводам и рекомендациям с соседних вкладок —
        ничего не нужно переносить вручную. Письма подписываются реквизитами вкладки «Публикация»
        {catalog.letterNumber && catalog.letterDate
          ? `: № ${catalog.letterNumber} от ${formatRuDate(catalog.letterDate)}`
          : ''}
        .
      </Text>
      {catalog.warnings.map((w) => (
        <Alert key={w} color="yellow" variant="light" icon={<IconAlertTriangle size={18} />}>
          {w}
        </Alert>
      ))}
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
        {catalog.documents.map((d) => (
          <Paper key={d.kind} withBorder p="md" radius="md" component="section" aria-label={d.title}>
            <Stack gap="sm" h="100%">
              <Group gap="sm" wrap="nowrap" align="flex-start">
                <ThemeIcon size={40} radius="md" variant="light" color={COLOR[d.kind]}>
                  {ICON[d.kind]}
                </ThemeIcon>
                <div style={{ flex: 1, minWidth: 0 }}>
                  <Group gap="xs">
                    <Title order={4} fw={600}>
                      {d.title}
                    </Title>
                    <Badge variant="outline" color="gray" size="sm">
                      {d.format}
                    </Badge>
                  </Group>
                  <Text size="sm" c="dimmed" mt={4}>
                    {d.description}
                  </Text>
                </div>
              </Group>
              <div style={{ marginTop: 'auto' }}>
                {d.kind === 'letters' ? (
                  <LettersControls catalog={catalog} />
                ) : d.kind === 'general-letter' ? (
                  <GeneralLetterControls campaignId={campaignId} />
                ) : (
                  <DocumentJob campaignId={campaignId} kind={d.kind} />
                )}
              </div>
            </Stack>
          </Paper>
        ))}
      </SimpleGrid>
    </Stack>
  );
}

/** The general letter «Руководителям ОО»: its text on the page, and the Word document. */
function GeneralLetterControls({ campaignId }: { campaignId: number }) {
  const [shown, setShown] = useState(false);
  return (
    <Stack gap="xs">
      <Group gap="sm">
        <Button
          component="a"
          href={`/api/campaigns/${campaignId}/documents/general-letter`}
          leftSection={<IconDownload size={16} />}
          variant="light"
          color="violet"
        >
          Скачать общее письмо
        </Button>
        <Button variant="subtle" color="violet" onClick={() => setShown((v) => !v)} aria-expanded={shown}>
          {shown ? 'Скрыть текст' : 'Показать текст общего письма'}
        </Button>
      </Group>
      {shown && <LetterPreview campaignId={campaignId} />}
    </Stack>
  );
}

/** The letter to all organizations (a job with progress) or to one (its text on the page, or the file). */
function LettersControls({ catalog }: { catalog: DocumentCatalog }) {
  const [mode, setMode] = useState<'all' | 'one'>('all');
  const [organizationId, setOrganizationId] = useState<string | null>(null);
  const [shown, setShown] = useState(false);
  if (!catalog.addressees.length)
    return (
      <Text size="sm" c="dimmed">
        Организациям ещё не адресовано ни одной рекомендации — сформируйте их на вкладке «Рекомендации».
      </Text>
    );
  return (
    <Stack gap="xs">
      <SegmentedControl
        value={mode}
        onChange={(v) => setMode(v as 'all' | 'one')}
        data={[
          { value: 'all', label: `Всем (${catalog.addressees.length})` },
          { value: 'one', label: 'Одной организации' },
        ]}
        aria-label="Кому письмо"
      />
      {mode === 'all' ? (
        <DocumentJob campaignId={catalog.campaignId} kind="letters" label="Сформировать письма" />
      ) : (
        <Stack gap="xs">
          <Group gap="sm" align="flex-end">
            <Select
              label="Организация"
              placeholder="Выберите организацию"
              searchable
              nothingFoundMessage="Нет такой организации среди адресатов"
              data={catalog.addressees.map((a) => ({
                value: String(a.id),
                label: `${a.name} (рекомендаций: ${a.recommendations})`,
              }))}
              value={organizationId}
              onChange={setOrganizationId}
              style={{ flex: 1, minWidth: 220 }}
            />
            <Button
              component="a"
              href={
                organizationId
                  ? `/api/campaigns/${catalog.campaignId}/documents/letters?organizationId=${organizationId}`
                  : undefined
              }
              leftSection={<IconDownload size={16} />}
              disabled={!organizationId}
              variant="light"
            >
              Скачать письмо
            </Button>
            <Button
              variant="subtle"
              disabled={!organizationId}
              onClick={() => setShown((v) => !v)}
              aria-expanded={shown}
            >
              {shown ? 'Скрыть текст' : 'Показать текст'}
            </Button>
          </Group>
          {shown && organizationId && (
            <LetterPreview campaignId={catalog.campaignId} organizationId={Number(organizationId)} />
          )}
        </Stack>
      )}
    </Stack>
  );
}
