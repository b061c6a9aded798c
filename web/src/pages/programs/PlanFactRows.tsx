import { Table } from '@mantine/core';
import { findResult } from '../../../../core/indicators/find-result.ts';
import { deviationText, planFact, targetText } from '../../../../core/indicators/targets.ts';
import type { Indicator, IndicatorResult } from './api.ts';

/**
 * The rows «План на 2025 год» and «Отклонение от плана» under the municipality's row of the results table:
 * the fact is the municipal value above them. Nothing when no indicator has a target for the year.
 */
export function PlanFactRows({
  indicators,
  results,
  year,
}: {
  indicators: Indicator[];
  results: IndicatorResult[];
  year: number;
}) {
  const rows = indicators.map((i) => ({
    indicator: i,
    pf: planFact(i.targets, year, findResult(results, i.code, null)?.value ?? null, i.direction),
  }));
  if (!rows.some((r) => r.pf)) return null;
  return (
    <>
      <Table.Tr data-testid="plan-row">
        <Table.Td>План на {year} год</Table.Td>
        {rows.map(({ indicator, pf }) => (
          <Table.Td key={indicator.id} ta="center">
            {pf ? targetText(pf.plan, indicator.unit) : ''}
          </Table.Td>
        ))}
      </Table.Tr>
      <Table.Tr data-testid="deviation-row">
        <Table.Td>Отклонение от плана</Table.Td>
        {rows.map(({ indicator, pf }) => (
          <Table.Td
            key={indicator.id}
            ta="center"
            c={pf?.isMet === false ? 'red.8' : pf?.isMet ? 'teal.8' : undefined}
            title={pf?.isMet === false ? 'план не выполнен' : pf?.isMet ? 'план выполнен' : undefined}
          >
            {pf ? deviationText(pf.deviation, indicator.unit) : ''}
          </Table.Td>
        ))}
      </Table.Tr>
    </>
  );
}
