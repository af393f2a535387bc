import { describe, expect, it } from 'vitest';
import { originWarning, trustedOrigin } from './origin';

describe('the trusted origin', () => {
  it('is PUBLIC_ORIGIN when set, reduced to its origin', () => {
    expect(trustedOrigin({ publicOrigin: 'https://news.example/', host: '127.0.0.1', port: 3000 })).toBe(
      'https://news.example',
    );
  });

  it('is the server’s own address without PUBLIC_ORIGIN, with localhost for loopback and unspecified hosts', () => {
    const without = (host: string, port = 3000) => trustedOrigin({ publicOrigin: undefined, host, port });
    for (const host of ['127.0.0.1', '127.0.0.53', '0.0.0.0', '::', '::1', '[::1]', 'localhost', ''])
      expect(without(host), host).toBe('http://localhost:3000');
    expect(without('10.0.0.7', 8080)).toBe('http://10.0.0.7:8080');
    expect(without('news-box.internal')).toBe('http://news-box.internal:3000');
    expect(without('fd00::7')).toBe('http://[fd00::7]:3000');
    expect(without('news-box.internal', 80)).toBe('http://news-box.internal');
  });

  it('warns in production only, and only without PUBLIC_ORIGIN', () => {
    const config = { publicOrigin: undefined, host: '0.0.0.0', port: 3000 };
    expect(originWarning(config, { NODE_ENV: 'production' })).toContain('PUBLIC_ORIGIN is not set');
    expect(originWarning(config, { NODE_ENV: 'production' })).toContain('http://localhost:3000');
    expect(originWarning(config, {})).toBeUndefined();
    expect(
      originWarning({ ...config, publicOrigin: 'https://news.example' }, { NODE_ENV: 'production' }),
    ).toBeUndefined();
  });
});
