/**
 * Tells what a file is from its first bytes, not its name: only images and other media may be published
 * from outside `source/`, whatever the file is called.
 */

const HEAD_BYTES = 4096;
export const SNIFF_LENGTH = HEAD_BYTES;

interface Signature {
  type: string;
  offset: number;
  bytes: readonly number[];
}

const ascii = (s: string): number[] => [...s].map((c) => c.charCodeAt(0));

const SIGNATURES: readonly Signature[] = [
  { type: 'image/png', offset: 0, bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { type: 'image/jpeg', offset: 0, bytes: [0xff, 0xd8, 0xff] },
  { type: 'image/gif', offset: 0, bytes: ascii('GIF8') },
  { type: 'image/bmp', offset: 0, bytes: ascii('BM') },
  { type: 'image/tiff', offset: 0, bytes: [0x49, 0x49, 0x2a, 0x00] },
  { type: 'image/tiff', offset: 0, bytes: [0x4d, 0x4d, 0x00, 0x2a] },
  { type: 'image/x-icon', offset: 0, bytes: [0x00, 0x00, 0x01, 0x00] },
  { type: 'video/webm', offset: 0, bytes: [0x1a, 0x45, 0xdf, 0xa3] },
  { type: 'audio/ogg', offset: 0, bytes: ascii('OggS') },
  { type: 'audio/flac', offset: 0, bytes: ascii('fLaC') },
  { type: 'audio/mpeg', offset: 0, bytes: ascii('ID3') },
  { type: 'application/pdf', offset: 0, bytes: ascii('%PDF-') },
];

const RIFF_TYPES: Readonly<Record<string, string>> = {
  WEBP: 'image/webp',
  WAVE: 'audio/wav',
  'AVI ': 'video/x-msvideo',
};
const ISO_BRANDS: Readonly<Record<string, string>> = {
  avif: 'image/avif',
  avis: 'image/avif',
  heic: 'image/heic',
  heix: 'image/heic',
  mif1: 'image/heif',
  msf1: 'image/heif',
  qt: 'video/quicktime',
};

export type SniffResult = { ok: true; type: string } | { ok: false; reason: string };

/** Sniffs the media type from the first bytes of a file (pass at least SNIFF_LENGTH bytes when available). */
export function sniffMediaType(head: Uint8Array): SniffResult {
  for (const signature of SIGNATURES) {
    if (startsWith(head, signature.bytes, signature.offset)) return { ok: true, type: signature.type };
  }
  if (head.length >= 12 && startsWith(head, ascii('RIFF'), 0)) {
    const type = RIFF_TYPES[latin1(head, 8, 12)];
    if (type) return { ok: true, type };
  }
  if (head.length >= 12 && latin1(head, 4, 8) === 'ftyp') {
    const brand = latin1(head, 8, 12).trim();
    return { ok: true, type: ISO_BRANDS[brand] ?? (brand.startsWith('M4A') ? 'audio/mp4' : 'video/mp4') };
  }
  if (head.length >= 2 && head[0] === 0xff && ((head[1] as number) & 0xe0) === 0xe0) {
    return { ok: true, type: 'audio/mpeg' };
  }
  return sniffSvg(head);
}

/** SVG is text: accept it only when it is an SVG document with nothing that could run script. */
function sniffSvg(head: Uint8Array): SniffResult {
  const text = new TextDecoder('utf-8', { fatal: false }).decode(head).replace(/^\uFEFF/, '');
  const rest = text.replace(
    /^(?:\s+|<\?xml[^>]*\?>|<!--[\s\S]*?-->|<!DOCTYPE[^>[]*(?:\[[\s\S]*?\])?\s*>)*/i,
    '',
  );
  if (!/^<svg[\s>]/i.test(rest))
    return { ok: false, reason: 'its content is not an image or other media file' };
  if (/<script|<foreignObject|\son[a-z]+\s*=|javascript:/i.test(text)) {
    return { ok: false, reason: 'it is an SVG with script or event handlers' };
  }
  return { ok: true, type: 'image/svg+xml' };
}

function startsWith(head: Uint8Array, bytes: readonly number[], offset: number): boolean {
  if (head.length < offset + bytes.length) return false;
  return bytes.every((b, i) => head[offset + i] === b);
}

function latin1(head: Uint8Array, from: number, to: number): string {
  return String.fromCharCode(...head.subarray(from, to));
}
