import { Anchor, Button, Group, MultiSelect, Paper, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { actKind } from '../../../../core/enums.ts';
import { formatRuDate } from '../../../../core/dates.ts';
import { api, withParams } from '../../api/client.ts';
import { ErrorAlert } from '../../components/common.tsx';
import { notifySaved } from '../../lib/forms.ts';
import type { NormativeAct } from '../registers/api.ts';
import type { ProgramTree } from './api.ts';

const describe = (a: Pick<NormativeAct, 'kind' | 'number' | 'date' | 'title'>) =>
  `${actKind.label[a.kind]} № ${a.number} от ${formatRuDate(a.date)} «${a.title}»`;

/**
 * The acts that approve the program (Положение о мониторинге / о МСОКО / о ВСОКО, концепция, модель,
 * приказ): the department picks them from the municipality's acts; each act's card names the program back.
 */
export function ApprovingActs({ program, canEdit }: { program: ProgramTree; canEdit: boolean }) {
  const client = useQueryClient();
  const [chosen, setChosen] = useState<string[] | null>(null);
  const url = withParams('/api/normative-acts', {
    municipalityId: program.municipalityId,
    level: 'municipal',
    pageSize: 1000,
  });
  const acts = useQuery({
    queryKey: ['normative-acts', url],
    queryFn: () => api.get<NormativeAct[]>(url),
    enabled: canEdit && chosen !== null,
  });
  const save = useMutation({
    mutationFn: (ids: number[]) =>
      api.put(`/api/programs/${program.id}/normative-acts`, { normativeActIds: ids }),
    onSuccess: () => {
      client.invalidateQueries({ queryKey: ['program', program.id] });
      client.invalidateQueries({ queryKey: ['normative-acts'] });
      setChosen(null);
      notifySaved('Утверждающие акты сохранены');
    },
  });
  return (
    <Paper withBorder p="md" mb="md" data-testid="approving-acts">
      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={3} fz="md">
            Утверждена актами
          </Title>
          {canEdit && chosen === null && (
            <Button
              size="xs"
              variant="default"
              onClick={() => setChosen(program.approvingActs.map((a) => String(a.id)))}
            >
              Изменить
            </Button>
          )}
        </Group>
        {chosen === null ? (
          program.approvingActs.length ? (
            program.approvingActs.map((a) =>
              a.url ? (
                <Anchor key={a.id} size="sm" href={a.url} target="_blank" rel="noreferrer">
                  {describe(a)}
                </Anchor>
              ) : (
                <Text key={a.id} size="sm">
                  {describe(a)}
                </Text>
              ),
            )
          ) : (
            <Text size="sm" c="dimmed">
              Акты не указаны: выберите положение о мониторинге, приказ или концепцию из реестра НПА.
            </Text>
          )
        ) : (
          <>
            <MultiSelect
              label="Акты муниципального уровня"
              searchable
              data={(acts.data ?? []).map((a) => ({ value: String(a.id), label: describe(a) }))}
              value={chosen}
              onChange={setChosen}
              nothingFoundMessage="Нет таких актов в реестре НПА"
            />
            <ErrorAlert error={acts.error ?? save.error} />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setChosen(null)}>
                Отмена
              </Button>
              <Button loading={save.isPending} onClick={() => save.mutate(chosen.map(Number))}>
                Сохранить
              </Button>
            </Group>
          </>
        )}
      </Stack>
    </Paper>
  );
}
