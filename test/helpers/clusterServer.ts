import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');

export interface ClusterServer {
  url: string;
  /** The server's own process: node runs server/main.ts with tsx's loader, so a signal reaches the server itself. */
  readonly pid: number;
  output(): string;
  /** Kills the process without warning (a machine dying): no draining, no closing. */
  kill(): Promise<void>;
  /** Stops it as an operator would (SIGTERM: readiness fails, requests finish, the store closes). */
  stop(): Promise<number | null>;
}

/**
 * One Byline server as its own process on a shared PostgreSQL database (production build from dist/), for the
 * multi-server tests. Unlike test/helpers/server.ts it runs node with tsx as a loader rather than tsx's CLI,
 * which keeps the server in a child process that a SIGKILL to the CLI would leave running.
 */
export function startClusterServer(env: Record<string, string>): Promise<ClusterServer> {
  let log = '';
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: root,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DIST_DIR: join(root, 'dist'), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${log}`)), 60_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      log += chunk.toString();
      const match = /serving at (http:\/\/[^\s]+?)\/?$/m.exec(log);
      if (match) {
        clearTimeout(timer);
        resolve({
          url: match[1]!,
          pid: child.pid!,
          output: () => log,
          kill: async () => {
            if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
            await exited;
          },
          stop: async () => {
            if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
            return exited;
          },
        });
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (log += chunk.toString()));
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${log}`));
    });
  });
}
