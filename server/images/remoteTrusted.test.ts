import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wordpressCopyJpeg } from '../../test/helpers/photos';
import { createRemoteSource } from './remoteSource';

/*
 * A WordPress on the newsroom's own network (plain http, a loopback address here), which the operator vouches
 * for with WORDPRESS_MEDIA_INTERNAL: only its exact origin is read so; anything it redirects to meets every rule.
 */
let wordpress: Server;
let elsewhere: Server;
let origin = '';
let otherOrigin = '';
let photo: Buffer;

const listen = (server: Server) =>
  new Promise<string>((done) =>
    server.listen(0, '127.0.0.1', () => done(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)),
  );

beforeAll(async () => {
  photo = await wordpressCopyJpeg(300, 200);
  elsewhere = createServer((_request, response) => response.writeHead(200).end(photo));
  otherOrigin = await listen(elsewhere);
  wordpress = createServer((request, response) => {
    if (request.url === '/wp-content/uploads/p.jpg') return response.writeHead(200).end(photo);
    if (request.url === '/away.jpg') return response.writeHead(302, { location: `${otherOrigin}/p.jpg` }).end();
    response.writeHead(404).end();
  });
  origin = await listen(wordpress);
});

afterAll(() => {
  wordpress?.close();
  elsewhere?.close();
});

describe('a vouched-for WordPress origin', () => {
  it('is refused like any origin (http, loopback) unless the operator vouches for it', async () => {
    const logs: string[] = [];
    const read = createRemoteSource({ origins: [origin], log: (message) => logs.push(message) });
    expect(await read(`${origin}/wp-content/uploads/p.jpg`)).toBeUndefined();
    expect(logs[0]).toContain('is not https');
  });

  it('is read over http at its internal address when vouched for, and only when it is also listed', async () => {
    const vouched = createRemoteSource({ origins: [origin], trusted: [origin], log: () => {} });
    expect((await vouched(`${origin}/wp-content/uploads/p.jpg`))?.equals(photo)).toBe(true);
    const unlisted = createRemoteSource({ origins: [], trusted: [origin], log: () => {} });
    expect(await unlisted(`${origin}/wp-content/uploads/p.jpg`)).toBeUndefined();
  });

  it('lends none of that to where it redirects, even a listed origin', async () => {
    const logs: string[] = [];
    const read = createRemoteSource({
      origins: [origin, otherOrigin],
      trusted: [origin],
      log: (message) => logs.push(message),
    });
    expect(await read(`${origin}/away.jpg`)).toBeUndefined();
    expect(logs[0]).toContain(`${otherOrigin} is not https`);
  });
});
