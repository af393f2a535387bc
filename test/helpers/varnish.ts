/**
 * Varnish in front of a backend under test, with the repository's own VCL (deploy/varnish/byline.vcl).
 *
 * Why it works as it does:
 * - Debian's `varnish` (7.1) and `varnish-modules` (the xkey vmod) are the real thing, the engine behind
 *   Fastly; `.ci/run` installs them. The test runs `varnishd -F` (foreground) as a child process, so it dies with
 *   the test and its output is ours to show; the system service, if any, is never used.
 * - The VCL in deploy/ is the one operators deploy: byline.vcl is copied unchanged into a temp directory, and
 *   beside it byline-backends.vcl is rendered for the backends under test by the code behind `npm run
 *   vcl:render` (scripts/varnish-backends.ts), with content/site.json's identity; byline-query.vcl (the same
 *   for everyone) is copied as committed. So the tested rules are the shipped rules, and the tested include is
 *   what an operator renders.
 * - Each instance has its own `-n` working directory (shared memory log, compiled VCL) in that temp directory,
 *   so several can run at once. Started as root, varnishd drops privileges to the `varnish` and `vcache` users
 *   the package creates (its "unix" jail): the directory and the VCL copy are made readable to them (0755/0644).
 * - It listens on free ports of 127.0.0.1 (found by binding port 0). `url` is a plain HTTP listener. A second
 *   listener (`proxyPort`) expects the PROXY protocol, so a test can present any client address, e.g. to
 *   check that the purge ACL refuses a PURGE from outside (see `proxyRequest`).
 * - Readiness: it polls `url` with a PURGE that has no keys, which the VCL answers itself (400), so the probe
 *   neither reaches the backend nor puts anything in the cache, and it proves our VCL is the one loaded.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseBackends, renderBackendsVcl, unavailablePage } from '../../scripts/varnish-backends';
import { readSite } from '../../server/site';
import { freePort } from './postgres';

const root = join(import.meta.dirname, '..', '..');
const vclPath = join(root, 'deploy', 'varnish', 'byline.vcl');

export interface RunningVarnish {
  /** `http://127.0.0.1:<port>`: requests here go through the cache. */
  url: string;
  /** Where Byline sends `PURGE` with `xkey-purge: <key> <key>` (same listener as `url`; from 127.0.0.1). */
  purgeUrl: string;
  /** A listener that expects a PROXY protocol v1 line first, to test what a non-local client gets. */
  proxyPort: number;
  /** Stops varnishd (SIGTERM, then SIGKILL after 5 s) and removes its directory. Safe to call twice. */
  stop(): Promise<void>;
  /** varnishd's own output so far (startup, VCL compile errors, child panics). */
  log(): string;
  /** Varnish's request log (varnishlog -d -g request): what each request did, for a failing test's message. */
  varnishlog(): string;
  /** The URLs Varnish has asked a backend for so far (its log's BereqURL records; probes are not among them). */
  backendUrls(): string[];
  /** Each backend's health as the probe sees it, by VCL name (`byline_1`, ...): from `varnishadm backend.list`. */
  health(): Record<string, 'healthy' | 'sick'>;
  /**
   * Waits until the probe sees the backends as `expected` (e.g. after starting a server: a backend that was
   * down when Varnish started needs 3 good probes, up to 6 s). Throws with backend.list if not within `ms`.
   */
  waitForHealth(expected: Record<string, 'healthy' | 'sick'>, ms: number): Promise<void>;
}

/** byline-backends.vcl for the backends at `backendUrls` (http:// URLs: host and port), with the repository's site. */
export function backendsVclFor(backendUrls: string[]): string {
  const list = backendUrls.map((raw) => {
    const url = new URL(raw);
    if (url.protocol !== 'http:') throw new Error(`varnish: backend must be http://, got ${raw}`);
    return `${url.hostname}:${url.port || '80'}`;
  });
  const { site } = readSite(join(root, 'content'));
  if (!site) throw new Error('varnish: content/site.json is invalid');
  return renderBackendsVcl(parseBackends(list.join(',')), unavailablePage(site));
}

/** Answered by the VCL itself (400: PURGE without keys), so probing neither reaches the backend nor fills the cache. */
function probe(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request(url, { method: 'PURGE', timeout: 1000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 400);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(false));
    req.end();
  });
}

const children = new Set<ChildProcess>();
let exitHookInstalled = false;

/**
 * Starts Varnish with deploy/varnish/byline.vcl in front of `backendUrls` (e.g. the URLs startServer printed;
 * one or several, round robin). Allow ~15 s in beforeAll (it compiles the VCL with the C compiler); call
 * `stop()` in afterAll.
 */
export async function startVarnish(backendUrls: string | string[]): Promise<RunningVarnish> {
  const dir = mkdtempSync(join(tmpdir(), 'byline-varnish-'));
  chmodSync(dir, 0o755);
  const vcl = join(dir, 'byline.vcl');
  copyFileSync(vclPath, vcl);
  chmodSync(vcl, 0o644);
  writeFileSync(join(dir, 'byline-backends.vcl'), backendsVclFor([backendUrls].flat()), { mode: 0o644 });
  // Rendered from scripts/varnish-query.ts and committed; scripts/varnish-query.test.ts keeps the two in step.
  copyFileSync(join(root, 'deploy', 'varnish', 'byline-query.vcl'), join(dir, 'byline-query.vcl'));
  chmodSync(join(dir, 'byline-query.vcl'), 0o644);
  const workDir = join(dir, 'work');

  let output = '';
  let child: ChildProcess | undefined;
  let port: number;
  let proxyPort: number;
  for (let attempt = 1; ; attempt++) {
    port = await freePort();
    proxyPort = await freePort();
    const args = [
      '-F',
      '-n',
      workDir,
      '-a',
      `127.0.0.1:${port}`,
      '-a',
      `127.0.0.1:${proxyPort},PROXY`,
      '-T',
      '127.0.0.1:0',
      '-f',
      vcl,
      '-s',
      // As the README's deployment: with 64 MB, the cluster test's thousands of never-asked URLs pushed its graced
      // page out of the cache (LRU) before the test could ask for it.
      'malloc,256m',
    ];
    const started = spawn('varnishd', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    child = started;
    children.add(started);
    started.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    started.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    let exited = false;
    const exitedPromise = new Promise<void>((resolve) => {
      started.once('exit', () => {
        exited = true;
        children.delete(started);
        resolve();
      });
      started.once('error', (error) => {
        output += `\nspawn varnishd: ${error.message}\n`;
        exited = true;
        resolve();
      });
    });
    const deadline = Date.now() + 30_000;
    let ready = false;
    while (!exited && Date.now() < deadline) {
      if (await probe(`http://127.0.0.1:${port}/`)) {
        ready = true;
        break;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    if (ready) break;
    if (!exited) started.kill('SIGKILL');
    await exitedPromise;
    // A port taken between freePort() and bind is worth another try; anything else is not.
    if (attempt >= 3 || !/Address already in use|Could not get socket/i.test(output)) {
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`varnishd did not start:\n${output}`);
    }
  }

  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.once('exit', () => {
      for (const c of children) c.kill('SIGKILL');
    });
  }

  const running = child;
  let stopped = false;
  const url = `http://127.0.0.1:${port}`;
  const varnish: RunningVarnish = {
    url,
    purgeUrl: `${url}/`,
    proxyPort,
    log: () => output,
    varnishlog: () => {
      const result = spawnSync('varnishlog', ['-n', workDir, '-d', '-g', 'request'], {
        encoding: 'utf8',
        timeout: 10_000,
      });
      return `${result.stdout ?? ''}${result.stderr ?? ''}`;
    },
    backendUrls: () => {
      const result = spawnSync('varnishlog', ['-n', workDir, '-d', '-g', 'raw', '-i', 'BereqURL'], {
        encoding: 'utf8',
        timeout: 10_000,
      });
      if (result.status !== 0) throw new Error(`varnishlog: ${result.stdout}${result.stderr}`);
      return [...(result.stdout ?? '').matchAll(/\bBereqURL\s+b\s+(\S+)/g)].map((match) => match[1]!);
    },
    health: () => {
      const result = spawnSync('varnishadm', ['-n', workDir, 'backend.list'], { encoding: 'utf8', timeout: 10_000 });
      const states: Record<string, 'healthy' | 'sick'> = {};
      for (const match of (result.stdout ?? '').matchAll(/^\S*\.(byline_\d+)\s+\S+\s+\S+\s+(healthy|sick)/gm)) {
        states[match[1]!] = match[2] as 'healthy' | 'sick';
      }
      if (Object.keys(states).length === 0)
        throw new Error(`varnishadm backend.list: ${result.stdout}${result.stderr}`);
      return states;
    },
    waitForHealth: async (expected, ms) => {
      const until = Date.now() + ms;
      const wanted = JSON.stringify(expected);
      for (;;) {
        const seen = JSON.stringify(varnish.health());
        if (seen === wanted) return;
        if (Date.now() > until) throw new Error(`varnish: backends are ${seen} after ${ms} ms, not ${wanted}`);
        await new Promise((r) => setTimeout(r, 250));
      }
    },
    stop: async () => {
      if (stopped) return;
      stopped = true;
      if (running.exitCode === null && running.signalCode === null) {
        const exited = new Promise<void>((resolve) => running.once('exit', () => resolve()));
        running.kill('SIGTERM');
        const timer = setTimeout(() => running.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(timer);
      }
      children.delete(running);
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return varnish;
}

/**
 * Sends one HTTP/1.1 request to Varnish's PROXY listener as if it came from `clientIp` (IPv4), e.g.
 * `proxyRequest(v.proxyPort, '203.0.113.7', 'PURGE', '/', { 'xkey-purge': 'story:a' })`.
 */
export function proxyRequest(
  proxyPort: number,
  clientIp: string,
  method: string,
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Record<string, string>; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(proxyPort, '127.0.0.1');
    let raw = '';
    socket.setTimeout(10_000, () => socket.destroy(new Error('proxyRequest: timed out')));
    socket.on('data', (chunk: Buffer) => (raw += chunk.toString('latin1')));
    socket.on('error', reject);
    socket.on('close', () => {
      const [head = '', ...rest] = raw.split('\r\n\r\n');
      const [statusLine = '', ...lines] = head.split('\r\n');
      const status = Number(statusLine.split(' ')[1]);
      if (!status) return reject(new Error(`proxyRequest: no HTTP answer: ${JSON.stringify(raw.slice(0, 200))}`));
      const parsed: Record<string, string> = {};
      for (const line of lines) {
        const i = line.indexOf(':');
        if (i > 0) parsed[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
      }
      resolve({ status, headers: parsed, body: rest.join('\r\n\r\n') });
    });
    socket.on('connect', () => {
      const lines = [
        `PROXY TCP4 ${clientIp} 127.0.0.1 40000 ${proxyPort}`,
        `${method} ${path} HTTP/1.1`,
        'Host: 127.0.0.1',
        'Connection: close',
        ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
        '',
        '',
      ];
      socket.write(lines.join('\r\n'));
    });
  });
}
