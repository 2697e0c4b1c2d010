// KaTeX's MathML is generous with wrappers. These rewrites draw the same formula in MathML Core with about
// 40% fewer bytes, which matters on math-heavy notes:
//   <semantics>…<annotation>TeX</annotation></semantics>  →  …   (the TeX source only doubles the size)
//   <math><mrow>…</mrow></math>                            →  <math>…</math>   (<math> is already a row)
//   <mi mathvariant="normal">L</mi><mi mathvariant="normal">a</mi><mi mathvariant="normal">t</mi>  →  <mi>Lat</mi>
//     (\mathrm{Lat}: a multi-letter <mi> is upright by default, and it is one identifier, not three)
//   <mrow><mi>Lat</mi></mrow>                            →  <mi>Lat</mi>   (a row of one; not for <mo>, whose
//     spacing a row changes)

const { DomHandler, Parser } = require('htmlparser2');
const { escapeAttribute, escapeText } = require('./html/edits');

const isElement = (node, name) => node.type === 'tag' && (!name || node.name === name);
const textOf = (node) => node.children.map((c) => (c.type === 'text' ? c.data : '')).join('');
const isUprightLetter = (node) =>
  isElement(node, 'mi') &&
  Object.keys(node.attribs).length === 1 &&
  node.attribs.mathvariant === 'normal' &&
  node.children.length === 1 &&
  node.children[0].type === 'text';

/**
 * The children of a row as they should be written: <semantics> unwrapped, <annotation> dropped, runs of upright
 * letters merged into one <mi>, rows of one element (but <mo>) replaced by that element.
 */
function compactChildren(nodes) {
  const out = [];
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i];
    if (node.type === 'text') out.push(node);
    if (!isElement(node) || node.name === 'annotation') continue;
    if (node.name === 'semantics') {
      out.push(...compactChildren(node.children));
    } else if (isUprightLetter(node) && isUprightLetter(nodes[i + 1] || {})) {
      let name = '';
      for (; i < nodes.length && isUprightLetter(nodes[i]); i++) name += textOf(nodes[i]);
      i--;
      out.push({ type: 'tag', name: 'mi', attribs: {}, children: [{ type: 'text', data: name }] });
    } else if (node.name === 'mrow' && !Object.keys(node.attribs).length) {
      const children = compactChildren(node.children);
      const [only] = children;
      if (children.length === 1 && isElement(only) && only.name !== 'mo') out.push(only);
      else out.push({ ...node, children, compacted: true });
    } else {
      out.push(node);
    }
  }
  return out;
}

function serialize(node) {
  if (node.type === 'text') return escapeText(node.data);
  const attributes = Object.entries(node.attribs)
    .filter(([key]) => key !== 'xmlns')
    .map(([key, value]) => ` ${key}="${escapeAttribute(value)}"`)
    .join('');
  let children = node.compacted ? node.children : compactChildren(node.children);
  // <math> is a row already: a single <mrow> child adds nothing.
  if (node.name === 'math' && children.length === 1 && isElement(children[0], 'mrow'))
    children = children[0].children;
  if (!children.length) return `<${node.name}${attributes}/>`;
  return `<${node.name}${attributes}>${children.map(serialize).join('')}</${node.name}>`;
}

/** @param {string} html KaTeX output (output: 'mathml') @returns {string} the compact `<math>` element */
function compactMathml(html) {
  const handler = new DomHandler();
  new Parser(handler, { xmlMode: true, decodeEntities: true }).end(html);
  const find = (nodes) => {
    for (const node of nodes) {
      if (isElement(node, 'math')) return node;
      const found = isElement(node) && find(node.children);
      if (found) return found;
    }
    return null;
  };
  const math = find(handler.dom);
  return math ? serialize(math) : html;
}

module.exports = { compactMathml };
