import { describe, expect, it } from 'vitest';
import { base64ToBytes, base64ToTyped, bytesToBase64, typedToBase64 } from './typed-base64.js';

describe('typed-base64', () => {
  it('matches standard base64 for every padding case', () => {
    expect(bytesToBase64(new TextEncoder().encode(''))).toBe('');
    expect(bytesToBase64(new TextEncoder().encode('f'))).toBe('Zg==');
    expect(bytesToBase64(new TextEncoder().encode('fo'))).toBe('Zm8=');
    expect(bytesToBase64(new TextEncoder().encode('foobar'))).toBe('Zm9vYmFy');
    expect(new TextDecoder().decode(base64ToBytes('Zm9vYmE='))).toBe('fooba');
  });

  it('round-trips large typed arrays', () => {
    const a = Float32Array.from({ length: 100_001 }, (_, i) => Math.sin(i));
    expect(base64ToTyped(typedToBase64(a), Float32Array)).toEqual(a);
    const u = Uint32Array.from({ length: 777 }, (_, i) => (i * 2654435761) >>> 0);
    expect(base64ToTyped(typedToBase64(u), Uint32Array)).toEqual(u);
  });

  it('rejects text that is not base64 or does not fit the array type', () => {
    expect(() => base64ToBytes('abc')).toThrow(TypeError);
    expect(() => base64ToBytes('ab$d')).toThrow(TypeError);
    expect(() => base64ToTyped('Zm8=', Uint32Array)).toThrow(TypeError);
  });
});
