/**
 * True for a UTF-16 code unit XML 1.0 cannot carry even as an entity: C0 controls other than
 * tab, newline and carriage return, U+FFFE and U+FFFF. (Lone surrogates are handled apart.)
 */
function forbiddenInXml(code: number): boolean {
  return (
    (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0xfffe || code === 0xffff
  );
}

/** Free text without the characters XML 1.0 forbids, so a room's name cannot break the document. */
function stripForbidden(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      // A high surrogate is kept only with its low half (an astral character such as an emoji).
      if (next >= 0xdc00 && next <= 0xdfff) out += text[i] + text[++i];
      continue;
    }
    if ((code >= 0xdc00 && code <= 0xdfff) || forbiddenInXml(code)) continue;
    out += text[i];
  }
  return out;
}

const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Free text made safe for XML text content and for quoted attribute values. */
export function escapeXml(text: string): string {
  return stripForbidden(text).replace(/[&<>"']/g, (ch) => ENTITIES[ch]);
}

/**
 * A number as short SVG text: at most 4 decimals, no trailing zeros, so output stays compact
 * and identical across runs (no `0.30000000000000004`).
 */
export function formatNumber(value: number): string {
  const rounded = Math.round(value * 10_000) / 10_000;
  return Object.is(rounded, -0) ? '0' : String(rounded);
}

/** A length with its unit for labels: `60 ft`, `2.4 m` (3 significant digits at most). */
export function formatLength(value: number, units: string): string {
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  const factor = 10 ** digits;
  return `${Math.round(value * factor) / factor} ${units}`;
}

/**
 * A short deterministic tag (FNV-1a, base 36) used to prefix element ids, so two plans inlined
 * in one HTML page do not pick up each other's `<defs>`.
 */
export function shortHash(parts: readonly (string | number)[], tiles: Uint8Array): string {
  let hash = 0x811c9dc5;
  const mix = (byte: number) => {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  };
  for (const part of parts) {
    const text = String(part);
    for (let i = 0; i < text.length; i++) mix(text.charCodeAt(i) & 0xff);
    mix(0);
  }
  for (let i = 0; i < tiles.length; i++) mix(tiles[i]);
  return `p${hash.toString(36)}`;
}
