/** Building Russian error messages with their place in the text, and "did you mean" suggestions. */

import type { FormulaError } from './ast.ts';

/** 1-based line and column of a 0-based offset. */
export function lineAndColumn(text: string, position: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < position && i < text.length; i++) {
    if (text[i] === '\n') {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: position - lineStart + 1 };
}

/** Collects errors for one source text; each message gets « (строка L, позиция C).» and its hints. */
export class ErrorSink {
  readonly errors: FormulaError[] = [];

  constructor(private readonly text: string) {}

  /**
   * Adds an error. `main` is the statement without a final period; each hint is a whole sentence.
   */
  add(position: number, length: number, main: string, ...hints: (string | null | undefined)[]): void {
    const { line, column } = lineAndColumn(this.text, position);
    const rest = hints.filter((h): h is string => Boolean(h));
    const message = [`${main} (строка ${line}, позиция ${column}).`, ...rest].join(' ');
    this.errors.push({ message, position, line, column, length });
  }

  get hasErrors(): boolean {
    return this.errors.length > 0;
  }
}

/** Sorted by position, without two errors at the same place (the first one explains it). */
export function tidyErrors(errors: FormulaError[]): FormulaError[] {
  const seen = new Set<number>();
  return [...errors]
    .sort((a, b) => a.position - b.position)
    .filter((e) => (seen.has(e.position) ? false : (seen.add(e.position), true)));
}

/** Levenshtein edit distance. */
export function editDistance(a: string, b: string): number {
  const previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = previous[0];
    previous[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = previous[j];
      previous[j] = Math.min(
        previous[j] + 1,
        previous[j - 1] + 1,
        diagonal + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
      diagonal = above;
    }
  }
  return previous[b.length];
}

/**
 * The candidate nearest to a misspelt name, or null when none is close enough. Case is ignored for the
 * distance, so `Teachers` suggests `teachers`; ties go to the earlier candidate.
 */
export function nearest(name: string, candidates: readonly string[]): string | null {
  const lower = name.toLowerCase();
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = editDistance(lower, candidate.toLowerCase());
    const limit = Math.max(1, Math.floor(Math.max(name.length, candidate.length) / 3));
    if (distance <= limit && distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** «Возможно, имелось в виду «x».» or null. */
export function didYouMean(name: string, candidates: readonly string[]): string | null {
  const suggestion = nearest(name, candidates);
  return suggestion === null ? null : `Возможно, имелось в виду «${suggestion}».`;
}
