import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { THEMES } from './palette';

const css = readFileSync(join(import.meta.dirname, '..', '..', 'src', 'app', 'styles.css'), 'utf8');

describe('the backgrounds the accent is checked against', () => {
  it.each([
    ['--paper', 'page'],
    ['--card', 'card'],
  ] as const)('are the stylesheet’s %s in both themes', (property, name) => {
    const declared = new RegExp(`${property}: light-dark\\((#[0-9a-f]{6}), (#[0-9a-f]{6})\\);`).exec(css);
    expect(declared?.slice(1)).toEqual([THEMES.light[name], THEMES.dark[name]]);
  });
});
