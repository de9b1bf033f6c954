// Files chosen by the user: read as base64 (what Rust stores, without the "data:…;base64," prefix)
// and shown back through blob: URLs (the CSP allows img-src blob:, never remote images).

/** "data:image/png;base64,iVBOR…" → "iVBOR…"; text without the prefix is returned as is. */
export function stripDataUrl(dataUrl: string): string {
  const comma = dataUrl.indexOf(',');
  return dataUrl.startsWith('data:') && comma >= 0 ? dataUrl.slice(comma + 1) : dataUrl;
}

/** Reads a file as base64 (no data: prefix). */
export function readFileAsBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(stripDataUrl(String(reader.result ?? '')));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(file);
  });
}

/** Whether a chosen file is a PNG or JPEG picture. */
export function isPngOrJpeg(file: File): boolean {
  return file.type === 'image/png' || file.type === 'image/jpeg' || /\.(png|jpe?g)$/i.test(file.name);
}

/** The picture type of base64 image data, from its first bytes (PNG or else JPEG). */
export function imageTypeOf(base64: string): 'image/png' | 'image/jpeg' {
  return base64.startsWith('iVBOR') ? 'image/png' : 'image/jpeg';
}

/** A blob: URL for base64 image data, or null where blob URLs are not available. */
export function blobUrlFromBase64(base64: string): string | null {
  if (typeof URL.createObjectURL !== 'function') return null;
  try {
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    return URL.createObjectURL(new Blob([bytes], { type: imageTypeOf(base64) }));
  } catch {
    return null;
  }
}

/** A blob: URL for a chosen file, or null where blob URLs are not available. */
export function blobUrlFromFile(file: Blob): string | null {
  return typeof URL.createObjectURL === 'function' ? URL.createObjectURL(file) : null;
}

export function revokeBlobUrl(url: string | null): void {
  if (url && typeof URL.revokeObjectURL === 'function') URL.revokeObjectURL(url);
}
