import { describe, expect, it } from 'vitest';
import { hasClasses, parseXmlDocument } from './xml-document.js';

// The renderer's tests lean on this checker, so it must itself reject what is not well-formed.
describe('parseXmlDocument', () => {
  it('reads a well-formed document with its elements, attributes and decoded text', () => {
    const elements = parseXmlDocument(
      `<?xml version="1.0"?>\n<svg a="1" b='x &amp; y'><title>A &lt;b&gt; &#38; &#x41;</title><g class="p q"/></svg>\n`,
    );
    expect(elements.map((e) => e.name)).toEqual(['svg', 'title', 'g']);
    expect(elements[0].attributes.get('b')).toBe('x & y');
    expect(elements[1].text).toBe('A <b> & A');
    expect(elements[2].parent?.name).toBe('svg');
    expect(hasClasses(elements[2], 'q', 'p')).toBe(true);
    expect(hasClasses(elements[2], 'p', 'r')).toBe(false);
  });

  it.each([
    ['an unclosed element', '<svg><g></svg>'],
    ['a stray closing tag', '<svg></g></svg>'],
    ['an element never closed', '<svg><g>'],
    ['two roots', '<a/><b/>'],
    ['text outside the root', '<a/>x'],
    ['a raw < in an attribute', '<a t="<b>"/>'],
    ['a raw & in text', '<a>fish & chips</a>'],
    ['an unknown entity', '<a>&nbsp;</a>'],
    ['an unquoted attribute', '<a t=1/>'],
    ['a duplicate attribute', '<a t="1" t="2"/>'],
    ['a control character', '<a>\u0001</a>'],
    ['nothing at all', ''],
  ])('rejects %s', (_, xml) => {
    expect(() => parseXmlDocument(xml)).toThrow(/not well-formed/);
  });
});
