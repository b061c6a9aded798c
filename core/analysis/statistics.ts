import { interquartileRange, max, mean, median, min, quantile, standardDeviation } from 'simple-statistics';

export interface Descriptive {
  count: number;
  mean: number;
  median: number;
  q1: number;
  q3: number;
  min: number;
  max: number;
  /** max − min */
  range: number;
  standardDeviation: number;
  interquartileRange: number;
  /** Coefficient of variation, %: the spread relative to the mean (null when the mean is 0). */
  variation: number | null;
}

const round = (v: number) => Math.round(v * 100) / 100;

/** Descriptive statistics of the organizations' values of one indicator (no-data values left out). */
export function describeValues(values: (number | null)[]): Descriptive | null {
  const xs = values.filter((v): v is number => v !== null && Number.isFinite(v));
  if (!xs.length) return null;
  const m = mean(xs);
  const sd = xs.length > 1 ? standardDeviation(xs) : 0;
  return {
    count: xs.length,
    mean: round(m),
    median: round(median(xs)),
    q1: round(quantile(xs, 0.25)),
    q3: round(quantile(xs, 0.75)),
    min: round(min(xs)),
    max: round(max(xs)),
    range: round(max(xs) - min(xs)),
    standardDeviation: round(sd),
    interquartileRange: round(interquartileRange(xs)),
    variation: m === 0 ? null : round((sd / Math.abs(m)) * 100),
  };
}
