import { lookup } from 'node:dns/promises';
import type { LookupFunction } from 'node:net';
import { BlockList, isIP } from 'node:net';
import { request as httpRequest } from 'node:http';
import { request } from 'node:https';
import { MAX_SOURCE_BYTES } from './limits';

/** Addresses no fetched image may come from: this machine, private networks, link-local, multicast, reserved. */
const internal = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 3],
] as const)
  internal.addSubnet(net, bits, 'ipv4');
for (const [net, bits] of [
  ['::', 127],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
  ['64:ff9b::', 96],
  ['2001:db8::', 32],
] as const)
  internal.addSubnet(net, bits, 'ipv6');

/** Whether an IP address is one a server must never fetch for a reader (IPv4-mapped IPv6 read as its IPv4). */
export function isInternalAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped) return internal.check(mapped, 'ipv4');
  const family = isIP(address);
  if (family === 0) return true;
  return internal.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

export interface RemoteOptions {
  /** The origins images may be fetched from (content/site.json's imageOrigins). */
  origins: readonly string[];
  timeoutMs?: number;
  maxBytes?: number;
  maxRedirects?: number;
  log?: (message: string) => void;
  /** Name resolution (tests map a test host name to their own server). */
  resolve?: (hostname: string) => Promise<{ address: string; family: number }[]>;
  /** Whether `address` may be connected to for `hostname`; by default, any address that is not internal. */
  allowAddress?: (address: string, hostname: string) => boolean;
  /** Certificates to trust beyond the system's (tests' own). */
  ca?: string;
  /**
   * Listed origins the operator vouches for (a WordPress on the newsroom's own network: WORDPRESS_MEDIA_INTERNAL):
   * fetched over http too and at whatever address they name. Only the exact origin: a redirect elsewhere is held
   * to every rule again.
   */
  trusted?: readonly string[];
}

/**
 * Reads an image from a listed origin, under the rules a server fetching for strangers needs: https only, the
 * origin listed (again at each redirect, at most three), every address the name resolves to outside internal
 * networks (checked as the connection is made, so a name cannot change its answer in between), a time limit and
 * a byte limit. Anything else is undefined, with a log line saying why.
 */
export function createRemoteSource({
  origins,
  timeoutMs = 10_000,
  maxBytes = MAX_SOURCE_BYTES,
  maxRedirects = 3,
  log = console.error,
  resolve = (hostname) => lookup(hostname, { all: true }),
  allowAddress = (address) => !isInternalAddress(address),
  ca,
  trusted = [],
}: RemoteOptions) {
  const listed = new Set(origins);
  const vouched = new Set(trusted.filter((origin) => listed.has(origin)));

  const lookupFor =
    (allowed: typeof allowAddress): LookupFunction =>
    (hostname, options, callback) => {
      resolve(hostname).then(
        (addresses) => {
          const refused = addresses.find(({ address }) => !allowed(address, hostname));
          if (refused || addresses.length === 0) {
            const error = new Error(`${hostname} resolves to an internal address (${refused?.address ?? 'none'})`);
            callback(error, '', 0);
          } else if (options.all) callback(null, addresses);
          else callback(null, addresses[0]!.address, addresses[0]!.family);
        },
        (error: Error) => callback(error as NodeJS.ErrnoException, '', 0),
      );
    };

  const safeLookup = lookupFor(allowAddress);
  const anyLookup = lookupFor(() => true);

  function fetchOnce(url: URL): Promise<{ redirect?: string; bytes?: Buffer; status: number }> {
    const trustedHere = vouched.has(url.origin);
    // An address written as such is connected to without a lookup: it is checked here instead.
    const literal = url.hostname.replace(/^\[(.*)\]$/, '$1');
    if (!trustedHere && isIP(literal) && !allowAddress(literal, literal))
      return Promise.reject(new Error(`${literal} is an internal address`));
    return new Promise((done, fail) => {
      const call = (url.protocol === 'http:' ? httpRequest : request)(
        url,
        {
          lookup: trustedHere ? anyLookup : safeLookup,
          ca,
          timeout: timeoutMs,
          headers: { accept: 'image/avif,image/webp,image/*' },
        },
        (response) => {
          const status = response.statusCode ?? 0;
          if (status >= 300 && status < 400 && response.headers.location) {
            response.resume();
            return done({ status, redirect: response.headers.location });
          }
          if (status !== 200) {
            response.resume();
            return done({ status });
          }
          const declared = Number(response.headers['content-length'] ?? 0);
          if (declared > maxBytes) {
            call.destroy();
            return fail(new Error(`it is ${declared} bytes, more than ${maxBytes}`));
          }
          const chunks: Buffer[] = [];
          let size = 0;
          response.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size > maxBytes) call.destroy(new Error(`it is more than ${maxBytes} bytes`));
            else chunks.push(chunk);
          });
          response.on('end', () => done({ status, bytes: Buffer.concat(chunks) }));
          response.on('error', fail);
        },
      );
      call.on('timeout', () => call.destroy(new Error(`no answer within ${timeoutMs} ms`)));
      call.on('error', fail);
      call.end();
    });
  }

  return async function read(src: string): Promise<Buffer | undefined> {
    let url: URL;
    try {
      url = new URL(src);
    } catch {
      return undefined;
    }
    if (!listed.has(url.origin)) return undefined; // not ours to fetch: the page shows it as it is
    try {
      for (let redirects = 0; ; redirects++) {
        if (url.protocol !== 'https:' && !vouched.has(url.origin)) throw new Error(`${url.origin} is not https`);
        if (!listed.has(url.origin)) throw new Error(`it leads to ${url.origin}, which is not in imageOrigins`);
        const answer = await fetchOnce(url);
        if (answer.bytes) return answer.bytes;
        if (!answer.redirect) throw new Error(`the origin answered ${answer.status}`);
        if (redirects >= maxRedirects) throw new Error(`more than ${maxRedirects} redirects`);
        url = new URL(answer.redirect, url);
      }
    } catch (error) {
      log(`images: ${src} was not fetched: ${(error as Error).message}`);
      return undefined;
    }
  };
}
