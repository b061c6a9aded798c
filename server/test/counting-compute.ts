/**
 * For tests that must see whether the registry was measured or the values evaluated again: the module
 * `server/modules/indicators/compute.ts` with `measureIndicators` and `evaluateIndicators` counting their
 * calls into `counted`, and `parseIndicators` too where `counted` has `parsed` (calls from other modules only:
 * the module's own use inside `measureIndicators` is not seen). Used from a `vi.mock` factory (which cannot
 * name an import of the test file):
 *
 *   const counted = vi.hoisted(() => ({ measured: 0, evaluated: 0 }));
 *   vi.mock('../indicators/compute.ts', async (importOriginal) =>
 *     (await import('../../test/counting-compute.ts')).countingCompute(await importOriginal(), counted));
 */
type Compute = typeof import('../modules/indicators/compute.ts');

export function countingCompute(
  actual: Compute,
  counted: { measured: number; evaluated: number; parsed?: number },
): Compute {
  return {
    ...actual,
    parseIndicators: (...args: Parameters<Compute['parseIndicators']>) => {
      if (counted.parsed !== undefined) counted.parsed++;
      return actual.parseIndicators(...args);
    },
    measureIndicators: (...args: Parameters<Compute['measureIndicators']>) => {
      counted.measured++;
      return actual.measureIndicators(...args);
    },
    evaluateIndicators: (...args: Parameters<Compute['evaluateIndicators']>) => {
      counted.evaluated++;
      return actual.evaluateIndicators(...args);
    },
  };
}
