/**
 * Tells what a file is from its first bytes, not its name: only images and other media may be published
 * from outside `source/`, whatever the file is called. Says nothing about whether the type is safe to
 * publish from there (`outside_file_policy.ts` decides; SVG never is).
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
  { type: 'image/tiff', offset: 0, bytes: [0x49, 0x49, 0x2a, 0x00] },
  { type: 'image/tiff', offset: 0, bytes: [0x4d, 0x4d, 0x00, 0x2a] },
  { type: 'video/webm', offset: 0, bytes: [0x1a, 0x45, 0xdf, 0xa3] },
  { type: 'audio/ogg', offset: 0, bytes: ascii('OggS') },
  { type: 'audio/flac', offset: 0, bytes: ascii('fLaC') },
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
  const structured = sniffByHeaderFields(head);
  if (structured) return { ok: true, type: structured };
  return sniffSvg(head);
}

/**
 * Formats whose magic is too short to tell them from text or secrets (`BM…`, `ID3…`, an MP3 frame sync,
 * ICO's four bytes): the header fields after the magic must also hold values only a real file has.
 */
function sniffByHeaderFields(head: Uint8Array): string | undefined {
  if (isBmp(head)) return 'image/bmp';
  if (isIco(head)) return 'image/x-icon';
  if (isId3(head) || isMpegFrame(head)) return 'audio/mpeg';
  return undefined;
}

const BMP_INFO_HEADER_SIZES = new Set([12, 16, 40, 52, 56, 64, 108, 124]);

/** `BM`, four reserved zero bytes, a pixel offset past the headers, a known info-header size. */
function isBmp(head: Uint8Array): boolean {
  if (head.length < 26 || !startsWith(head, ascii('BM'), 0)) return false;
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  const infoSize = view.getUint32(14, true);
  return (
    view.getUint32(6, true) === 0 &&
    BMP_INFO_HEADER_SIZES.has(infoSize) &&
    view.getUint32(10, true) >= 14 + infoSize
  );
}

/** `00 00 01 00`, a non-zero image count, and a first entry with zero reserved byte and sane planes. */
function isIco(head: Uint8Array): boolean {
  if (head.length < 22 || !startsWith(head, [0x00, 0x00, 0x01, 0x00], 0)) return false;
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  const count = view.getUint16(4, true);
  return count > 0 && head[9] === 0 && view.getUint16(10, true) <= 1 && view.getUint32(18, true) > 0;
}

/** ID3v2: `ID3`, major version 2–4, a revision below 0xFF, and a size of four 7-bit bytes. */
function isId3(head: Uint8Array): boolean {
  if (head.length < 10 || !startsWith(head, ascii('ID3'), 0)) return false;
  const major = head[3] as number;
  return (
    major >= 2 && major <= 4 && (head[4] as number) < 0xff && head.subarray(6, 10).every((b) => b < 0x80)
  );
}

/** An MPEG audio frame header: 11 sync bits, then version, layer, bitrate and sample rate not reserved. */
function isMpegFrame(head: Uint8Array): boolean {
  if (head.length < 4 || head[0] !== 0xff) return false;
  const b1 = head[1] as number;
  const b2 = head[2] as number;
  const version = (b1 >> 3) & 0b11;
  const layer = (b1 >> 1) & 0b11;
  const bitrate = b2 >> 4;
  const sampleRate = (b2 >> 2) & 0b11;
  return (b1 & 0xe0) === 0xe0 && version !== 0b01 && layer !== 0 && bitrate !== 0b1111 && sampleRate !== 0b11;
}

/**
 * SVG is text: an `<svg` root after the XML prolog, comments and a doctype. Recognised so that the author
 * is told "it is an SVG", not "not an image"; whether it could run script is not guessed at here.
 */
function sniffSvg(head: Uint8Array): SniffResult {
  const text = new TextDecoder('utf-8', { fatal: false }).decode(head).replace(/^\uFEFF/, '');
  const rest = text.replace(
    /^(?:\s+|<\?xml[^>]*\?>|<!--[\s\S]*?-->|<!DOCTYPE[^>[]*(?:\[[\s\S]*?\])?\s*>)*/i,
    '',
  );
  if (!/^<(?:[\w.-]+:)?svg[\s>/]/i.test(rest))
    return { ok: false, reason: 'its content is not an image or other media file' };
  return { ok: true, type: 'image/svg+xml' };
}

function startsWith(head: Uint8Array, bytes: readonly number[], offset: number): boolean {
  if (head.length < offset + bytes.length) return false;
  return bytes.every((b, i) => head[offset + i] === b);
}

function latin1(head: Uint8Array, from: number, to: number): string {
  return String.fromCharCode(...head.subarray(from, to));
}
