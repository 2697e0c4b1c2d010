/**
 * What Hexo hides from the markdown renderer before it runs: fenced code it highlights itself (its
 * `backtick_code_block` filter), then every Nunjucks tag and tag block (`{% codeblock %}…{% endcodeblock %}`,
 * `{% raw %}…`, `{{ … }}`, `{# … #}`) and HTML comment (`PostRenderEscape.escapeAllSwigTags` in
 * hexo/lib/hexo/post). The renderer sees a placeholder comment instead, so nothing inside is ever an
 * image. This masks the same regions with same-length comments, so offsets do not move. Pure; a port of
 * Hexo 7/8's scanner, region for region.
 */

export interface HexoEscapeSettings {
  /** A `syntax_highlighter` is set: Hexo highlights fenced code before the renderer sees it. */
  highlight: boolean;
  /** Hexo renders Nunjucks tags in this post (not with `disableNunjucks`). */
  nunjucks: boolean;
}

interface Region {
  start: number;
  end: number;
  /** Hexo removes `{# … #}` comments outright; everything else becomes a placeholder comment. */
  removed?: true;
}

// From hexo/lib/plugins/filter/before_post_render/backtick_code_block.ts.
const BACKTICK_FENCE =
  /^((?:(?:[^\S\r\n]*>){0,3}|[-*+]|[0-9]+\.)[^\S\r\n]*)(`{3,}|~{3,})[^\S\r\n]*((?:.*?[^`\s])?)[^\S\r\n]*\n((?:[\s\S]*?\n)?)(?:(?:[^\S\r\n]*>){0,3}[^\S\r\n]*)\2[^\S\r\n]?(\n+|$)/gm;
const HTML_COMMENT = /<!--[\s\S]*?-->/g;
const HIGHLIGHT_OPTION = /\shighlight:(\S+)/;
// From hexo/lib/hexo/post.ts.
const SWIG_TAG = /(\{\{.+?\}\})|(\{#.+?#\})|(\{%.+?%\})/s;

export function maskHexoEscapes(text: string, settings: HexoEscapeSettings): string {
  const regions: Region[] = [];
  // The text the Nunjucks scanner reads: highlighted code is a placeholder by then, and code Hexo leaves
  // to the renderer has its braces escaped.
  let scanned = text;
  if (settings.highlight && (text.includes('```') || text.includes('~~~'))) {
    const fences = highlightedFences(text);
    regions.push(...fences.hidden);
    scanned = neutralizeBraces(text, [...fences.hidden, ...fences.escaped]);
  }
  if (settings.nunjucks && SWIG_TAG.test(scanned)) regions.push(...swigRegions(scanned));
  return mask(text, regions);
}

/** Fences Hexo replaces by highlighted HTML (hidden), and fences it only escapes (in a comment, `highlight:false`). */
function highlightedFences(text: string): { hidden: Region[]; escaped: Region[] } {
  const comments: Region[] = [];
  for (const match of text.matchAll(HTML_COMMENT)) {
    comments.push({ start: match.index, end: match.index + match[0].length });
  }
  const hidden: Region[] = [];
  const escaped: Region[] = [];
  for (const match of text.matchAll(BACKTICK_FENCE)) {
    const start = match.index;
    const end = start + match[0].length;
    const inComment = comments.some((c) => c.start < start && c.end > end);
    const option = HIGHLIGHT_OPTION.exec(` ${match[3] ?? ''}`)?.[1];
    if (inComment || (option !== undefined && option.split(':')[0] !== 'true')) {
      escaped.push({ start, end });
      continue;
    }
    // Hexo keeps the quote or list marker before the fence and the newlines after it.
    hidden.push({ start: start + (match[1] ?? '').length, end: end - (match[5] ?? '').length });
  }
  return { hidden, escaped };
}

function neutralizeBraces(text: string, regions: readonly Region[]): string {
  let out = '';
  let at = 0;
  for (const region of [...regions].sort((a, b) => a.start - b.start)) {
    if (region.start < at) continue;
    out += text.slice(at, region.start) + text.slice(region.start, region.end).replace(/[{}]/g, ' ');
    at = region.end;
  }
  return out + text.slice(at);
}

/** Same-length masks: a comment the renderer passes through, newlines folded so no line is added. */
function mask(text: string, regions: readonly Region[]): string {
  if (regions.length === 0) return text;
  let out = '';
  let at = 0;
  for (const region of [...regions].sort((a, b) => a.start - b.start)) {
    if (region.start < at) continue;
    const length = region.end - region.start;
    const filler = region.removed || length < 7 ? ' '.repeat(length) : `<!--${' '.repeat(length - 7)}-->`;
    out += text.slice(at, region.start) + filler;
    at = region.end;
  }
  return out + text.slice(at);
}

const PLAINTEXT = 0;
const SWIG_VAR = 1;
const SWIG_COMMENT = 2;
const SWIG_TAG_STATE = 3;
const SWIG_FULL_TAG = 4;
const PLAINTEXT_COMMENT = 5;
const INLINE_CODE = 6;

const isNonWhiteSpace = (ch: string | undefined): boolean =>
  ch !== '\r' && ch !== '\n' && ch !== '\t' && ch !== '\f' && ch !== '\v' && ch !== ' ';

/**
 * The regions `escapeAllSwigTags` replaces, in order. Kept as close to Hexo's state machine as possible
 * (same states, same backtracking) so that both agree on every input.
 */
function swigRegions(str: string): Region[] {
  const regions: Region[] = [];
  const { length } = str;
  let state = PLAINTEXT;
  let bufferStart = -1;
  let commentStart = -1;
  let backticks = 0;
  let tagNameBegin = false;
  let tagNameEnd = false;
  let tagName = '';
  let fullTagStartStart = -1;
  let quote = '';
  let idx = 0;
  const startIdx = [0, 0, 0, 0, 0, 0, 0];
  /** Regions found inside an inline code span, dropped if the span turns out not to close. */
  let codeRegionsFrom = 0;

  while (idx < length) {
    while (idx < length) {
      const ch = str[idx];
      const prev = idx > 0 ? str[idx - 1] : '';
      const next = str[idx + 1];
      if (state === PLAINTEXT) {
        if (ch === '`' && prev !== '\\') {
          let count = 1;
          while (str[idx + count] === '`') count++;
          state = INLINE_CODE;
          backticks = count;
          startIdx[state] = idx;
          codeRegionsFrom = regions.length;
          idx += count - 1;
        } else if (ch === '{') {
          if (next === '{') {
            state = SWIG_VAR;
            idx++;
            bufferStart = idx + 1;
            startIdx[state] = idx;
          } else if (next === '#') {
            state = SWIG_COMMENT;
            idx++;
            bufferStart = idx + 1;
            startIdx[state] = idx;
          } else if (next === '%') {
            state = SWIG_TAG_STATE;
            idx++;
            bufferStart = idx + 1;
            fullTagStartStart = idx + 1;
            tagName = '';
            tagNameBegin = false;
            tagNameEnd = false;
            startIdx[state] = idx;
          }
        } else if (ch === '<' && next === '!' && str[idx + 2] === '-' && str[idx + 3] === '-') {
          state = PLAINTEXT_COMMENT;
          commentStart = idx;
          idx += 3;
        }
      } else if (state === INLINE_CODE) {
        const codeStart = startIdx[state] as number;
        if (
          (ch === '\n' && next === '\n') ||
          (ch === '\r' && next === '\n' && str[idx + 2] === '\r' && str[idx + 3] === '\n') ||
          (ch === '\r' && next === '\n' && str[idx + 2] === '\n') ||
          (ch === '\n' && next === '\r' && str[idx + 2] === '\n')
        ) {
          regions.length = codeRegionsFrom;
          idx = codeStart + backticks - 1;
          state = PLAINTEXT;
        } else if (ch === '{' && next === '%' && /^\{% *raw *%\}/.test(str.slice(idx))) {
          const end = /\{% *endraw *%\}/.exec(str.slice(idx));
          if (end) {
            regions.push({ start: idx, end: idx + end.index + end[0].length });
            idx = idx + end.index + end[0].length - 1;
          }
        } else if (ch === '`') {
          let count = 1;
          while (str[idx + count] === '`') count++;
          if (count === backticks) {
            idx += count - 1;
            state = PLAINTEXT;
          }
        }
      } else if (state === SWIG_TAG_STATE) {
        if (ch === '"' || ch === "'") {
          if (quote === '') quote = ch;
          else if (quote === ch) quote = '';
        }
        if (ch === '%' && next === '}' && quote === '') {
          idx++;
          if (tagName !== '' && str.includes(`end${tagName}`)) {
            state = SWIG_FULL_TAG;
            bufferStart = idx + 1;
            startIdx[state] = idx;
          } else {
            tagName = '';
            state = PLAINTEXT;
            regions.push({ start: bufferStart - 2, end: idx + 1 });
          }
        } else if (isNonWhiteSpace(ch)) {
          if (!tagNameBegin && !tagNameEnd) tagNameBegin = true;
          if (tagNameBegin) tagName += ch;
        } else if (tagNameBegin) {
          tagNameBegin = false;
          tagNameEnd = true;
        }
      } else if (state === SWIG_VAR) {
        if (ch === '"' || ch === "'") {
          if (quote === '') quote = ch;
          else if (quote === ch) quote = '';
        }
        if (ch === '}' && next !== '}' && quote === '') {
          state = PLAINTEXT;
        } else if (ch === '}' && next === '}' && quote === '') {
          regions.push({ start: bufferStart - 2, end: idx + 2 });
          idx++;
          state = PLAINTEXT;
        }
      } else if (state === SWIG_COMMENT) {
        if (ch === '#' && next === '}') {
          regions.push({ start: bufferStart - 2, end: idx + 2, removed: true });
          idx++;
          state = PLAINTEXT;
        }
      } else if (state === SWIG_FULL_TAG) {
        if (ch === '{' && next === '%') {
          let endBuffer = '';
          let found = false;
          let j = idx + 2;
          for (; j < length; j++) {
            if (str[j] === '%' && str[j + 1] === '}') {
              j++;
              found = true;
              break;
            }
            endBuffer += str[j];
          }
          if (found && endBuffer.includes(`end${tagName}`)) {
            state = PLAINTEXT;
            regions.push({ start: fullTagStartStart - 2, end: j + 1 });
            idx = j;
          }
        }
      } else if (state === PLAINTEXT_COMMENT) {
        if (ch === '-' && next === '-' && str[idx + 2] === '>') {
          state = PLAINTEXT;
          regions.push({ start: commentStart, end: idx + 3 });
          idx += 2;
        }
      }
      idx++;
    }
    if (state === PLAINTEXT) break;
    if (state === PLAINTEXT_COMMENT) {
      regions.push({ start: commentStart, end: length });
      break;
    }
    if (state === INLINE_CODE) {
      regions.length = codeRegionsFrom;
      idx = (startIdx[state] as number) + backticks;
      state = PLAINTEXT;
      continue;
    }
    // An unclosed tag is plain text: Hexo backtracks to just after its `{`.
    idx = startIdx[state] as number;
    quote = '';
    state = PLAINTEXT;
  }
  return regions;
}
