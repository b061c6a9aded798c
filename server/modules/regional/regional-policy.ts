import { AppError } from '../../errors.ts';

/** The municipality may add its own indicators to an adopted program, never change or delete the region's. */
export function assertNotRegionalIndicator(indicator: { code: string; isRegional?: boolean }) {
  if (indicator.isRegional)
    throw new AppError(
      'conflict',
      `Показатель «${indicator.code}» задан региональной программой: муниципалитет не может изменить или удалить его.`,
    );
}
