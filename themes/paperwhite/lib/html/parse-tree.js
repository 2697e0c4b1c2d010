// One parse of rendered HTML into a small tree that remembers where each tag is in the source: every behaviour
// of the post pipeline reads the same tree and answers with byte-range edits (./edits.js), so a post is parsed
// once however many behaviours there are, and nothing they do not touch is re-serialised.

const { Parser } = require('htmlparser2');

/**
 * @typedef {{ start: number, end: number }} Range  the first and one-past-last index of a tag in the source
 * @typedef {{ type: 'text', data: string, parent: Element }} Text  decoded text
 * @typedef {{ type: 'tag', name: string, attribs: Record<string, string>, parent: Element | null,
 *   children: (Element | Text)[], open: Range, close: Range | null }} Element
 *   `close` is null when the end tag is implied (void elements, an unclosed <p>, the end of the document).
 * @typedef {{ html: string, root: Element, elements: (name: string) => Element[] }} Tree
 *   `elements(name)` lists the elements of that name in document order, without walking the tree.
 */

/** @param {string} html @returns {Tree} */
function parseTree(html) {
  /** @type {Element} */
  const root = {
    type: 'tag',
    name: '',
    attribs: {},
    parent: null,
    children: [],
    open: { start: 0, end: 0 },
    close: null,
  };
  /** @type {Map<string, Element[]>} */
  const byName = new Map();
  let current = root;
  const parser = new Parser(
    {
      onopentag(name, attribs) {
        /** @type {Element} */
        const element = {
          type: 'tag',
          name,
          attribs,
          parent: current,
          children: [],
          open: { start: parser.startIndex, end: parser.endIndex + 1 },
          close: null,
        };
        current.children.push(element);
        const named = byName.get(name);
        if (named) named.push(element);
        else byName.set(name, [element]);
        current = element;
      },
      onclosetag(_name, isImplied) {
        if (!isImplied) current.close = { start: parser.startIndex, end: parser.endIndex + 1 };
        current = current.parent ?? root;
      },
      ontext(data) {
        current.children.push({ type: 'text', data, parent: current });
      },
    },
    { decodeEntities: true },
  );
  parser.end(html);
  return { html, root, elements: (name) => byName.get(name) ?? [] };
}

/** @param {Element} element @param {(element: Element) => boolean} test @returns {Element | null} */
function closest(element, test) {
  for (let e = element.parent; e; e = e.parent) if (test(e)) return e;
  return null;
}

/** Descendant elements of `element` in document order. @param {Element} element @returns {Generator<Element>} */
function* descendants(element) {
  for (const child of element.children) {
    if (child.type !== 'tag') continue;
    yield child;
    yield* descendants(child);
  }
}

/** @param {Element | Text} node @returns {string} the decoded text inside `node` */
function textContent(node) {
  if (node.type === 'text') return node.data;
  let text = '';
  for (const child of node.children) text += textContent(child);
  return text;
}

/** @param {Element} element @param {string} name */
const hasClass = (element, name) => (element.attribs.class ?? '').split(/\s+/).includes(name);

module.exports = { parseTree, closest, descendants, textContent, hasClass };
