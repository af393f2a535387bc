import { afterAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../helpers/server';

/** Stopping a server that a balancer probes: readiness fails first; a second signal does not wait the drain. */
let server: RunningServer | undefined;

afterAll(async () => {
  await server?.stop();
});

describe('a server told to stop twice', () => {
  it('fails /readyz and keeps serving during the drain, and a second SIGTERM closes it at once', async () => {
    server = await startServer({ SHUTDOWN_DRAIN_MS: '30000' });
    const { url } = server;
    process.kill(server.pid!, 'SIGTERM');
    await expect.poll(async () => (await fetch(`${url}/readyz`)).status, { timeout: 2000 }).toBe(503);
    // Still serving readers while the balancer takes notice.
    expect((await fetch(`${url}/`)).status).toBe(200);
    expect(server.output()).toContain('finishing in-flight requests after 30000 ms');

    const before = Date.now();
    const code = await server.pause(); // a second SIGTERM
    expect(code).toBe(0);
    expect(Date.now() - before).toBeLessThan(5000);
    expect(server.output()).toMatch(/SIGTERM again: closing without waiting for the drain[\s\S]*shutdown: done/);
  });
});
