import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noiseJpeg } from '../../test/helpers/photos';
import { createRemoteSource, isInternalAddress } from './remoteSource';
import { scratchDir } from '../../test/helpers/scratch';

/*
 * A real https server with its own certificate, for photos.test (resolved to this machine by the test's
 * resolver, and the only name allowed to reach it: every other way to this machine must be refused).
 */
const dir = scratchDir('remote');
let server: Server;
let port = 0;
let ca = '';
let photo: Buffer;

beforeAll(async () => {
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=photos.test',
      '-addext',
      'subjectAltName=DNS:photos.test,DNS:other.test,IP:127.0.0.1',
      '-keyout',
      join(dir, 'key.pem'),
      '-out',
      join(dir, 'cert.pem'),
    ],
    { stdio: 'ignore' },
  );
  ca = readFileSync(join(dir, 'cert.pem'), 'utf8');
  photo = await noiseJpeg(300, 200);
  server = createServer({ key: readFileSync(join(dir, 'key.pem')), cert: ca }, (request, response) => {
    const to = (location: string) => response.writeHead(302, { location }).end();
    switch (request.url) {
      case '/photo.jpg':
        return response.writeHead(200, { 'content-type': 'image/jpeg' }).end(photo);
      case '/hop.jpg':
        return to('/photo.jpg');
      case '/to-loopback.jpg':
        return to(`https://127.0.0.1:${port}/photo.jpg`);
      case '/to-other.jpg':
        return to(`https://other.test:${port}/photo.jpg`);
      case '/loop.jpg':
        return to('/loop.jpg');
      case '/huge.jpg':
        return response.writeHead(200, { 'content-type': 'image/jpeg' }).end(Buffer.alloc(300_000));
      case '/slow.jpg':
        return; // never answers
      default:
        return response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
}, 60_000);

afterAll(() => {
  server?.closeAllConnections();
  server?.close();
});

function source(origins: string[] = [`https://photos.test:${port}`]) {
  const logs: string[] = [];
  const read = createRemoteSource({
    origins,
    ca,
    timeoutMs: 1000,
    maxBytes: 200_000,
    log: (message) => logs.push(message),
    resolve: async (hostname) =>
      hostname === 'photos.test' || hostname === 'other.test' ? [{ address: '127.0.0.1', family: 4 }] : [],
    allowAddress: (address, hostname) => hostname === 'photos.test' || !isInternalAddress(address),
  });
  return { read, logs };
}

describe('remote images', () => {
  it('fetches a photo from a listed origin, following a redirect within it', async () => {
    const { read } = source();
    expect((await read(`https://photos.test:${port}/photo.jpg`))?.equals(photo)).toBe(true);
    expect((await read(`https://photos.test:${port}/hop.jpg`))?.equals(photo)).toBe(true);
  });

  it('refuses a listed origin that redirects to 127.0.0.1 or to an unlisted host', async () => {
    const { read, logs } = source();
    expect(await read(`https://photos.test:${port}/to-loopback.jpg`)).toBeUndefined();
    expect(await read(`https://photos.test:${port}/to-other.jpg`)).toBeUndefined();
    expect(logs).toEqual([
      `images: https://photos.test:${port}/to-loopback.jpg was not fetched: it leads to https://127.0.0.1:${port}, which is not in imageOrigins`,
      `images: https://photos.test:${port}/to-other.jpg was not fetched: it leads to https://other.test:${port}, which is not in imageOrigins`,
    ]);
  });

  it('refuses an internal address even when its origin is listed', async () => {
    const { read, logs } = source([`https://127.0.0.1:${port}`, `https://other.test:${port}`]);
    expect(await read(`https://127.0.0.1:${port}/photo.jpg`)).toBeUndefined();
    expect(await read(`https://other.test:${port}/photo.jpg`)).toBeUndefined();
    expect(logs[0]).toMatch(/127\.0\.0\.1 is an internal address$/);
    expect(logs[1]).toMatch(/other\.test resolves to an internal address \(127\.0\.0\.1\)$/);
  });

  it('reads nothing from an unlisted origin or over http, and logs a 404, a loop, a flood and silence', async () => {
    const { read, logs } = source([`https://photos.test:${port}`, `http://photos.test:${port}`]);
    expect(await read('https://elsewhere.example/photo.jpg')).toBeUndefined();
    expect(await read(`http://photos.test:${port}/photo.jpg`)).toBeUndefined();
    for (const name of ['gone', 'loop', 'huge', 'slow'])
      expect(await read(`https://photos.test:${port}/${name}.jpg`)).toBeUndefined();
    expect(logs.map((line) => line.replace(/^.*was not fetched: /, ''))).toEqual([
      `http://photos.test:${port} is not https`,
      'the origin answered 404',
      'more than 3 redirects',
      'it is more than 200000 bytes',
      'no answer within 1000 ms',
    ]);
  });

  it('knows the internal addresses', () => {
    for (const address of [
      '127.0.0.1',
      '10.1.2.3',
      '172.20.0.1',
      '192.168.1.1',
      '169.254.169.254',
      '0.0.0.0',
      '::1',
      '::',
      'fd00::1',
      'fe80::1',
      '::ffff:127.0.0.1',
      'not an address',
    ])
      expect(isInternalAddress(address), address).toBe(true);
    for (const address of ['93.184.216.34', '2606:2800:220:1::1', '::ffff:8.8.8.8'])
      expect(isInternalAddress(address), address).toBe(false);
  });
});
