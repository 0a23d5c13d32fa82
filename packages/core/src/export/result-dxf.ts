import {
  Attrib,
  type Dxfier,
  DxfWriter,
  HatchBoundaryPaths,
  HatchPolylineBoundary,
  HatchPredefinedPatterns,
  type Insert,
  LWPolylineFlags,
  pattern,
  point3d,
  SeqEnd,
  TextHorizontalAlignment,
  TextVerticalAlignment,
  Units,
  vertex,
} from '@tarikjabiri/dxf';
import type { RunResult } from '../pipeline/run-result.js';
import type { RuleViolation } from '../placement/rule-violation.js';
import { TileKind } from '../room/tile-kind.js';
import { boundaryLoops, type GridVertex } from './boundary-loops.js';
import { CAD_LAYERS, DEVICE_ATTRIBUTES, DEVICE_BLOCKS } from './cad-layers.js';
import { deviceSchedule, type ScheduleDeviceType, type ScheduledDevice } from './device-schedule.js';
import { fmt, type TitleBlockOptions, titleBlock } from './title-block.js';
import { layoutGrid, violationLabel } from './violation-text.js';

/** Options of {@link renderResultDxf}. */
export interface ResultDxfOptions extends TitleBlockOptions {}

/**
 * The result as an ASCII DXF drawing (AutoCAD 2007, `AC1021`, so readable by AutoCAD 2007 and
 * later, BricsCAD, Revit's DXF import, LibreCAD, ezdxf) in model space at full size: one
 * drawing unit is one room unit (`$INSUNITS` feet or metres), origin at the grid's bottom-left
 * corner, y up — the coordinates of the result's placements. Layers, blocks and attributes are
 * those of docs/CAD.md: the room outline, ceiling grid, blocked tiles, row and column numbers,
 * one block reference per device at its tile centre with its tag, type, new or existing,
 * placing model and description as attributes (the tags of {@link deviceSchedule}), what fails
 * where, and a title block. Pure and deterministic: the same result gives the same bytes.
 *
 * Written with `@tarikjabiri/dxf`, except for two things its 2.9 release gets wrong, measured
 * with ezdxf's audit: its `addAttrib` closes every attribute with its own SEQEND (so a reader
 * keeps only a reference's first attribute), and its ATTDEF/ATTRIB cannot be invisible nor
 * carry the vertical justification in the group code the format defines (74). Attributes
 * are written here through the library's own entity classes (see {@link DeviceAttribute}).
 */
export function renderResultDxf(result: RunResult, options: ResultDxfOptions = {}): string {
  const { room } = result;
  const { rows, cols, cellSize: cs, units } = room;
  const grid = layoutGrid(result.layout, cols);
  const devices = deviceSchedule(result);
  const dxf = new DxfWriter();
  dxf.setUnits(units === 'ft' ? Units.Feet : Units.Meters);
  dxf.setVariable('$MEASUREMENT', { 70: units === 'ft' ? 0 : 1 });
  dxf.setVariable('$LUNITS', { 70: 2 });
  dxf.setVariable('$LUPREC', { 70: 4 });
  // TrueType text: AutoCAD, BricsCAD and ezdxf all find Arial or its stand-in; `txt` is an SHX
  // font only AutoCAD ships.
  dxf.document.styleStandard.fontFileName = 'arial.ttf';
  for (const layer of Object.values(CAD_LAYERS)) dxf.addLayer(layer.name, layer.colour, 'Continuous');
  defineDeviceBlocks(dxf, cs);

  const W = cols * cs;
  const H = rows * cs;
  const toWorld = (v: GridVertex) => ({ x: round(v.x * cs), y: round(v.y * cs) });
  const closed = (points: readonly { x: number; y: number }[], layerName: string) =>
    dxf.addLWPolyline(
      points.map((p) => ({ point: p })),
      { flags: LWPolylineFlags.Closed, layerName },
    );

  // Walls: one closed polyline per loop of the room's boundary (holes included).
  for (const loop of boundaryLoops(grid, (k) => k !== TileKind.Outside)) {
    closed(loop.map(toWorld), CAD_LAYERS.wall.name);
  }
  // Ceiling grid: the tile edges between two room tiles, as long lines.
  for (const [a, b] of gridSegments(grid)) {
    dxf.addLine(point3d(round(a.x * cs), round(a.y * cs)), point3d(round(b.x * cs), round(b.y * cs)), {
      layerName: CAD_LAYERS.grid.name,
    });
  }
  // Blocked tiles: outlines and a hatch inside them.
  const blocked = boundaryLoops(grid, (k) => k === TileKind.Blocked);
  if (blocked.length > 0) {
    const paths = new HatchBoundaryPaths();
    for (const loop of blocked) {
      const world = loop.map(toWorld);
      closed(world, CAD_LAYERS.blocked.name);
      paths.addPolylineBoundary(new HatchPolylineBoundary(world.map((p) => vertex(p.x, p.y))));
    }
    dxf.addHatch(paths, pattern({ name: HatchPredefinedPatterns.ANSI31, scale: cs / 4 }), {
      layerName: CAD_LAYERS.blocked.name,
    });
  }
  // Row and column numbers (0-based, as `row` and `col` in the result and the reasons).
  const labelHeight = round(0.35 * cs);
  const label = (x: number, y: number, text: string) =>
    centredText(dxf, x, y, labelHeight, text, CAD_LAYERS.gridLabels.name);
  for (let r = 0; r < rows; r++) label(round(-0.6 * cs), round((rows - r - 0.5) * cs), String(r));
  for (let c = 0; c < cols; c++) label(round((c + 0.5) * cs), round(H + 0.6 * cs), String(c));

  // Devices: one block reference each, at its tile centre, with its attributes.
  for (const device of devices) insertDevice(dxf, device, cs);

  // What fails where.
  for (const check of Object.values(result.compliance)) {
    for (const violation of check?.violations ?? []) drawViolation(dxf, violation, cs, units, closed);
  }

  drawTitleBlock(dxf, result, options, devices, W, H, cs);
  return `${dxf.stringify()}\n`;
}

/** One of the four device blocks, drawn on layer 0 so a reference takes its layer's colour. */
function defineDeviceBlocks(dxf: DxfWriter, cs: number): void {
  const s = (v: number) => round(v * cs);
  const square = (half: number) => [
    { point: { x: s(-half), y: s(-half) } },
    { point: { x: s(half), y: s(-half) } },
    { point: { x: s(half), y: s(half) } },
    { point: { x: s(-half), y: s(half) } },
  ];
  const shapes: Record<ScheduleDeviceType, (block: ReturnType<DxfWriter['addBlock']>) => void> = {
    light: (b) => {
      // A 2 × 2 troffer: the fixture, its lens, two lamp lines.
      b.addLWPolyline(square(0.45), { flags: LWPolylineFlags.Closed });
      b.addLWPolyline(square(0.3), { flags: LWPolylineFlags.Closed });
      b.addLine(point3d(s(-0.15), s(-0.26)), point3d(s(-0.15), s(0.26)));
      b.addLine(point3d(s(0.15), s(-0.26)), point3d(s(0.15), s(0.26)));
    },
    airSupply: (b) => {
      // A four-way square diffuser: frame, core, diagonals.
      b.addLWPolyline(square(0.4), { flags: LWPolylineFlags.Closed });
      b.addLWPolyline(square(0.18), { flags: LWPolylineFlags.Closed });
      b.addLine(point3d(s(-0.4), s(-0.4)), point3d(s(-0.18), s(-0.18)));
      b.addLine(point3d(s(0.4), s(-0.4)), point3d(s(0.18), s(-0.18)));
      b.addLine(point3d(s(0.4), s(0.4)), point3d(s(0.18), s(0.18)));
      b.addLine(point3d(s(-0.4), s(0.4)), point3d(s(-0.18), s(0.18)));
    },
    returnGrille: (b) => {
      b.addLWPolyline(square(0.4), { flags: LWPolylineFlags.Closed });
      for (const y of [-0.24, -0.12, 0.12, 0.24]) b.addLine(point3d(s(-0.3), s(y)), point3d(s(0.3), s(y)));
    },
    smokeDetector: (b) => {
      b.addCircle(point3d(0, 0), s(0.34));
    },
  };
  for (const type of Object.keys(DEVICE_BLOCKS) as ScheduleDeviceType[]) {
    const block = dxf.addBlock(DEVICE_BLOCKS[type]);
    block.flags = 2; // has attributes
    block.setLayerName('0');
    shapes[type](block);
    DEVICE_ATTRIBUTES.forEach((tag, i) => {
      block.addEntity(new DeviceAttribute('ATTDEF', point3d(0, 0), attributeHeight(i, cs), tag, '', i > 0));
    });
  }
}

/** The tag reads at a fifth of a tile; the hidden attributes are smaller. */
function attributeHeight(index: number, cs: number): number {
  return round((index === 0 ? 0.2 : 0.1) * cs);
}

/** One device: its block reference, its attributes, the SEQEND that closes them. */
function insertDevice(dxf: DxfWriter, device: ScheduledDevice, cs: number): void {
  const layerName = CAD_LAYERS[device.type].name;
  const at = point3d(device.x, device.y);
  const insert: Insert = dxf.addInsert(DEVICE_BLOCKS[device.type], at, { layerName });
  insert.attributesFollowFlag = 1;
  const values = [device.tag, device.type, device.status, device.model ?? '', device.description];
  const space = dxf.modelSpace;
  DEVICE_ATTRIBUTES.forEach((tag, i) => {
    const attribute = space.addEntity(
      new DeviceAttribute('ATTRIB', at, attributeHeight(i, cs), tag, dxfText(values[i]), i > 0, {
        layerName,
      }),
    );
    attribute.ownerBlockRecord = insert.handle;
  });
  const end = new SeqEnd();
  end.layerName = layerName;
  space.addEntity(end).ownerBlockRecord = insert.handle;
}

/**
 * An ATTDEF (in a block) or ATTRIB (after a block reference), centred on its point. The
 * library's classes write flags 70 = 0 (always visible) and the vertical justification under
 * 73, which for attributes is the field length; this writes the groups of the DXF reference:
 * 72 and 74 for the justification, 70 = 1 for an invisible attribute.
 */
class DeviceAttribute extends Attrib {
  private readonly definition: boolean;
  private readonly invisible: boolean;

  constructor(
    kind: 'ATTDEF' | 'ATTRIB',
    position: ReturnType<typeof point3d>,
    height: number,
    tag: string,
    value: string,
    invisible: boolean,
    options?: { layerName?: string },
  ) {
    super(position, height, tag, value, options);
    this.definition = kind === 'ATTDEF';
    this.invisible = invisible;
    if (this.definition) this.type = 'ATTDEF';
  }

  protected override dxfyChild(dx: Dxfier): void {
    dx.point3d(this.position);
    dx.push(40, this.height);
    dx.primaryText(this.value);
    dx.textStyle(this.textStyle);
    dx.push(72, TextHorizontalAlignment.Center);
    dx.point3d(this.position, 1);
    dx.subclassMarker(this.definition ? 'AcDbAttributeDefinition' : 'AcDbAttribute');
    dx.push(280, 0);
    if (this.definition) dx.push(3, this.tag.toLowerCase());
    dx.push(2, this.tag);
    dx.push(70, this.invisible ? 1 : 0);
    dx.push(74, TextVerticalAlignment.Middle);
  }
}

/** A single-line TEXT centred on (x, y). */
function centredText(dxf: DxfWriter, x: number, y: number, height: number, text: string, layerName: string) {
  const at = point3d(x, y);
  dxf.addText(at, height, dxfText(text), {
    layerName,
    horizontalAlignment: TextHorizontalAlignment.Center,
    verticalAlignment: TextVerticalAlignment.Middle,
    secondAlignmentPoint: at,
  });
}

/** A single-line TEXT starting at (x, y), its baseline there. */
function leftText(dxf: DxfWriter, x: number, y: number, height: number, text: string, layerName: string) {
  dxf.addText(point3d(round(x), round(y)), height, dxfText(text), { layerName });
}

/** A violation on the failure layer: areas outlined, points circled, pairs joined and measured. */
function drawViolation(
  dxf: DxfWriter,
  violation: RuleViolation,
  cs: number,
  units: string,
  closed: (points: readonly { x: number; y: number }[], layerName: string) => unknown,
): void {
  const layerName = CAD_LAYERS.failures.name;
  for (const a of violation.areas ?? []) {
    closed(
      [
        { x: a.x, y: a.y },
        { x: round(a.x + a.width), y: a.y },
        { x: round(a.x + a.width), y: round(a.y + a.height) },
        { x: a.x, y: round(a.y + a.height) },
      ],
      layerName,
    );
  }
  // One mark per rule, so overlapping failures stay apart: a circle where a diffuser does not
  // reach, a cross where a detector does not, a diamond where no light is within the reach.
  const m = round(0.12 * cs);
  for (const p of violation.points ?? []) {
    if (violation.rule === 'smokeDetection.coverage') {
      dxf.addLine(point3d(round(p.x - m), round(p.y - m)), point3d(round(p.x + m), round(p.y + m)), {
        layerName,
      });
      dxf.addLine(point3d(round(p.x - m), round(p.y + m)), point3d(round(p.x + m), round(p.y - m)), {
        layerName,
      });
    } else if (violation.rule === 'lighting.spacingCriterion') {
      const diamond = [
        { x: round(p.x - m), y: p.y },
        { x: p.x, y: round(p.y - m) },
        { x: round(p.x + m), y: p.y },
        { x: p.x, y: round(p.y + m) },
      ];
      closed(diamond, layerName);
    } else {
      dxf.addCircle(point3d(p.x, p.y), m, { layerName });
    }
  }
  const textHeight = round(0.22 * cs);
  for (const { a, b, distance } of violation.pairs ?? []) {
    dxf.addLine(point3d(a.x, a.y), point3d(b.x, b.y), { layerName });
    dxf.addCircle(point3d(a.x, a.y), round(0.48 * cs), { layerName });
    dxf.addCircle(point3d(b.x, b.y), round(0.48 * cs), { layerName });
    // Above a pair that lies across, right of one that stands up and down.
    const text = `${fmt(distance, 2)} ${units} < ${fmt(violation.limit, 2)} ${units}`;
    const x = (a.x + b.x) / 2;
    const y = (a.y + b.y) / 2;
    if (Math.abs(a.x - b.x) >= Math.abs(a.y - b.y)) {
      centredText(dxf, round(x), round(y + 0.65 * cs), textHeight, text, layerName);
    } else {
      leftText(dxf, x + 0.6 * cs, y - textHeight / 2, textHeight, text, layerName);
    }
  }
  // The label stands inside the first area's top-left corner, or over the first pair or point.
  const area = violation.areas?.[0];
  const point = violation.pairs?.[0]?.a ?? violation.points?.[0];
  const anchor = area
    ? { x: area.x + 0.1 * cs, y: area.y + area.height - 0.3 * cs }
    : point && { x: point.x, y: point.y + 0.6 * cs };
  if (anchor) leftText(dxf, anchor.x, anchor.y, textHeight, violationLabel(violation, units), layerName);
}

/** The title block under the plan: a frame, the fields, the verdict, each rule family and stage. */
function drawTitleBlock(
  dxf: DxfWriter,
  result: RunResult,
  options: ResultDxfOptions,
  devices: readonly ScheduledDevice[],
  W: number,
  H: number,
  cs: number,
): void {
  const block = titleBlock(result, options, devices);
  const layerName = CAD_LAYERS.titleBlock.name;
  const h = round(Math.max(0.4 * cs, Math.max(W, H) / 90));
  const step = 1.7 * h;
  const lines: [text: string, scale: number][] = [
    [block.title, 1.6],
    ...block.fields.map(([k, v]): [string, number] => [`${k}: ${v}`, 1]),
    [block.verdict, 1.3],
    ...block.compliance.flatMap((c): [string, number][] => [
      [`${c.label}: ${c.pass === undefined ? 'NOT CHECKED' : c.pass ? 'PASS' : 'FAIL'} - ${c.summary}`, 1],
      ...c.reasons.map((r): [string, number] => [`    ${r}`, 0.85]),
    ]),
    ...block.stages.map((s): [string, number] => [s, 1]),
    [block.devices, 1],
  ];
  const left = 0;
  const top = -1.5 * cs;
  let y = top - step;
  let widest = 0;
  for (const [text, scale] of lines) {
    y -= (scale - 1) * h;
    leftText(dxf, left + h, y, round(h * scale), text, layerName);
    widest = Math.max(widest, text.length * 0.72 * h * scale);
    y -= step;
  }
  const width = round(Math.max(W, widest + 2 * h));
  const bottom = round(y + step - 0.8 * h);
  dxf.addLWPolyline(
    [
      { point: { x: left, y: round(top) } },
      { point: { x: width, y: round(top) } },
      { point: { x: width, y: bottom } },
      { point: { x: left, y: bottom } },
    ],
    { flags: LWPolylineFlags.Closed, layerName },
  );
}

/** The interior grid lines: edges between two room tiles, joined into maximal straight runs. */
function gridSegments(grid: { rows: number; cols: number; tiles: Uint8Array }): [GridVertex, GridVertex][] {
  const { rows, cols, tiles } = grid;
  const room = (r: number, c: number) => tiles[r * cols + c] !== TileKind.Outside;
  const out: [GridVertex, GridVertex][] = [];
  for (let r = 1; r < rows; r++) {
    const y = rows - r;
    let c = 0;
    while (c < cols) {
      if (!(room(r - 1, c) && room(r, c))) {
        c++;
        continue;
      }
      const start = c;
      while (c < cols && room(r - 1, c) && room(r, c)) c++;
      out.push([
        { x: start, y },
        { x: c, y },
      ]);
    }
  }
  for (let c = 1; c < cols; c++) {
    let r = 0;
    while (r < rows) {
      if (!(room(r, c - 1) && room(r, c))) {
        r++;
        continue;
      }
      const start = r;
      while (r < rows && room(r, c - 1) && room(r, c)) r++;
      out.push([
        { x: c, y: rows - start },
        { x: c, y: rows - r },
      ]);
    }
  }
  return out;
}

/**
 * Text for a DXF group: control characters (which would end the group) become spaces, and
 * `%%`, AutoCAD's control-code prefix, is broken up.
 */
export function dxfText(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
  return text.replace(/[\u0000-\u001f\u007f]/g, ' ').replace(/%%/g, '% %');
}

function round(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}
