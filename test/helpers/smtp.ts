import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './postgres';

export interface ReceivedMail {
  from: string;
  to: string[];
  /** The raw message, headers and body. */
  data: string;
}

/** Debian's aiosmtpd as a real SMTP server on a free port; every message it accepts is kept for the test. */
export async function startSmtpSink() {
  const dir = mkdtempSync(join(tmpdir(), 'byline-smtp-'));
  const file = join(dir, 'mail.jsonl');
  const port = await freePort();
  const child = spawn('/usr/bin/python3', [join(import.meta.dirname, 'smtp_sink.py'), String(port), file], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`SMTP sink did not start:\n${output}`)), 15_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('listening')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`SMTP sink exited (${code}):\n${output}`)));
  });
  return {
    url: `smtp://127.0.0.1:${port}`,
    received: (): ReceivedMail[] =>
      existsSync(file)
        ? readFileSync(file, 'utf8')
            .split('\n')
            .filter((line) => line !== '')
            .map((line) => JSON.parse(line) as ReceivedMail)
        : [],
    async stop() {
      child.kill('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
