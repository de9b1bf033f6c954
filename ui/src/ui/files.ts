// Pictures Rust gives as base64 (the strip of logos) shown through blob: URLs (the CSP allows
// img-src blob:, never remote images). Files are chosen and read by Rust, never here.

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

export function revokeBlobUrl(url: string | null): void {
  if (url && typeof URL.revokeObjectURL === 'function') URL.revokeObjectURL(url);
}
