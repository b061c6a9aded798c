import {
  Alert,
  Badge,
  Button,
  Group,
  Modal,
  NumberInput,
  SegmentedControl,
  Stack,
  Table,
  Text,
  Textarea,
  Tooltip,
  UnstyledButton,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api/client.ts';
import { useAuth } from '../../auth/auth.tsx';
import { ErrorAlert, Loading, PageHeader } from '../../components/common.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { notifySaved } from '../../lib/forms.ts';
import type {
  MukoKey,
  RegionalMukoMunicipality,
  RegionalMukoTable,
} from '../../../../core/management/muko.ts';

/** «Оценка МУКО»: the regional coordinator scores each municipality's elements beside its self-assessment. */
export function MukoEvaluationPage() {
  const { me } = useAuth();
  const regionId = me?.roles.find((g) => g.role === 'regional_coordinator' && g.regionId)?.regionId ?? null;
  const [year, setYear] = useState(new Date().getFullYear());
  const [editing, setEditing] = useState<{ municipality: RegionalMukoMunicipality; key: MukoKey } | null>(
    null,
  );
  const query = useQuery({
    queryKey: ['regional-muko', regionId, year],
    queryFn: () => api.get<RegionalMukoTable>(`/api/regions/${regionId}/muko?year=${year}`),
    enabled: regionId !== null,
  });
  if (regionId === null)
    return <Alert color="yellow">Оценку МУКО муниципалитетов ведёт региональный координатор.</Alert>;
  const data = query.data;
  return (
    <>
      <PageHeader
        title="Оценка МУКО муниципалитетов"
        subtitle="Балл региона (1 или 0) по каждому элементу управленческого цикла рядом с самооценкой муниципалитета"
        actions={
          <>
            <NumberInput
              aria-label="Год"
              w={110}
              min={2000}
              max={2100}
              value={year}
              onChange={(v) => typeof v === 'number' && setYear(v)}
            />
            <Button component="a" variant="light" href={`/api/regions/${regionId}/muko.xlsx?year=${year}`}>
              XLSX
            </Button>
            <Button component="a" variant="light" href={`/api/regions/${regionId}/muko.docx?year=${year}`}>
              DOCX
            </Button>
          </>
        }
      />
      {query.isLoading ? (
        <Loading />
      ) : !data ? (
        <ErrorAlert error={query.error} title="Оценка недоступна" />
      ) : (
        <Table.ScrollContainer minWidth={900}>
          <Table withTableBorder withColumnBorders data-testid="regional-muko">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Муниципалитет</Table.Th>
                {data.elements.map((e) => (
                  <Table.Th key={e.key} ta="center">
                    <Tooltip label={e.criterion} multiline w={260}>
                      <span>{e.title}</span>
                    </Tooltip>
                  </Table.Th>
                ))}
                <Table.Th ta="center">Итого</Table.Th>
                <Table.Th ta="center">Самооценка</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.municipalities.map((m) => (
                <Table.Tr key={m.id}>
                  <Table.Td>{m.name}</Table.Td>
                  {data.elements.map((e) => {
                    const own = m.region.scores[e.key];
                    const self = m.self.rows.find((r) => r.key === e.key);
                    return (
                      <Table.Td key={e.key} ta="center">
                        <UnstyledButton
                          onClick={() => setEditing({ municipality: m, key: e.key })}
                          aria-label={`${m.name}: ${e.title}`}
                        >
                          <Stack gap={2} align="center">
                            <Badge
                              variant={own ? 'filled' : 'outline'}
                              color={own?.score ? 'green' : own ? 'red' : 'gray'}
                            >
                              {own ? own.score : '—'}
                            </Badge>
                            <Text size="xs" c="dimmed">
                              само: {self?.score ?? '—'}
                            </Text>
                          </Stack>
                        </UnstyledButton>
                      </Table.Td>
                    );
                  })}
                  <Table.Td ta="center" fw={700}>
                    {m.region.total} из {data.elements.length}
                  </Table.Td>
                  <Table.Td ta="center">
                    {m.self.total} из {data.elements.length}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {editing && data && (
        <ScoreModal
          regionId={regionId}
          year={year}
          table={data}
          municipality={editing.municipality}
          elementKey={editing.key}
          onClose={() => setEditing(null)}
        />
      )}
    </>
  );
}

function ScoreModal(props: {
  regionId: number;
  year: number;
  table: RegionalMukoTable;
  municipality: RegionalMukoMunicipality;
  elementKey: MukoKey;
  onClose(): void;
}) {
  const { municipality, elementKey } = props;
  const client = useQueryClient();
  const element = props.table.elements.find((e) => e.key === elementKey)!;
  const current = municipality.region.scores[elementKey];
  const self = municipality.self.rows.find((r) => r.key === elementKey);
  const [score, setScore] = useState(String(current?.score ?? self?.score ?? 0));
  const [links, setLinks] = useState((current?.evidence ?? []).join('\n'));
  const [comment, setComment] = useState(current?.comment ?? '');
  const save = useMutation({
    mutationFn: () =>
      api.post(`/api/regions/${props.regionId}/muko/scores`, {
        municipalityId: municipality.id,
        year: props.year,
        elementKey,
        score: Number(score),
        evidence: links
          .split('\n')
          .map((l) => l.trim())
          .filter(Boolean),
        comment,
        version: current?.version ?? 0,
      }),
    onSuccess: () => {
      client.invalidateQueries({ queryKey: ['regional-muko', props.regionId, props.year] });
      notifySaved('Оценка сохранена');
      props.onClose();
    },
  });
  return (
    <Modal opened onClose={props.onClose} size="lg" title={`${municipality.name}: ${element.title}`}>
      <Stack>
        <Text size="sm">{element.criterion}</Text>
        <Alert color="gray" title={`Самооценка муниципалитета: ${self?.score ?? '—'}`}>
          {self?.basis ?? 'Самооценка недоступна'}
        </Alert>
        <SegmentedControl
          value={score}
          onChange={setScore}
          data={[
            { value: '1', label: '1 — подтверждено' },
            { value: '0', label: '0 — не подтверждено' },
          ]}
        />
        <Textarea
          label="Подтверждения"
          description="До пяти ссылок, каждая с новой строки (http:// или https://)"
          autosize
          minRows={2}
          value={links}
          onChange={(e) => setLinks(e.currentTarget.value)}
        />
        <Textarea
          label="Комментарий"
          autosize
          minRows={2}
          value={comment}
          onChange={(e) => setComment(e.currentTarget.value)}
        />
        {current && (
          <Text size="xs" c="dimmed">
            Оценил(а) {current.userName ?? '—'}, {formatDateTime(current.updatedAt)}
          </Text>
        )}
        <ErrorAlert error={save.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onClose}>
            Отмена
          </Button>
          <Button loading={save.isPending} onClick={() => save.mutate()}>
            Сохранить
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
