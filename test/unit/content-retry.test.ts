// The content script retries a request once when the background did not answer (its service
// worker was restarting), never a definite refusal (issue 14: a full disk was retried, then shown
// as "Shelfmark did not answer").
import { describe, expect, it, vi } from 'vitest';
import { withOneRetry } from '../../src/content/retry';
import { Refused, STORAGE_FULL } from '../../src/shared/refused';

describe('withOneRetry', () => {
  it('tries once more after no answer', async () => {
    const attempt = vi.fn().mockRejectedValueOnce(new Error('Receiving end does not exist.')).mockResolvedValueOnce('ok');
    await expect(withOneRetry(attempt)).resolves.toBe('ok');
    expect(attempt).toHaveBeenCalledTimes(2);
  });

  it('does not retry a refusal, and passes its message on', async () => {
    const attempt = vi.fn().mockRejectedValue(new Refused(STORAGE_FULL));
    await expect(withOneRetry(attempt)).rejects.toThrow(STORAGE_FULL);
    expect(attempt).toHaveBeenCalledTimes(1);
  });
});
