import { describe, expect, it } from 'vitest';
import { contrast, lightnessOf, luminance, mix, parseHex, withLightness } from './colour';

describe('contrast', () => {
  it('gives the WCAG extremes and the well-known grey on white', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#ffffff', '#000000')).toBeCloseTo(21, 5);
    expect(contrast('#3a7bd5', '#3a7bd5')).toBe(1);
    // #767676 is the lightest grey that passes AA on white; #777777 just fails.
    expect(contrast('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
    expect(contrast('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
  });

  it('weighs green far above blue, as the eye does', () => {
    expect(luminance('#00ff00')).toBeCloseTo(0.7152, 4);
    expect(luminance('#0000ff')).toBeCloseTo(0.0722, 4);
  });

  it('refuses anything but #rrggbb', () => {
    for (const bad of ['red', '#fff', '#12345g', '#123456;}body{', ''])
      expect(() => parseHex(bad), bad).toThrow(/not a #rrggbb colour/);
  });
});

describe('colour arithmetic', () => {
  it('mixes by channel', () => {
    expect(mix('#000000', '#ffffff', 0.5)).toBe('#808080');
    expect(mix('#102030', '#102030', 0.3)).toBe('#102030');
  });

  it('moves lightness and keeps the hue', () => {
    expect(withLightness('#ff0000', 0.75)).toBe('#ff8080');
    expect(withLightness('#1d5a7a', 1)).toBe('#ffffff');
    expect(withLightness('#1d5a7a', 0)).toBe('#000000');
    expect(lightnessOf('#ff8080')).toBeCloseTo(0.75, 2);
  });
});
