import { describe, expect, it } from 'vitest';
import {
  checkPracticeScores,
  nextPracticeStatus,
  PRACTICE_CRITERIA,
  PRACTICE_MAX_SCORE,
  PRACTICE_STATUSES,
  PRACTICE_TRANSITIONS,
} from './practices.ts';

describe('the review workflow of the bank of practices', () => {
  it('leads from a draft to the catalog through the review', () => {
    const path = ['submit', 'take', 'recommend', 'publish'] as const;
    let status: (typeof PRACTICE_STATUSES)[number] = 'draft';
    for (const action of path) {
      const next = nextPracticeStatus(status, action);
      expect(next.ok).toBe(true);
      if (next.ok) status = next.to;
    }
    expect(status).toBe('published');
  });

  it('lets a returned entry be submitted again and nothing leave a final status', () => {
    expect(nextPracticeStatus('returned', 'submit')).toEqual({ ok: true, to: 'submitted' });
    expect(nextPracticeStatus('published', 'reject')).toEqual({
      ok: false,
      message: 'Действие «Отклонить» недоступно: материал в статусе «опубликована». Статус окончательный.',
    });
    expect(nextPracticeStatus('draft', 'recommend')).toEqual({
      ok: false,
      message:
        'Действие «Рекомендовать к распространению» недоступно: материал в статусе «черновик». Доступно: «Подать на экспертизу».',
    });
  });

  it('asks a reason of every refusal and return', () => {
    expect(
      Object.entries(PRACTICE_TRANSITIONS)
        .filter(([, t]) => t.needsReason)
        .map(([a]) => a),
    ).toEqual(['return', 'reject']);
  });
});

describe('the scores by the published criteria', () => {
  const all = (points: number) => Object.fromEntries(PRACTICE_CRITERIA.map((c) => [c.code, points]));

  it('sums whole points within each maximum', () => {
    expect(checkPracticeScores(all(5))).toEqual({ ok: true, total: PRACTICE_MAX_SCORE });
    expect(checkPracticeScores(all(0))).toEqual({ ok: true, total: 0 });
  });

  it('refuses a missing, unknown, fractional or excessive score naming the criterion', () => {
    const { relevance: _, ...missing } = all(3);
    expect(checkPracticeScores(missing)).toEqual({
      ok: false,
      message: 'Оценка: поставьте баллы по критерию «Актуальность».',
    });
    expect(checkPracticeScores({ ...all(3), beauty: 1 })).toEqual({
      ok: false,
      message: 'Оценка: неизвестный критерий «beauty».',
    });
    expect(checkPracticeScores({ ...all(3), quality: 2.5 }).ok).toBe(false);
    expect(checkPracticeScores({ ...all(3), novelty: -1 }).ok).toBe(false);
  });
});
