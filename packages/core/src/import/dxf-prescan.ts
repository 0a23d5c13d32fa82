import { DxfImportError } from './dxf-import-error.js';
import { MAX_DXF_CHARS, MAX_DXF_ENTITIES } from './dxf-room-options.js';

/** What {@link prescanDxf} keeps of a drawing: the part the import reads. */
export interface DxfSections {
  /** The HEADER section (when there is one), the ENTITIES the import reads, then EOF. */
  readonly text: string;
  /** Entities counted in ENTITIES and BLOCKS. */
  readonly entityCount: number;
  /** The entities left out, by layer (upper case) and type: named when a layer has no outline. */
  readonly leftOut: ReadonlyMap<string, ReadonlyMap<string, number>>;
}

/** The entity types the import reads; the others (LINE, TEXT, HATCH, …) are left out before parsing. */
const READ_TYPES = new Set(['LWPOLYLINE', 'POLYLINE', 'VERTEX', 'SEQEND', 'CIRCLE', 'INSERT', 'ATTRIB']);
/** The attributes of a device block the import reads (the others are for people). */
const READ_ATTRIBUTES = new Set(['STATUS', 'TAG']);
const LINE_BREAK = /\r\n|\r|\n/g;
const GROUP_CODE = /^\s*-?\d{1,4}\s*$/;

/**
 * One pass over the text before any parsing, so that what is too big or not a DXF is refused
 * quickly and by name: the size, binary DXF, group codes that are not integers, the entity count
 * (10⁶ entities stop here, in a fraction of a second), a VERTEX outside a POLYLINE (which the
 * reader would only log), and no ENTITIES section. Returns the HEADER and the entities of the
 * types the import reads: tables, blocks, objects, lines, texts and hatches cost no parsing.
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
  const scan = new GroupScan(dxf);
  scan.run();
  if (scan.entities === undefined) {
    throw new DxfImportError('dxf', 'has no ENTITIES section: not an ASCII DXF drawing');
  }
  return {
    text: `${scan.header}${scan.entities}0\nEOF\n`,
    entityCount: scan.entityCount,
    leftOut: scan.leftOut,
  };
}

/** The state of the pass: where it is, what it keeps. */
class GroupScan {
  header = '';
  entities: string | undefined;
  entityCount = 0;
  readonly leftOut = new Map<string, Map<string, number>>();
  private section: string | undefined;
  private sectionStart = 0;
  private expectName = false;
  private previousEntity = '';
  /** The ENTITIES kept so far, and where the entity being read began and whether it is kept. */
  private kept: string[] = [];
  private entityStart = -1;
  private entityType = '';
  private entityLayer = '';
  private attributeTag = '';

  constructor(private readonly dxf: string) {}

  run(): void {
    const { dxf } = this;
    let lineNo = 0;
    let pos = 0;
    let code = '';
    let codeStart = 0;
    for (;;) {
      LINE_BREAK.lastIndex = pos;
      const found = LINE_BREAK.exec(dxf);
      const end = found ? found.index : dxf.length;
      const next = found ? found.index + found[0].length : end;
      const line = dxf.slice(pos, end);
      lineNo++;
      if (lineNo % 2 === 1) {
        if (!found && line.trim() === '') return;
        if (!GROUP_CODE.test(line)) {
          throw new DxfImportError(
            'dxf',
            `line ${lineNo} should be a group code (an integer) but is ${JSON.stringify(line.slice(0, 40))}: not an ASCII DXF`,
          );
        }
        code = line.trim();
        codeStart = pos;
      } else if (code === '0') {
        this.onRecord(line.trim(), codeStart, next, lineNo);
      } else if (this.entityStart >= 0 && code === '8') {
        this.entityLayer = line.trim();
      } else if (this.entityStart >= 0 && code === '2') {
        this.attributeTag = line.trim().toUpperCase();
      } else if (this.expectName && code === '2') {
        this.section = line.trim();
        this.previousEntity = '';
        this.expectName = false;
      }
      if (!found) break;
      pos = next;
    }
    if (lineNo % 2 === 1) {
      throw new DxfImportError(
        'dxf',
        `ends after group code ${code} without its value: the text is cut short`,
      );
    }
  }

  /** A 0 group (a section mark or an entity) starting at `start`, its value line ending at `end`. */
  private onRecord(value: string, start: number, end: number, lineNo: number): void {
    if (value === 'SECTION') {
      this.expectName = true;
      this.sectionStart = start;
      return;
    }
    if (value === 'ENDSEC') {
      this.closeEntity(start);
      if (this.section === 'HEADER' && this.header === '')
        this.header = withBreak(this.dxf.slice(this.sectionStart, end));
      if (this.section === 'ENTITIES' && this.entities === undefined) {
        this.entities = `0\nSECTION\n2\nENTITIES\n${this.kept.join('')}0\nENDSEC\n`;
      }
      this.section = undefined;
      return;
    }
    if (this.section !== 'ENTITIES' && this.section !== 'BLOCKS') return;
    this.entityCount++;
    if (this.entityCount > MAX_DXF_ENTITIES) {
      throw new DxfImportError(
        'dxf',
        `the drawing has more than ${MAX_DXF_ENTITIES.toLocaleString('en-US')} entities (line ${lineNo}); split it or purge what the room does not need`,
      );
    }
    if (value === 'VERTEX' && this.previousEntity !== 'POLYLINE' && this.previousEntity !== 'VERTEX') {
      throw new DxfImportError('dxf', `line ${lineNo}: a VERTEX outside a POLYLINE`);
    }
    this.previousEntity = value;
    if (this.section === 'ENTITIES' && this.entities === undefined) {
      this.closeEntity(start);
      this.entityStart = start;
      this.entityType = value;
      this.entityLayer = '';
      this.attributeTag = '';
    }
  }

  /** Keeps the entity being read, up to `end`, if the import reads it; else counts it as left out. */
  private closeEntity(end: number): void {
    if (this.entityStart < 0) return;
    const type = this.entityType;
    if (READ_TYPES.has(type) && (type !== 'ATTRIB' || READ_ATTRIBUTES.has(this.attributeTag))) {
      this.kept.push(withBreak(this.dxf.slice(this.entityStart, end)));
    } else if (type !== 'ATTRIB') {
      const layer = this.entityLayer.toUpperCase();
      const counts = this.leftOut.get(layer) ?? new Map<string, number>();
      counts.set(type, (counts.get(type) ?? 0) + 1);
      this.leftOut.set(layer, counts);
    }
    this.entityStart = -1;
  }
}

/** The text, ending in a line break. */
function withBreak(text: string): string {
  return /[\r\n]$/.test(text) ? text : `${text}\n`;
}
