import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SHUTDOWN_DRAIN_MS } from '../server/config';
import { readSite } from '../server/site';
import { parseBackends, renderBackendsVcl, unavailablePage } from './varnish-backends';

const deploy = join(import.meta.dirname, '..', 'deploy', 'varnish');
const site = { name: 'Harbour <Times> & "Co"', language: 'en-GB', themeColor: '#123456', backgroundColor: '#fafafa' };

describe('parseBackends (BYLINE_BACKENDS)', () => {
  it('reads host:port entries, names and IPv6 in brackets, spaces allowed', () => {
    expect(parseBackends('127.0.0.1:3000, web-2.internal:3001,[::1]:3002')).toEqual([
      { host: '127.0.0.1', port: 3000 },
      { host: 'web-2.internal', port: 3001 },
      { host: '::1', port: 3002 },
    ]);
  });

  it.each([
    [undefined, /BYLINE_BACKENDS is not set/],
    ['  ', /BYLINE_BACKENDS is not set/],
    ['127.0.0.1', /entry 1 \("127\.0\.0\.1"\) must be host:port/],
    ['127.0.0.1:3000,', /entry 2 \(""\) must be host:port/],
    ['127.0.0.1:0', /entry 1 .*port must be from 1 to 65535/],
    ['127.0.0.1:70000', /entry 1 .*port must be from 1 to 65535/],
    ['a";}:3000', /entry 1 .*is not a host name or IP address/],
    ['[zz]:3000', /entry 1 .*"zz" is not a host name or IP address/],
    ['10.0.0.5:3000,10.0.0.5:3000', /names 10\.0\.0\.5:3000 twice/],
  ])('refuses %j with a message naming the fault', (raw, message) => {
    expect(() => parseBackends(raw)).toThrow(message);
  });
});

describe('the 503 page', () => {
  it("carries the site's name (escaped), language and colours, and nothing of Varnish", () => {
    const page = unavailablePage(site);
    expect(page).toContain('<strong>Harbour &lt;Times&gt; &amp; &quot;Co&quot;</strong>');
    expect(page).toContain('<title>Harbour &lt;Times&gt; &amp; &quot;Co&quot; is unavailable</title>');
    expect(page).toContain('<html lang="en-GB">');
    expect(page).toContain('border-top:.5rem solid #123456');
    expect(page).toContain('background:#fafafa');
    expect(page).not.toMatch(/varnish|guru/i);
  });
});

describe('renderBackendsVcl', () => {
  it('declares each backend with the probe, adds each to the round-robin director, and compiles with byline.vcl', () => {
    const vcl = renderBackendsVcl(parseBackends('127.0.0.1:3000,[::1]:3001,localhost:3002'), unavailablePage(site));
    expect(vcl.match(/\.probe = byline_ready;/g)).toHaveLength(3);
    expect(vcl).toContain('new byline = directors.round_robin();');
    for (const name of ['byline_1', 'byline_2', 'byline_3']) expect(vcl).toContain(`byline.add_backend(${name});`);
    expect(vcl).toMatch(/backend byline_2 \{\s*\.host = "::1";\s*\.port = "3001";/);

    const dir = mkdtempSync(join(tmpdir(), 'byline-vcl-'));
    // varnishd started as root reads the files as its own unprivileged user.
    chmodSync(dir, 0o755);
    try {
      copyFileSync(join(deploy, 'byline.vcl'), join(dir, 'byline.vcl'));
      writeFileSync(join(dir, 'byline-backends.vcl'), vcl);
      copyFileSync(join(deploy, 'byline-query.vcl'), join(dir, 'byline-query.vcl'));
      const compiled = spawnSync('varnishd', ['-C', '-n', join(dir, 'work'), '-f', join(dir, 'byline.vcl')], {
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(compiled.status, compiled.stderr).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('refuses a page that would end the VCL string early', () => {
    expect(() => renderBackendsVcl(parseBackends('127.0.0.1:3000'), '<p>"}</p>')).toThrow(/must not contain "}/);
  });

  it('is what deploy/varnish/byline-backends.vcl holds for 127.0.0.1:3000 and content/site.json', () => {
    const { site: shipped } = readSite(join(import.meta.dirname, '..', 'content'));
    expect(shipped).toBeDefined();
    const expected = renderBackendsVcl(parseBackends('127.0.0.1:3000'), unavailablePage(shipped!));
    expect(readFileSync(join(deploy, 'byline-backends.vcl'), 'utf8')).toBe(expected);
  });
});

describe("SHUTDOWN_DRAIN_MS's default and the shipped probe", () => {
  it('outlasts the longest a probe can take to mark a draining server sick', () => {
    const vcl = readFileSync(join(deploy, 'byline.vcl'), 'utf8');
    const block = /probe byline_ready \{([^}]*)\}/.exec(vcl)?.[1] ?? '';
    const field = (name: string) => {
      const match = new RegExp(`\\.${name} = (\\d+)(s?);`).exec(block);
      if (!match) throw new Error(`probe byline_ready has no .${name}`);
      return Number(match[1]) * (match[2] ? 1000 : 1);
    };
    // Failures in a row before a fully healthy window drops below the threshold; the first may wait a whole interval.
    const failures = field('window') - field('threshold') + 1;
    const worstMs = failures * field('interval') + field('timeout');
    expect(worstMs).toBe(8000);
    expect(DEFAULT_SHUTDOWN_DRAIN_MS).toBeGreaterThan(worstMs);
  });
});
