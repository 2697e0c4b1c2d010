/** Reads an image's pixel size once per file version, for `width`/`height` attributes. */
import fs from 'node:fs';
import { imageSize } from 'image-size';

export interface PixelSize {
  width: number;
  height: number;
}

const cache = new Map<string, { stamp: string; size: PixelSize | null }>();

export function readImageSize(file: string): PixelSize | null {
  let stamp: string;
  try {
    const stat = fs.statSync(file);
    stamp = `${stat.size}:${stat.mtimeMs}`;
  } catch {
    return null;
  }
  const cached = cache.get(file);
  if (cached && cached.stamp === stamp) return cached.size;
  let size: PixelSize | null = null;
  try {
    const result = imageSize(fs.readFileSync(file));
    if (result.width && result.height) size = { width: result.width, height: result.height };
  } catch {
    size = null;
  }
  cache.set(file, { stamp, size });
  return size;
}

/** Typora writes `style="zoom:50%;"` when an image is resized; returns the factor and the style without it. */
export function takeZoom(style: string): { zoom: number; rest: string } | null {
  const match = /(?:^|;)\s*zoom\s*:\s*([\d.]+)\s*(%?)\s*(?:;|$)/i.exec(style);
  if (!match) return null;
  const value = Number(match[1]);
  if (!Number.isFinite(value) || value <= 0) return null;
  const zoom = match[2] === '%' ? value / 100 : value;
  const rest = `${style.slice(0, match.index)};${style.slice(match.index + match[0].length)}`
    .split(';')
    .map((s) => s.trim())
    .filter(Boolean)
    .join('; ');
  return { zoom, rest };
}
