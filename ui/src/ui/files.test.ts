// Pictures from Rust's base64: PNG told from JPEG, shown through a blob: URL.
import { describe, expect, it, vi } from 'vitest';
import { blobUrlFromBase64, imageTypeOf } from './files';

describe('files', () => {
  it('tells PNG from JPEG by the first bytes', () => {
    expect(imageTypeOf('iVBORw0KGgo=')).toBe('image/png');
    expect(imageTypeOf('/9j/4AAQ')).toBe('image/jpeg');
  });

  it('makes a blob: URL of the bytes, and nothing of text that is not base64', () => {
    const made: Blob[] = [];
    URL.createObjectURL = vi.fn((b: Blob) => { made.push(b); return 'blob:kartoteka/1'; });
    expect(blobUrlFromBase64('iVBORw0KGgo=')).toBe('blob:kartoteka/1');
    expect(made[0].type).toBe('image/png');
    expect(made[0].size).toBe(8);
    expect(blobUrlFromBase64('%%% not base64')).toBeNull();
  });
});
