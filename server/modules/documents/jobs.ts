import { randomBytes } from 'node:crypto';
import { AppError } from '../../errors.ts';
import type { DocumentKind, JobView } from './documents.schema.ts';

/**
 * Document generation jobs, kept in the memory of the server process: a job lives while someone may
 * still download its file (half an hour), and a restart forgets it — the documents are made again from
 * the data in seconds, so nothing is worth a table. Only the user who started a job sees it.
 */

export interface DocumentFile {
  fileName: string;
  /** ASCII name for clients that do not read RFC 5987 names. */
  asciiName: string;
  contentType: string;
  data: Buffer;
}

/** Reports a step: done of total, and what is being made now, in Russian. */
export type Progress = (done: number, total: number, stage: string) => Promise<void>;

interface Job {
  id: string;
  ownerId: number;
  campaignId: number;
  kind: DocumentKind;
  status: 'running' | 'done' | 'failed';
  done: number;
  total: number;
  stage: string;
  /** Every stage reported, in order (a poll sees only some of them; the server log and tests see all). */
  stages: string[];
  error: string | null;
  file: DocumentFile | null;
  startedAt: number;
}

const KEEP_MS = 30 * 60 * 1000;
const MAX_RUNNING_PER_USER = 2;
const jobs = new Map<string, Job>();

/** Lets the event loop answer other requests (the progress polls) between the steps of a job. */
const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

function purge(now: number) {
  for (const [id, job] of jobs)
    if (now - job.startedAt > KEEP_MS && job.status !== 'running') jobs.delete(id);
}

export function startJob(options: {
  ownerId: number;
  campaignId: number;
  kind: DocumentKind;
  total: number;
  run: (progress: Progress) => Promise<DocumentFile>;
  onError: (error: unknown) => void;
}): Job {
  const now = Date.now();
  purge(now);
  const running = [...jobs.values()].filter((j) => j.ownerId === options.ownerId && j.status === 'running');
  if (running.length >= MAX_RUNNING_PER_USER)
    throw new AppError(
      'rate_limited',
      'Уже формируются два комплекта документов. Дождитесь их готовности и повторите.',
    );
  const job: Job = {
    id: randomBytes(12).toString('hex'),
    ownerId: options.ownerId,
    campaignId: options.campaignId,
    kind: options.kind,
    status: 'running',
    done: 0,
    total: options.total,
    stage: 'Подготовка данных',
    stages: ['Подготовка данных'],
    error: null,
    file: null,
    startedAt: now,
  };
  jobs.set(job.id, job);
  const progress: Progress = async (done, total, stage) => {
    job.done = done;
    job.total = total;
    job.stage = stage;
    if (job.stages.length < 1000 && job.stages[job.stages.length - 1] !== stage) job.stages.push(stage);
    await yieldToLoop();
  };
  void (async () => {
    try {
      await yieldToLoop();
      job.file = await options.run(progress);
      job.status = 'done';
      job.done = job.total;
      job.stage = 'Готово';
    } catch (error) {
      job.status = 'failed';
      job.error =
        error instanceof AppError ? error.message : 'Не удалось сформировать документы. Повторите попытку.';
      job.stage = 'Ошибка';
      options.onError(error);
    }
  })();
  return job;
}

export function findJob(id: string, userId: number): Job {
  purge(Date.now());
  const job = jobs.get(id);
  // Someone else's job reads as missing: its id tells nothing about it.
  if (!job || job.ownerId !== userId)
    throw new AppError('not_found', 'Задание не найдено: оно устарело или начато другим пользователем.');
  return job;
}

export function presentJob(job: Job): JobView {
  return {
    id: job.id,
    kind: job.kind,
    campaignId: job.campaignId,
    status: job.status,
    done: job.done,
    total: job.total,
    stage: job.stage,
    error: job.error,
    fileName: job.file?.fileName ?? null,
    size: job.file?.data.length ?? null,
    downloadUrl: job.status === 'done' ? `/api/document-jobs/${job.id}/file` : null,
  };
}
