// Reading a chosen file as base64 without the data: prefix, and telling PNG from JPEG.
import { describe, expect, it } from 'vitest';
import { imageTypeOf, isPngOrJpeg, readFileAsBase64, stripDataUrl } from './files';

describe('files', () => {
  it('strips the data: prefix and leaves plain base64 alone', () => {
    expect(stripDataUrl('data:image/png;base64,iVBORw0KGgo=')).toBe('iVBORw0KGgo=');
    expect(stripDataUrl('data:;base64,QUJD')).toBe('QUJD');
    expect(stripDataUrl('iVBORw0KGgo=')).toBe('iVBORw0KGgo=');
  });

  it('reads a file as base64 without the prefix', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const base64 = await readFileAsBase64(new File([png], 'pasek.png', { type: 'image/png' }));
    expect(base64).toBe('iVBORw0KGgo=');
    expect(base64.startsWith('data:')).toBe(false);
    expect(imageTypeOf(base64)).toBe('image/png');
    expect(imageTypeOf('/9j/4AAQ')).toBe('image/jpeg');
  });

  it('accepts PNG and JPEG only', () => {
    expect(isPngOrJpeg(new File(['x'], 'a.png', { type: 'image/png' }))).toBe(true);
    expect(isPngOrJpeg(new File(['x'], 'a.JPG', { type: '' }))).toBe(true);
    expect(isPngOrJpeg(new File(['x'], 'a.gif', { type: 'image/gif' }))).toBe(false);
  });
});
