/**
 * Where a post's front matter ends and what its Typora keys say, split exactly as Hexo splits it
 * (hexo-front-matter's two forms, `---` / `;;;` fences or a bare block closed by `---`), on the bytes as
 * written (CRLF included), so that the body offsets are exact. Front matter is never re-serialized:
 * only the bytes of one value may be edited, through `valueSpan`.
 */
import { parse } from 'hexo-front-matter';

const FENCED = /^(-{3,}|;{3,})\r?\n([\s\S]+?)\r?\n\1(?:\r?\n)?/;
const FENCE_FIRST = /^(-{3,}|;{3,})/;
const BARE = /^([\s\S]+?)\r?\n(-{3,}|;{3,})(?:\r?\n)?/;

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

export function readFrontMatter(text: string): FrontMatterResult {
  const bom = text.startsWith('\uFEFF') ? 1 : 0;
  const rest = text.slice(bom);
  const fenced = FENCED.exec(rest);
  const head = fenced ?? (FENCE_FIRST.test(rest) ? null : BARE.exec(rest));
  if (!head) return { ok: true, frontMatter: none(bom) };
  const data = (fenced ? head[2] : head[1]) as string;
  const dataStart = bom + (fenced ? head[0].indexOf('\n') + 1 : 0);
  let parsed: Record<string, unknown>;
  try {
    parsed = parse(rest.slice(0, head[0].length).replace(/\r\n/g, '\n')) as Record<string, unknown>;
  } catch (error) {
    const mark = (error as { mark?: { line?: number } }).mark;
    const line = lineAt(text, dataStart) + (typeof mark?.line === 'number' ? mark.line : 0);
    const reason = String((error as Error).message ?? error).split('\n')[0] as string;
    return { ok: false, line, message: reason };
  }
  const keys = Object.keys(parsed).filter((k) => k !== '_content');
  if (keys.length === 0) return { ok: true, frontMatter: none(bom) };
  const bodyStart = bom + head[0].length;
  delete parsed._content;
  return {
    ok: true,
    frontMatter: {
      bodyStart,
      lineOffset: lineAt(text, bodyStart) - 1,
      data: parsed,
      dataStart,
      dataEnd: dataStart + data.length,
    },
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
