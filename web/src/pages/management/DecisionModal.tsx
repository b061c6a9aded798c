import {
  Checkbox,
  ActionIcon,
  Button,
  FileButton,
  Group,
  Modal,
  MultiSelect,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { IconPaperclip, IconX } from '@tabler/icons-react';
import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api/client.ts';
import type { Municipality } from '../../api/types.ts';
import { ErrorAlert } from '../../components/common.tsx';
import { notifySaved } from '../../lib/forms.ts';
import type { Conclusion } from '../analysis/api.ts';
import { RuDateInput } from '../analysis/recommendation-card.tsx';
import type { CampaignSummary } from '../campaigns/api.ts';
import { DECISION_KIND, type Decision, type Roadmap, type RoadmapView } from './api.ts';
import { FormActions } from '../../components/FormActions.tsx';

type OptionGroup = { group: string; items: { value: string; label: string }[] };

function grouped<T>(rows: T[], group: (row: T) => string, option: (row: T) => OptionGroup['items'][number]) {
  const groups: OptionGroup[] = [];
  for (const row of rows) {
    const name = group(row);
    let found = groups.find((g) => g.group === name);
    if (!found) groups.push((found = { group: name, items: [] }));
    found.items.push(option(row));
  }
  return groups;
}

const shorten = (text: string, max = 110) =>
  text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;

const measureGroupName = (m: { roadmapTitle: string; section: string }) => `${m.roadmapTitle} · ${m.section}`;
const measureOption = (m: { id: number; number: string; title: string }) => ({
  value: String(m.id),
  label: shorten(`${m.number}. ${m.title}`),
});
const conclusionOption = (c: { id: number; text: string }) => ({
  value: String(c.id),
  label: shorten(c.text),
});

/**
 * The measures of the municipality's roadmaps, grouped by roadmap and section, and the conclusions of its
 * campaigns, grouped by campaign, newest first: what a decision may answer.
 */
function useLinkOptions(municipalityId: number | undefined) {
  const roadmaps = useQuery({
    queryKey: ['roadmaps'],
    queryFn: () => api.get<Roadmap[]>('/api/roadmaps'),
    enabled: Boolean(municipalityId),
  });
  const campaigns = useQuery({
    queryKey: ['campaigns'],
    queryFn: () => api.get<CampaignSummary[]>('/api/campaigns'),
    enabled: Boolean(municipalityId),
  });
  const ownRoadmaps = (roadmaps.data ?? []).filter((r) => r.municipalityId === municipalityId);
  const ownCampaigns = (campaigns.data ?? [])
    .filter((c) => c.municipalityId === municipalityId)
    .sort((a, b) => b.year - a.year || b.id - a.id);
  const roadmapViews = useQueries({
    queries: ownRoadmaps.map((r) => ({
      queryKey: ['roadmap', r.id],
      queryFn: () => api.get<RoadmapView>(`/api/roadmaps/${r.id}`),
    })),
  });
  const conclusionLists = useQueries({
    queries: ownCampaigns.map((c) => ({
      queryKey: ['conclusions', c.id],
      queryFn: () => api.get<Conclusion[]>(`/api/campaigns/${c.id}/conclusions`),
    })),
  });
  const measureGroups = grouped(
    roadmapViews.flatMap((q) =>
      q.data ? q.data.measures.map((m) => ({ ...m, roadmapTitle: q.data.title })) : [],
    ),
    measureGroupName,
    measureOption,
  );
  const conclusionGroups = grouped(
    ownCampaigns.flatMap((c, i) =>
      (conclusionLists[i]?.data ?? []).map((x) => ({ ...x, campaignTitle: c.title })),
    ),
    (x) => x.campaignTitle,
    conclusionOption,
  );
  const loading =
    roadmaps.isLoading ||
    campaigns.isLoading ||
    roadmapViews.some((q) => q.isLoading) ||
    conclusionLists.some((q) => q.isLoading);
  const error =
    roadmaps.error ??
    campaigns.error ??
    roadmapViews.find((q) => q.error)?.error ??
    conclusionLists.find((q) => q.error)?.error ??
    null;
  return { measureGroups, conclusionGroups, loading, error };
}

/**
 * Adds a decision or edits one: kind, number, date, title, publication link, the attached document, and the
 * measures and conclusions it answers. An edit carries the version it was opened with, so a decision changed
 * meanwhile by someone else is refused with the server's message instead of overwritten.
 */
export function DecisionModal({
  decision,
  initialMeasures = [],
  onClose,
}: {
  decision?: Decision;
  /** The measures a new decision starts linked to (added from the measure's page). */
  initialMeasures?: Decision['measures'];
  onClose(): void;
}) {
  const client = useQueryClient();
  const municipalities = useQuery({
    queryKey: ['municipalities'],
    queryFn: () => api.get<Municipality[]>('/api/municipalities'),
    enabled: !decision,
  });
  const [chosenMunicipality, setChosenMunicipality] = useState<number | null>(null);
  const municipalityId = decision?.municipalityId ?? chosenMunicipality ?? municipalities.data?.[0]?.id;
  const options = useLinkOptions(municipalityId);
  const [kind, setKind] = useState<Decision['kind']>(decision?.kind ?? 'order');
  const [number, setNumber] = useState(decision?.number ?? '');
  const [date, setDate] = useState(decision?.date ?? '');
  const [title, setTitle] = useState(decision?.title ?? '');
  const [url, setUrl] = useState(decision?.url ?? '');
  const [keptFile, setKeptFile] = useState(decision?.file ?? null);
  const [file, setFile] = useState<File | null>(null);
  const [measureIds, setMeasureIds] = useState(
    (decision?.measures ?? initialMeasures).map((m) => String(m.id)),
  );
  // Links to measures or conclusions deleted since are dropped on save: the server refuses ids it cannot find.
  const [conclusionIds, setConclusionIds] = useState((decision?.conclusions ?? []).map((c) => String(c.id)));
  const [isPublic, setIsPublic] = useState(decision?.isPublic ?? false);
  const save = useMutation({
    mutationFn: async () => {
      let fileId = keptFile?.id ?? null;
      if (file) {
        const body = new FormData();
        body.append('file', file);
        fileId = (await api.post<{ id: number }>(`/api/files?municipalityId=${municipalityId}`, body)).id;
      }
      const values = {
        kind,
        number,
        date,
        title,
        url: url || null,
        fileId,
        measureIds: measureIds.map(Number),
        conclusionIds: conclusionIds.map(Number),
        isPublic,
      };
      return decision
        ? api.patch(`/api/decisions/${decision.id}`, { ...values, version: decision.version })
        : api.post('/api/decisions', { ...values, municipalityId });
    },
    onSuccess: () => {
      client.invalidateQueries({ queryKey: ['decisions'] });
      notifySaved(decision ? 'Решение сохранено' : 'Решение добавлено');
      onClose();
    },
  });
  return (
    <Modal
      opened
      onClose={onClose}
      title={decision ? 'Изменить управленческое решение' : 'Новое управленческое решение'}
      size="xl"
    >
      <Stack>
        <ErrorAlert error={save.error ?? options.error} />
        {!decision && (municipalities.data?.length ?? 0) > 1 && (
          <Select
            label="Муниципалитет"
            data={municipalities.data!.map((m) => ({ value: String(m.id), label: m.name }))}
            value={municipalityId ? String(municipalityId) : null}
            onChange={(v) => {
              if (!v) return;
              setChosenMunicipality(Number(v));
              setMeasureIds([]);
              setConclusionIds([]);
            }}
            allowDeselect={false}
          />
        )}
        <SimpleGrid cols={{ base: 1, xs: 3 }}>
          <Select
            label="Вид"
            data={Object.entries(DECISION_KIND).map(([value, label]) => ({ value, label }))}
            value={kind}
            onChange={(v) => v && setKind(v as Decision['kind'])}
            allowDeselect={false}
          />
          <TextInput label="Номер" value={number} onChange={(e) => setNumber(e.currentTarget.value)} />
          <RuDateInput label="Дата" required value={date || null} onChange={(v) => setDate(v ?? '')} />
        </SimpleGrid>
        <Textarea
          label="Название"
          required
          autosize
          minRows={2}
          value={title}
          onChange={(e) => setTitle(e.currentTarget.value)}
        />
        <TextInput
          label="Ссылка на публикацию"
          placeholder="https://"
          value={url}
          onChange={(e) => setUrl(e.currentTarget.value)}
        />
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            Документ
          </Text>
          <Group gap="xs">
            {file || keptFile ? (
              <>
                <IconPaperclip size={16} />
                <Text size="sm">{file?.name ?? keptFile?.name}</Text>
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  aria-label="Открепить документ"
                  onClick={() => {
                    setFile(null);
                    setKeptFile(null);
                  }}
                >
                  <IconX size={14} />
                </ActionIcon>
              </>
            ) : (
              <Text size="sm" c="dimmed">
                не прикреплён
              </Text>
            )}
            <FileButton onChange={setFile} accept=".pdf,.doc,.docx,.odt,.jpg,.jpeg,.png,.txt,.zip">
              {(props) => (
                <Button variant="default" size="xs" {...props}>
                  {file || keptFile ? 'Заменить' : 'Прикрепить документ'}
                </Button>
              )}
            </FileButton>
          </Group>
        </Stack>
        <MultiSelect
          label="Мероприятия дорожных карт, по которым принято решение"
          placeholder={options.loading ? 'Загрузка мероприятий…' : 'Выберите мероприятия'}
          nothingFoundMessage="Ничего не найдено"
          // Until the lists arrive, the decision's own links name its pills.
          data={
            options.loading
              ? grouped(decision?.measures ?? initialMeasures, measureGroupName, measureOption)
              : options.measureGroups
          }
          value={measureIds}
          onChange={setMeasureIds}
          searchable
          clearable
          maxDropdownHeight={320}
          description={
            !options.loading && !options.measureGroups.length
              ? 'В муниципалитете нет дорожных карт.'
              : undefined
          }
        />
        <MultiSelect
          label="Выводы по итогам мониторинга, на которые отвечает решение"
          placeholder={options.loading ? 'Загрузка выводов…' : 'Выберите выводы'}
          nothingFoundMessage="Ничего не найдено"
          data={
            options.loading
              ? grouped(decision?.conclusions ?? [], (c) => c.campaignTitle, conclusionOption)
              : options.conclusionGroups
          }
          value={conclusionIds}
          onChange={setConclusionIds}
          searchable
          clearable
          maxDropdownHeight={320}
          description={
            !options.loading && !options.conclusionGroups.length
              ? 'Выводы ещё не сформированы ни по одному мониторингу.'
              : undefined
          }
        />
        <Checkbox
          label="Показывать в публичном отчёте"
          description="В опубликованном отчёте мониторинга, на выводы которого отвечает решение"
          checked={isPublic}
          onChange={(e) => setIsPublic(e.currentTarget.checked)}
        />
        <FormActions
          onCancel={onClose}
          onSubmit={() => save.mutate()}
          loading={save.isPending}
          disabled={!municipalityId || !date || title.trim().length < 3}
        />
      </Stack>
    </Modal>
  );
}
