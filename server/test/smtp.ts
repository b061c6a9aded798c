import { spawn } from 'node:child_process';
import path from 'node:path';

/** A letter the test SMTP server received: its envelope recipients and the raw message. */
export interface ReceivedMail {
  to: string[];
  raw: string;
}

/**
 * Starts the test SMTP server (smtp-sink.mjs) in its own process on a free-ish port and collects what it
 * receives. `waitFor(n)` waits until n letters have arrived (or a few seconds have passed). `hold()` makes
 * it a slow server: each letter waits unanswered until `step()` (the oldest) or `release()` (all).
 */
export async function startSmtpSink(port = 2600 + Math.floor(Math.random() * 2000)) {
  const child = spawn(process.execPath, [path.join(import.meta.dirname, 'smtp-sink.mjs'), String(port)]);
  const received: ReceivedMail[] = [];
  let held = 0;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('SMTP server did not start')), 20_000);
    let buffer = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      let newline: number;
      while ((newline = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 1);
        if (line.startsWith('READY')) {
          clearTimeout(timer);
          resolve();
        } else if (line.startsWith('HELD')) held++;
        else if (line.trim()) received.push(JSON.parse(line));
      }
    });
    child.on('exit', (code) => reject(new Error(`SMTP server exited with ${code}`)));
  });
  return {
    port,
    received,
    async waitFor(count: number) {
      for (let i = 0; i < 100 && received.length < count; i++) await new Promise((r) => setTimeout(r, 50));
      return received;
    },
    hold: () => child.stdin.write('HOLD\n'),
    /** Waits until a letter is held unanswered, then answers the oldest one held. */
    async step() {
      for (let i = 0; i < 100 && held === 0; i++) await new Promise((r) => setTimeout(r, 50));
      if (held === 0) throw new Error('no letter reached the SMTP server');
      held--;
      child.stdin.write('STEP\n');
    },
    release: () => {
      held = 0;
      child.stdin.write('RELEASE\n');
    },
    stop: () => child.kill('SIGTERM'),
  };
}
