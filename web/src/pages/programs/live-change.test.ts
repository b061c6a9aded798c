import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/client.ts';
import { liveChangeWarning } from './live-change.ts';

describe('the warning of a change that reaches a running campaign', () => {
  const message = 'По программе идёт мониторинг «Мониторинг 2025»: в формах появится обязательное поле «X».';

  it('is the server message of a 409 asking for confirmRunningCampaign', () => {
    const error = new ApiError(409, 'conflict', message, { requiresConfirmation: 'confirmRunningCampaign' });
    expect(liveChangeWarning(error)).toBe(message);
  });

  it('is nothing for another conflict or error', () => {
    expect(liveChangeWarning(new ApiError(409, 'version_conflict', 'Запись изменили', null))).toBeNull();
    expect(
      liveChangeWarning(
        new ApiError(400, 'validation_failed', message, { requiresConfirmation: 'confirmRunningCampaign' }),
      ),
    ).toBeNull();
    expect(liveChangeWarning(new Error(message))).toBeNull();
  });
});
