/** Reads the generated HTML the way a browser would: every <img>, with its attributes, via htmlparser2. */
import fs from 'node:fs';
import path from 'node:path';
import { DomUtils, parseDocument } from 'htmlparser2';

type ChildNode = ReturnType<typeof parseDocument>['children'][number];

export interface PageImage {
  src: string;
  alt: string;
  attributes: Record<string, string>;
}

export function imagesIn(htmlFile: string): PageImage[] {
  const document = parseDocument(fs.readFileSync(htmlFile, 'utf8'));
  return DomUtils.getElementsByTagName('img', document).map((img) => ({
    src: img.attribs.src ?? '',
    alt: img.attribs.alt ?? '',
    attributes: { ...img.attribs },
  }));
}

export function linksIn(htmlFile: string): { href: string; text: string }[] {
  const document = parseDocument(fs.readFileSync(htmlFile, 'utf8'));
  return DomUtils.getElementsByTagName('a', document).map((a) => ({
    href: a.attribs.href ?? '',
    text: DomUtils.textContent(a),
  }));
}

/** The file in public/ that a root-absolute URL is served from, or null if the URL is not under root. */
export function publicFileFor(publicDir: string, root: string, url: string): string | null {
  const withoutQuery = url.replace(/[?#].*$/, '');
  if (!withoutQuery.startsWith(root)) return null;
  return path.join(publicDir, decodeURIComponent(withoutQuery.slice(root.length)));
}

/** The text a reader sees (code blocks included, `<br>` as a line break), entities decoded. */
export function textIn(htmlFile: string): string {
  const walk = (nodes: ChildNode[]): string =>
    nodes
      .map((node) => {
        if (node.type === 'text') return (node as { data: string }).data;
        if ('name' in node && node.name === 'br') return '\n';
        return 'children' in node ? walk(node.children as ChildNode[]) : '';
      })
      .join('');
  return walk(parseDocument(fs.readFileSync(htmlFile, 'utf8')).children);
}
