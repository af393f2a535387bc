import { beforeAll, describe, expect, it } from 'vitest';
import {
  BYTE_BUDGETS,
  describeRouteBytes,
  describeSizes,
  kb,
  measureRouteBytes,
  type RouteBytes,
} from '../../scripts/bench/bytes';

/**
 * The story route's first visit stays light: the JS and CSS that dist/index.html loads, gzipped, within budget.
 * Reads the production build (npm test builds it first). 1 KB = 1000 bytes. `npm run bench` reports the same numbers.
 */
let bytes: RouteBytes;

beforeAll(() => {
  bytes = measureRouteBytes();
  console.log(describeRouteBytes(bytes));
});

describe('story route byte budget (1 KB = 1000 bytes, gzip -9)', () => {
  it(`loads at most ${kb(BYTE_BUDGETS.jsGzip)} of JS gzipped on a first visit`, () => {
    const { js } = bytes.totals;
    expect(
      js.gzip,
      `initial JS is ${describeSizes(js)}: ${kb(js.gzip - BYTE_BUDGETS.jsGzip)} over the ${kb(BYTE_BUDGETS.jsGzip)} gzip budget ` +
        `(${bytes.js.map((asset) => `${asset.path} ${kb(asset.gzip)}`).join(', ')})`,
    ).toBeLessThanOrEqual(BYTE_BUDGETS.jsGzip);
  });

  it(`loads at most ${kb(BYTE_BUDGETS.cssGzip)} of CSS gzipped on a first visit`, () => {
    const { css } = bytes.totals;
    expect(
      css.gzip,
      `CSS is ${describeSizes(css)}: ${kb(css.gzip - BYTE_BUDGETS.cssGzip)} over the ${kb(BYTE_BUDGETS.cssGzip)} gzip budget ` +
        `(${bytes.css.map((asset) => `${asset.path} ${kb(asset.gzip)}`).join(', ')})`,
    ).toBeLessThanOrEqual(BYTE_BUDGETS.cssGzip);
  });
});
