import { vi } from 'vitest';

/** Runs a CLI command's work with stdout and stderr captured: what it printed, and its progress. */
export async function captureOutput(work: () => Promise<unknown>) {
  const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    await work();
    return {
      printed: out.mock.calls.map((c) => String(c[0])).join(''),
      progress: err.mock.calls.map((c) => String(c[0])).join(''),
    };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}
