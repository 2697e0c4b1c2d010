/**
 * Where an image's own data ends, found by walking its structure (not by looking at the last bytes, which
 * anyone can make look like an end marker): PNG up to its first IEND chunk, JPEG up to the EOI after its
 * last scan, GIF up to its trailer, WebP up to the size its RIFF header gives. Browsers stop there; what
 * follows is never shown, so a file with more after the end carries something that is not the picture.
 * Bounded: reads go through a ByteSource window, whatever the file's size.
 */
import { type ByteSource, byteAt, WINDOW_BYTES } from '../fs/byte_source';

export type MediaEnd =
  /** The image's data ends at byte `at` (the file may go on after it). */
  | { kind: 'ends'; at: number }
  /** The structure breaks off or is not the format's: no end was found. */
  | { kind: 'broken'; detail: string }
  /** No end is looked for in this format. */
  | { kind: 'unchecked' };

/** The formats whose end is checked, with the name of their end marker (for messages). */
export const END_MARKERS: Readonly<Record<string, string>> = {
  'image/png': 'its IEND chunk',
  'image/jpeg': 'its end-of-image marker (EOI)',
  'image/gif': 'its trailer byte',
  'image/webp': 'the size its RIFF header gives',
};

export function findMediaEnd(type: string, source: ByteSource): MediaEnd {
  switch (type) {
    case 'image/png':
      return pngEnd(source);
    case 'image/jpeg':
      return jpegEnd(source);
    case 'image/gif':
      return gifEnd(source);
    case 'image/webp':
      return riffEnd(source);
    default:
      return { kind: 'unchecked' };
  }
}

const ends = (at: number): MediaEnd => ({ kind: 'ends', at });
const broken = (detail: string): MediaEnd => ({ kind: 'broken', detail });

function u32be(bytes: Uint8Array, at: number): number {
  const high = (bytes[at] as number) * 0x1000000;
  return (
    high + (((bytes[at + 1] as number) << 16) | ((bytes[at + 2] as number) << 8) | (bytes[at + 3] as number))
  );
}

/** Chunks (length, type, data, CRC) from after the 8-byte signature up to the first IEND. */
function pngEnd(source: ByteSource): MediaEnd {
  let position = 8;
  for (;;) {
    const header = source.read(position, 8);
    if (header.length < 8) return broken('it has no IEND chunk (the file is cut short)');
    const next = position + 12 + u32be(header, 0);
    if (next > source.size) return broken('a chunk runs past the end of the file');
    if (String.fromCharCode(...header.subarray(4, 8)) === 'IEND') return ends(next);
    position = next;
  }
}

/** Segments after SOI; each scan's entropy-coded data runs to the next marker that is not a restart. */
function jpegEnd(source: ByteSource): MediaEnd {
  let position = 2;
  for (;;) {
    if (byteAt(source, position) !== 0xff) return broken('a segment does not start with a marker');
    // Any number of 0xFF fill bytes may precede a marker.
    while (byteAt(source, position + 1) === 0xff) position++;
    const marker = byteAt(source, position + 1);
    if (marker === undefined) return broken('it has no end-of-image marker (the file is cut short)');
    if (marker === 0xd9) return ends(position + 2);
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      position += 2;
      continue;
    }
    const length = source.read(position + 2, 2);
    if (length.length < 2) return broken('a segment runs past the end of the file');
    const segmentLength = ((length[0] as number) << 8) | (length[1] as number);
    if (segmentLength < 2) return broken('a segment has an impossible length');
    position += 2 + segmentLength;
    if (position > source.size) return broken('a segment runs past the end of the file');
    if (marker === 0xda) {
      const next = nextMarker(source, position);
      if (next === undefined) return broken('it has no end-of-image marker (the file is cut short)');
      position = next;
    }
  }
}

/** In entropy-coded data 0xFF is followed by 0x00 (a stuffed byte) or a restart marker; anything else is a marker. */
function nextMarker(source: ByteSource, from: number): number | undefined {
  let position = from;
  while (position < source.size) {
    const window = source.read(position, WINDOW_BYTES);
    if (window.length === 0) return undefined;
    let at = window.indexOf(0xff);
    while (at >= 0 && at + 1 < window.length) {
      const following = window[at + 1] as number;
      if (following !== 0x00 && (following < 0xd0 || following > 0xd7)) return position + at;
      at = window.indexOf(0xff, at + 2);
    }
    // A 0xFF as the window's last byte is looked at again with the byte after it.
    if (at >= 0) {
      if (position + at + 1 >= source.size) return undefined;
      position += at;
    } else {
      position += window.length;
    }
  }
  return undefined;
}

/** Header, logical screen descriptor and colour table, then extensions and images, then the 0x3B trailer. */
function gifEnd(source: ByteSource): MediaEnd {
  const header = source.read(0, 13);
  if (header.length < 13) return broken('its header is cut short');
  let position = 13 + colourTableBytes(header[10] as number);
  for (;;) {
    const block = byteAt(source, position);
    if (block === 0x3b) return ends(position + 1);
    if (block === 0x21) {
      position = skipSubBlocks(source, position + 2);
    } else if (block === 0x2c) {
      const descriptor = source.read(position, 10);
      if (descriptor.length < 10) return broken('an image descriptor is cut short');
      // Descriptor, local colour table, the LZW code size byte, then the image data sub-blocks.
      position = skipSubBlocks(source, position + 10 + colourTableBytes(descriptor[9] as number) + 1);
    } else {
      return block === undefined
        ? broken('it has no trailer (the file is cut short)')
        : broken(`an unknown block (0x${block.toString(16)}) comes before the trailer`);
    }
    if (position < 0 || position > source.size) return broken('a block runs past the end of the file');
  }
}

function colourTableBytes(flags: number): number {
  return flags & 0x80 ? 3 * (1 << ((flags & 0x07) + 1)) : 0;
}

/** Data sub-blocks: a length byte, that many bytes, until a zero length. Returns the position after them, or -1. */
function skipSubBlocks(source: ByteSource, from: number): number {
  let position = from;
  for (;;) {
    const length = byteAt(source, position);
    if (length === undefined) return -1;
    position += 1 + length;
    if (length === 0) return position;
  }
}

/** `RIFF`, a little-endian size of what follows, then the form type: the file is 8 + size bytes. */
function riffEnd(source: ByteSource): MediaEnd {
  const header = source.read(0, 8);
  if (header.length < 8) return broken('its header is cut short');
  const size =
    ((header[4] as number) | ((header[5] as number) << 8) | ((header[6] as number) << 16)) +
    (header[7] as number) * 0x1000000;
  const end = 8 + size;
  return end > source.size ? broken('its header gives a size larger than the file') : ends(end);
}
