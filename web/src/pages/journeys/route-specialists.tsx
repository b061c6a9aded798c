import { Select } from '@mantine/core';
import { specialistOptions, useSpecialistNames } from '../../api/specialists.ts';
import type { FieldInputProps, FieldRenderer } from '../teachers/records/RecordFields.tsx';
import type { RouteView } from './api.ts';

interface Current {
  id: number | null;
  name: string | null;
}

/**
 * The curator (tutor) of a route, chosen among the working specialists of the register. The one already on
 * the route stays offered when the register marks him as no longer working, and a name typed before the
 * register existed is shown above the choice, so an old route reads as it was written.
 */
function RouteSpecialistSelect({ current, ...props }: FieldInputProps & { current: Current }) {
  const names = useSpecialistNames();
  const options = specialistOptions(names.data);
  if (current.id !== null && !options.some((o) => o.value === String(current.id)))
    options.push({ value: String(current.id), label: `${current.name ?? 'специалист'} (не работает)` });
  const typed = current.id === null && current.name ? `Прежде вписано: «${current.name}»` : undefined;
  return (
    <Select
      {...props}
      description={typed ?? props.description}
      value={(props.value as string | null) ?? null}
      data={options}
      searchable
      clearable
      nothingFoundMessage={names.isLoading ? 'Загрузка…' : 'Нет такого специалиста в реестре'}
      placeholder={names.isLoading ? 'Загрузка…' : 'Выберите из реестра'}
    />
  );
}

/** The form of a route renders its curator and tutor with what the route holds now. */
export const routeSpecialistRenderer =
  (route: Pick<RouteView, 'curatorId' | 'tutorId' | 'curatorName' | 'tutorName'>): FieldRenderer =>
  (field, props) => {
    if (field.key === 'curatorId')
      return <RouteSpecialistSelect {...props} current={{ id: route.curatorId, name: route.curatorName }} />;
    if (field.key === 'tutorId')
      return <RouteSpecialistSelect {...props} current={{ id: route.tutorId, name: route.tutorName }} />;
    return undefined;
  };
