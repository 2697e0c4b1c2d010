/**
 * Where a post's front matter ends and what its Typora keys say, split exactly as Hexo splits it
 * (hexo-front-matter's two forms, `---` / `;;;` fences or a bare block closed by `---`), with offsets in
 * the bytes as written (BOM and CRLF included), so that the body offsets are exact. Front matter is never re-serialized:
 * only the bytes of one value may be edited, through `valueSpan`.
 */
import { parse, split } from 'hexo-front-matter';

export interface ValueSpan {
  /** Offsets of the value in the post (inside the quotes when quoted). */
  start: number;
  end: number;
  value: string;
  quote: '' | '"' | "'";
}

export interface FrontMatter {
  /** Offset of the markdown body (after the closing fence). */
  bodyStart: number;
  /** Lines above the body, to report body lines as file lines. */
  lineOffset: number;
  data: Record<string, unknown>;
  /** Offsets of the raw data block (between the fences). */
  dataStart: number;
  dataEnd: number;
}

export type FrontMatterResult =
  | { ok: true; frontMatter: FrontMatter }
  | { ok: false; line: number; message: string };

/**
 * Splits with hexo-front-matter itself, on the text as Hexo reads it (hexo-fs drops a BOM and folds CRLF),
 * then maps the offsets back to the bytes as written.
 */
export function readFrontMatter(text: string): FrontMatterResult {
  const bom = text.startsWith('\uFEFF') ? 1 : 0;
  const seen = text.slice(bom).replace(/\r\n/g, '\n');
  const parts = split(seen);
  if (parts.data === undefined) return { ok: true, frontMatter: none(bom) };
  const toOriginal = offsetMap(text, bom);
  const dataAt = parts.prefixSeparator ? seen.indexOf('\n') + 1 : 0;
  const dataStart = toOriginal(dataAt);
  let parsed: Record<string, unknown>;
  try {
    parsed = parse(seen) as Record<string, unknown>;
  } catch (error) {
    const mark = (error as { mark?: { line?: number } }).mark;
    const line = lineAt(text, dataStart) + (typeof mark?.line === 'number' ? mark.line : 0);
    const reason = String((error as Error).message ?? error).split('\n')[0] as string;
    return { ok: false, line, message: reason };
  }
  // Hexo's body is `_content`: the whole text when the block is no front matter (YAML that is not a map).
  const body = typeof parsed._content === 'string' ? parsed._content : seen;
  delete parsed._content;
  if (body.length === seen.length) return { ok: true, frontMatter: none(bom) };
  const bodyStart = toOriginal(seen.length - body.length);
  return {
    ok: true,
    frontMatter: {
      bodyStart,
      lineOffset: lineAt(text, bodyStart) - 1,
      data: parsed,
      dataStart,
      dataEnd: toOriginal(dataAt + parts.data.length),
    },
  };
}

/** Maps an offset in the text Hexo sees (no BOM, LF only) to the offset in the text as written. */
function offsetMap(text: string, bom: number): (offset: number) => number {
  const removed: number[] = [];
  let seen = 0;
  for (let i = bom; i < text.length; i++) {
    if (text[i] === '\r' && text[i + 1] === '\n') removed.push(seen);
    else seen++;
  }
  return (offset) => {
    let shift = 0;
    for (const at of removed) {
      if (at < offset) shift++;
      else break;
    }
    return bom + offset + shift;
  };
}

/** The value of a top-level `key: value` line of the front matter, to edit only its bytes. */
export function valueSpan(text: string, frontMatter: FrontMatter, key: string): ValueSpan | undefined {
  const block = text.slice(frontMatter.dataStart, frontMatter.dataEnd);
  const line = new RegExp(`^${key.replace(/[-.]/g, '\\$&')}[ \\t]*:[ \\t]*(.*?)[ \\t]*\\r?$`, 'm').exec(
    block,
  );
  if (!line) return undefined;
  let raw = line[1] as string;
  let offset = frontMatter.dataStart + line.index + line[0].indexOf(raw, key.length);
  const quote = raw[0] === '"' || raw[0] === "'" ? (raw[0] as '"' | "'") : '';
  if (quote) {
    const close = raw.indexOf(quote, 1);
    if (close < 0) return undefined;
    raw = raw.slice(1, close);
    offset += 1;
  } else {
    raw = raw.replace(/\s+#.*$/, '');
  }
  return { start: offset, end: offset + raw.length, value: raw, quote };
}

function none(bom: number): FrontMatter {
  return { bodyStart: bom, lineOffset: 0, data: {}, dataStart: bom, dataEnd: bom };
}

/** 1-based line of an offset. */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}
