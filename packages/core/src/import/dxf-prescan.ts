import { DxfImportError } from './dxf-import-error.js';
import { MAX_DXF_CHARS, MAX_DXF_ENTITIES } from './dxf-room-options.js';

/** What {@link prescanDxf} keeps of a drawing: the two sections the import reads. */
export interface DxfSections {
  /** The HEADER section's text (empty when the drawing has none), then ENTITIES, then EOF. */
  readonly text: string;
  /** Entities counted in ENTITIES and BLOCKS. */
  readonly entityCount: number;
}

const LINE_BREAK = /\r\n|\r|\n/g;
const GROUP_CODE = /^\s*-?\d{1,4}\s*$/;

/**
 * One pass over the text before any parsing, so that what is too big or not a DXF is refused
 * quickly and by name: the size, binary DXF, group codes that are not integers, the entity count
 * (10⁶ entities stop here, in well under a second), a VERTEX outside a POLYLINE (which the reader
 * would only log), and no ENTITIES section. Returns the HEADER and ENTITIES sections alone: the
 * tables, blocks and objects are never read, so they cost nothing to parse.
 */
export function prescanDxf(dxf: string): DxfSections {
  if (dxf.length > MAX_DXF_CHARS) {
    throw new DxfImportError(
      'dxf',
      `the drawing has ${dxf.length.toLocaleString('en-US')} characters; at most ${MAX_DXF_CHARS.toLocaleString('en-US')} are accepted`,
    );
  }
  if (dxf.startsWith('AutoCAD Binary DXF')) {
    throw new DxfImportError('dxf', 'is a binary DXF; save the drawing as ASCII DXF');
  }
  const sections = new Map<string, { start: number; end: number }>();
  let section: string | undefined;
  let sectionStart = 0;
  let entityCount = 0;
  let previousEntity = '';
  let lineNo = 0;
  let pos = 0;
  let code = '';
  let codeStart = 0;
  let expectName = false;
  for (;;) {
    LINE_BREAK.lastIndex = pos;
    const found = LINE_BREAK.exec(dxf);
    const end = found ? found.index : dxf.length;
    const line = dxf.slice(pos, end);
    lineNo++;
    if (lineNo % 2 === 1) {
      if (!found && line.trim() === '') break;
      if (!GROUP_CODE.test(line)) {
        throw new DxfImportError(
          'dxf',
          `line ${lineNo} should be a group code (an integer) but is ${JSON.stringify(line.slice(0, 40))}: not an ASCII DXF`,
        );
      }
      code = line.trim();
      codeStart = pos;
    } else if (code === '0') {
      const value = line.trim();
      if (value === 'SECTION') {
        expectName = true;
        sectionStart = codeStart;
      } else if (value === 'ENDSEC') {
        if (section !== undefined && !sections.has(section)) {
          sections.set(section, { start: sectionStart, end: found ? found.index + found[0].length : end });
        }
        section = undefined;
      } else if (section === 'ENTITIES' || section === 'BLOCKS') {
        entityCount++;
        if (entityCount > MAX_DXF_ENTITIES) {
          throw new DxfImportError(
            'dxf',
            `the drawing has more than ${MAX_DXF_ENTITIES.toLocaleString('en-US')} entities (line ${lineNo}); split it or purge what the room does not need`,
          );
        }
        if (value === 'VERTEX' && previousEntity !== 'POLYLINE' && previousEntity !== 'VERTEX') {
          throw new DxfImportError('dxf', `line ${lineNo}: a VERTEX outside a POLYLINE`);
        }
        previousEntity = value;
      }
    } else if (expectName && code === '2') {
      section = line.trim();
      previousEntity = '';
      expectName = false;
    }
    if (!found) break;
    pos = found.index + found[0].length;
  }
  if (lineNo % 2 === 1 && dxf.slice(pos).trim() !== '') {
    throw new DxfImportError('dxf', `ends after group code ${code} without its value: the text is cut short`);
  }
  const entities = sections.get('ENTITIES');
  if (!entities) {
    throw new DxfImportError('dxf', 'has no ENTITIES section: not an ASCII DXF drawing');
  }
  const header = sections.get('HEADER');
  const slice = (part: { start: number; end: number }) => {
    const piece = dxf.slice(part.start, part.end);
    return /[\r\n]$/.test(piece) ? piece : `${piece}\n`;
  };
  const text = `${header ? slice(header) : ''}${slice(entities)}0\nEOF\n`;
  return { text, entityCount };
}
