import { escapeXml } from '../server/http';
import type { Site } from '../src/schema';

/**
 * What deploy/varnish/byline-backends.vcl holds, made from BYLINE_BACKENDS and the site's identity: the
 * backends (each probed with byline.vcl's byline_ready), the round-robin director `byline`, and the 503 page
 * readers get when no server answers. scripts/render-vcl.ts writes it; test/helpers/varnish.ts renders it for
 * the servers under test.
 */
export interface Backend {
  host: string;
  port: number;
}

const HOSTNAME =
  /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*$/;
const IPV6 = /^[0-9A-Fa-f:.]+$/;

/** `10.0.0.5:3000,web2:3000,[::1]:3001` as backends; a clear error naming the entry that is wrong. */
export function parseBackends(raw: string | undefined): Backend[] {
  if (!raw || !raw.trim()) {
    throw new Error('BYLINE_BACKENDS is not set: list the Byline servers as host:port, comma-separated');
  }
  const backends = raw.split(',').map((entry, index) => {
    const text = entry.trim();
    const where = `BYLINE_BACKENDS entry ${index + 1} ("${text}")`;
    const match = /^(?:\[([^\]]+)\]|([^:[\]]+)):(\d{1,5})$/.exec(text);
    if (!match) throw new Error(`${where} must be host:port, e.g. 127.0.0.1:3000 or [::1]:3000`);
    const host = match[1] ?? match[2]!;
    if (match[1] ? !IPV6.test(host) || !host.includes(':') : !HOSTNAME.test(host)) {
      throw new Error(`${where}: "${host}" is not a host name or IP address`);
    }
    const port = Number(match[3]);
    if (port < 1 || port > 65535) throw new Error(`${where}: the port must be from 1 to 65535`);
    return { host, port };
  });
  const seen = new Set<string>();
  for (const backend of backends) {
    const key = `${backend.host.toLowerCase()}:${backend.port}`;
    if (seen.has(key)) throw new Error(`BYLINE_BACKENDS names ${key} twice`);
    seen.add(key);
  }
  return backends;
}

/** The small page Varnish answers with (503) when no server does: the site's name and colours, no Varnish text. */
export function unavailablePage(site: Pick<Site, 'name' | 'language' | 'themeColor' | 'backgroundColor'>): string {
  const name = escapeXml(site.name);
  return [
    '<!doctype html>',
    `<html lang="${escapeXml(site.language)}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${name} is unavailable</title>`,
    // The site's own colours (validated #rrggbb); the text stays near-black on the background for contrast.
    `<style>body{margin:0;background:${site.backgroundColor};color:#1a1a1a;font:1.125rem/1.5 system-ui,sans-serif}` +
      `main{max-width:34rem;margin:12vh auto;padding:1.5rem;border-top:.5rem solid ${site.themeColor}}` +
      'h1{font-size:1.5rem;margin:.5rem 0}</style>',
    '</head>',
    '<body><main>',
    `<p><strong>${name}</strong></p>`,
    '<h1>Back in a moment</h1>',
    '<p>The site is not answering right now. Please try again in a minute.</p>',
    '</main></body>',
    '</html>',
    '',
  ].join('\n');
}

const vclName = (index: number) => `byline_${index + 1}`;

/** The include file's text. Nothing in it comes from outside unchecked: hosts and ports are parsed, the page escaped. */
export function renderBackendsVcl(backends: Backend[], page: string): string {
  if (backends.length === 0) throw new Error('renderBackendsVcl: no backends');
  // A VCL long string ends at the first "}: the escaped name and language have no double quote, and the fixed
  // markup has no "} either, so only a bug could put one there.
  if (page.includes('"}')) throw new Error('renderBackendsVcl: the page must not contain "}');
  const lines = [
    "# Written by scripts/render-vcl.ts (npm run vcl:render) from BYLINE_BACKENDS and the site's site.json.",
    '# Do not edit: render it again. Included by byline.vcl, which defines the probe byline_ready.',
    '',
  ];
  backends.forEach((backend, index) => {
    lines.push(
      `backend ${vclName(index)} {`,
      `    .host = "${backend.host}";`,
      `    .port = "${backend.port}";`,
      '    .connect_timeout = 2s;',
      '    .first_byte_timeout = 30s;',
      '    .probe = byline_ready;',
      '}',
      '',
    );
  });
  lines.push('sub vcl_init {', '    new byline = directors.round_robin();');
  backends.forEach((_, index) => lines.push(`    byline.add_backend(${vclName(index)});`));
  lines.push('}', '', 'sub byline_unavailable {', `    set beresp.body = {"${page}"};`, '}', '');
  return lines.join('\n');
}
