import {
  ActionIcon,
  Alert,
  Anchor,
  Button,
  CopyButton,
  Grid,
  Group,
  List,
  Paper,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
  Title,
  Tooltip,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconCheck, IconCopy, IconExternalLink, IconWorld } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api/client.ts';
import { ErrorAlert, Loading } from '../../components/common.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { applyServerError, notifySaved } from '../../lib/forms.ts';
import type { Conclusion, Recommendation, ReportSettings } from './api.ts';
import { RuDateInput } from './recommendation-card.tsx';
import { EmbedSnippet, PublishDate } from './publication-extras.tsx';

/** «Публикация»: the letter's requisites, the introduction of the public page and the publish switch. */
export function ReportTab({ campaignId }: { campaignId: number }) {
  const query = useQuery({
    queryKey: ['report', campaignId],
    queryFn: () => api.get<ReportSettings>(`/api/campaigns/${campaignId}/report`),
  });
  if (query.isLoading) return <Loading />;
  if (query.error || !query.data)
    return <ErrorAlert error={query.error} title="Настройки отчёта недоступны" />;
  return (
    <Grid gutter="md">
      <Grid.Col span={{ base: 12, md: 7 }}>
        <RequisitesForm key={query.data.campaignId} settings={query.data} />
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 5 }}>
        <PublishPanel settings={query.data} />
      </Grid.Col>
    </Grid>
  );
}

function RequisitesForm({ settings }: { settings: ReportSettings }) {
  const client = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const form = useForm({
    initialValues: {
      letterNumber: settings.letterNumber ?? '',
      letterDate: settings.letterDate,
      signerPosition: settings.signerPosition ?? '',
      signerName: settings.signerName ?? '',
      introduction: settings.introduction ?? '',
    },
  });
  const save = useMutation({
    mutationFn: (v: typeof form.values) =>
      api.put<ReportSettings>(`/api/campaigns/${settings.campaignId}/report`, v),
    onSuccess: (saved) => {
      client.setQueryData(['report', settings.campaignId], saved);
      form.resetDirty();
      setError(null);
      notifySaved('Реквизиты сохранены');
    },
    onError: (e) => setError(applyServerError(form, e)),
  });
  return (
    <Paper withBorder p="md">
      <form onSubmit={form.onSubmit((v) => save.mutate(v))}>
        <Stack>
          <Title order={4}>Письмо с адресными рекомендациями</Title>
          <Text size="sm" c="dimmed">
            Реквизиты печатаются в письме руководителям организаций и в аналитической справке.
          </Text>
          {error && (
            <Alert color="red" role="alert">
              {error}
            </Alert>
          )}
          <Group grow align="flex-start">
            <TextInput
              label="Номер письма"
              placeholder="например, 768"
              {...form.getInputProps('letterNumber')}
            />
            <RuDateInput label="Дата письма" {...form.getInputProps('letterDate')} />
          </Group>
          <Group grow align="flex-start">
            <TextInput
              label="Должность подписывающего"
              placeholder="Начальник отдела образования"
              {...form.getInputProps('signerPosition')}
            />
            <TextInput
              label="ФИО подписывающего"
              placeholder="И.О. Фамилия"
              {...form.getInputProps('signerName')}
            />
          </Group>
          <Title order={4} mt="sm">
            Публичная страница
          </Title>
          <Textarea
            label="Вступление"
            description="Открывает публичный отчёт: о чём мониторинг, как проводился, что дальше"
            placeholder="В соответствии с программой мониторинга … проведён мониторинг системы обеспечения профессионального развития педагогических работников …"
            autosize
            minRows={5}
            {...form.getInputProps('introduction')}
          />
          <Group justify="flex-end">
            <Button type="submit" loading={save.isPending} disabled={!form.isDirty()}>
              Сохранить
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

function PublishPanel({ settings }: { settings: ReportSettings }) {
  const client = useQueryClient();
  const id = settings.campaignId;
  const conclusions = useQuery({
    queryKey: ['conclusions', id],
    queryFn: () => api.get<Conclusion[]>(`/api/campaigns/${id}/conclusions`),
  });
  const recommendations = useQuery({
    queryKey: ['recommendations', id],
    queryFn: () => api.get<Recommendation[]>(`/api/campaigns/${id}/recommendations`),
  });
  const publish = useMutation({
    mutationFn: (isPublished: boolean) =>
      api.put<ReportSettings>(`/api/campaigns/${id}/report`, { isPublished }),
    onSuccess: (saved) => {
      client.setQueryData(['report', id], saved);
      notifySaved(saved.isPublished ? 'Отчёт опубликован' : 'Публикация снята');
    },
  });
  const url = `${window.location.origin}${settings.publicUrl}`;
  const conclusionCount = conclusions.data?.length ?? 0;
  const recommendationCount = recommendations.data?.length ?? 0;
  return (
    <Paper withBorder p="md">
      <Stack>
        <Group gap="xs">
          <IconWorld size={20} color="var(--mantine-color-blue-6)" />
          <Title order={4}>Публикация отчёта</Title>
        </Group>
        <Text size="sm" c="dimmed">
          Публичный отчёт открывается без входа: значения показателей по муниципалитету и организациям,
          диаграммы, выводы и рекомендации. Персональных данных педагогов в нём нет.
        </Text>
        <List size="sm" spacing={4}>
          <List.Item>
            Выводов: <b>{conclusionCount}</b>
          </List.Item>
          <List.Item>
            Рекомендаций: <b>{recommendationCount}</b>
          </List.Item>
        </List>
        {!settings.isPublished && (conclusionCount === 0 || recommendationCount === 0) && (
          <Alert color="yellow" variant="light">
            Перед публикацией сформируйте и проверьте выводы и рекомендации на соседних вкладках.
          </Alert>
        )}
        <ErrorAlert error={publish.error} />
        <Switch
          size="md"
          label={settings.isPublished ? 'Отчёт опубликован' : 'Опубликовать отчёт'}
          description={
            settings.isPublished && settings.publishedAt
              ? `с ${formatDateTime(settings.publishedAt)}`
              : 'Страница станет доступна по ссылке всем'
          }
          checked={settings.isPublished}
          disabled={publish.isPending}
          onChange={(e) => publish.mutate(e.currentTarget.checked)}
        />
        <PublishDate settings={settings} />
        {settings.isPublished && (
          <Paper bg="blue.0" p="sm" radius="sm">
            <Text size="xs" c="dimmed" mb={4}>
              Публичная ссылка
            </Text>
            <Group gap="xs" wrap="nowrap">
              <Anchor
                href={settings.publicUrl}
                target="_blank"
                rel="noopener"
                size="sm"
                style={{ wordBreak: 'break-all' }}
                data-testid="public-link"
              >
                {url}
              </Anchor>
              <CopyButton value={url}>
                {({ copied, copy }) => (
                  <Tooltip label={copied ? 'Скопировано' : 'Скопировать ссылку'}>
                    <ActionIcon variant="subtle" onClick={copy} aria-label="Скопировать ссылку">
                      {copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
                    </ActionIcon>
                  </Tooltip>
                )}
              </CopyButton>
              <Tooltip label="Открыть в новой вкладке">
                <ActionIcon
                  component="a"
                  href={settings.publicUrl}
                  target="_blank"
                  rel="noopener"
                  variant="subtle"
                  aria-label="Открыть публичный отчёт"
                >
                  <IconExternalLink size={16} />
                </ActionIcon>
              </Tooltip>
            </Group>
          </Paper>
        )}
        {settings.isPublished && <EmbedSnippet path={settings.embedUrl} title="Итоги мониторинга" />}
      </Stack>
    </Paper>
  );
}
