/**
 * A small, strict XML reader for the tests: it checks that a document is well-formed (one root,
 * balanced and properly nested tags, quoted attributes without duplicates, only the five
 * predefined entities or character references, no raw `<` or `&` in text) and returns its
 * elements, so tests can count them without a DOM and without new dependencies.
 * It is not a general XML parser: no DTD, CDATA or processing instructions other than the
 * leading XML declaration, which the renderer never emits.
 */

/** One element of the document. */
export interface XmlElement {
  readonly name: string;
  readonly attributes: ReadonlyMap<string, string>;
  /** Decoded text directly inside the element (not inside its children). */
  text: string;
  readonly parent: XmlElement | undefined;
  readonly children: XmlElement[];
}

const NAME_START = /[A-Za-z_:]/;
const NAME_CHAR = /[-A-Za-z0-9_:.]/;
const PREDEFINED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Every element of `xml` in document order; throws with the offset of the first fault. */
export function parseXmlDocument(xml: string): XmlElement[] {
  const elements: XmlElement[] = [];
  const open: XmlElement[] = [];
  let rootClosed = false;
  let i = 0;
  const fail = (message: string): never => {
    throw new Error(`not well-formed at offset ${i}: ${message}`);
  };
  const readName = (): string => {
    if (!NAME_START.test(xml[i] ?? '')) fail(`expected a name, got ${JSON.stringify(xml[i])}`);
    const start = i;
    while (i < xml.length && NAME_CHAR.test(xml[i])) i++;
    return xml.slice(start, i);
  };
  const skipSpace = () => {
    while (i < xml.length && ' \t\r\n'.includes(xml[i])) i++;
  };
  const decode = (raw: string): string => {
    let out = '';
    for (let k = 0; k < raw.length; k++) {
      const ch = raw[k];
      const code = ch.charCodeAt(0);
      if (code < 0x20 && ch !== '\t' && ch !== '\n' && ch !== '\r')
        fail(`control character U+${code.toString(16)}`);
      if (ch === '<') fail('raw < in text or attribute');
      if (ch !== '&') {
        out += ch;
        continue;
      }
      const end = raw.indexOf(';', k);
      if (end < 0) fail('unterminated entity');
      const entity = raw.slice(k + 1, end);
      if (entity in PREDEFINED) out += PREDEFINED[entity];
      else if (/^#[0-9]+$/.test(entity)) out += String.fromCodePoint(Number(entity.slice(1)));
      else if (/^#x[0-9a-fA-F]+$/.test(entity))
        out += String.fromCodePoint(Number.parseInt(entity.slice(2), 16));
      else fail(`unknown entity &${entity};`);
      k = end;
    }
    return out;
  };

  if (xml.startsWith('<?xml')) {
    const end = xml.indexOf('?>');
    if (end < 0) fail('unterminated XML declaration');
    i = end + 2;
  }
  while (i < xml.length) {
    if (xml[i] !== '<') {
      const next = xml.indexOf('<', i);
      const raw = xml.slice(i, next < 0 ? xml.length : next);
      const text = decode(raw);
      if (open.length === 0 && text.trim() !== '') fail('text outside the root element');
      if (open.length > 0) open[open.length - 1].text += text;
      i += raw.length;
      continue;
    }
    if (xml.startsWith('<!--', i)) {
      const end = xml.indexOf('-->', i + 4);
      if (end < 0) fail('unterminated comment');
      i = end + 3;
      continue;
    }
    if (xml[i + 1] === '/') {
      i += 2;
      const name = readName();
      skipSpace();
      if (xml[i] !== '>') fail('expected > after closing tag name');
      i++;
      const top = open.pop();
      if (top === undefined || top.name !== name) fail(`</${name}> does not close <${top?.name}>`);
      if (open.length === 0) rootClosed = true;
      continue;
    }
    i++;
    if (rootClosed || (open.length === 0 && elements.length > 0)) fail('second root element');
    const name = readName();
    const attributes = new Map<string, string>();
    for (;;) {
      const before = i;
      skipSpace();
      if (xml[i] === '/' || xml[i] === '>') break;
      if (i === before) fail('expected whitespace between attributes');
      const attribute = readName();
      skipSpace();
      if (xml[i] !== '=') fail(`expected = after attribute ${attribute}`);
      i++;
      skipSpace();
      const quote = xml[i];
      if (quote !== '"' && quote !== "'") fail(`attribute ${attribute} is not quoted`);
      const end = xml.indexOf(quote, i + 1);
      if (end < 0) fail('unterminated attribute value');
      if (attributes.has(attribute)) fail(`duplicate attribute ${attribute}`);
      attributes.set(attribute, decode(xml.slice(i + 1, end)));
      i = end + 1;
    }
    const element: XmlElement = { name, attributes, text: '', parent: open[open.length - 1], children: [] };
    element.parent?.children.push(element);
    elements.push(element);
    if (xml[i] === '/') {
      if (xml[i + 1] !== '>') fail('expected /> ');
      i += 2;
      if (open.length === 0) rootClosed = true;
    } else {
      i++;
      open.push(element);
    }
  }
  if (open.length > 0) fail(`<${open[open.length - 1].name}> is never closed`);
  if (elements.length === 0) fail('no root element');
  return elements;
}

/** True when the element's `class` attribute holds every one of `classes`. */
export function hasClasses(element: XmlElement, ...classes: string[]): boolean {
  const tokens = (element.attributes.get('class') ?? '').split(/\s+/);
  return classes.every((c) => tokens.includes(c));
}
