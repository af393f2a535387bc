import { spawn } from 'node:child_process';
import { join } from 'node:path';

/** One command for development: the API (restarting on change) and Vite (hot reload, proxying /api to it). */
const root = join(import.meta.dirname, '..');
const apiPort = process.env.API_PORT ?? '3001';
const bin = (pkg: string, file: string) => join(root, 'node_modules', pkg, file);

const children = [
  spawn(process.execPath, [bin('tsx', 'dist/cli.mjs'), 'watch', 'server/main.ts'], {
    cwd: root,
    stdio: 'inherit',
    // No balancer in development: a restart on change need not wait the shutdown drain.
    env: { SHUTDOWN_DRAIN_MS: '0', ...process.env, PORT: apiPort, DIST_DIR: join(root, '.no-dist'), BYLINE_DEV: '1' },
  }),
  spawn(process.execPath, [bin('vite', 'bin/vite.js')], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, API_PORT: apiPort },
  }),
];

const stopAll = () => children.forEach((child) => child.kill('SIGTERM'));
for (const child of children)
  child.on('exit', (code) => {
    stopAll();
    process.exitCode = code ?? 0;
  });
process.on('SIGINT', stopAll);
process.on('SIGTERM', stopAll);
