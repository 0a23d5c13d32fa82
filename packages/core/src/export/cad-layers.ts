/**
 * The DXF's layers, named after the US National CAD Standard (discipline letter, major group,
 * minor group): what each holds and its AutoCAD colour index. docs/CAD.md lists them.
 */
export const CAD_LAYERS = {
  wall: {
    name: 'A-WALL',
    colour: 7,
    holds: 'room outline: one closed polyline per boundary loop, holes included',
  },
  grid: { name: 'A-CLNG-GRID', colour: 8, holds: 'ceiling grid: the tile edges inside the room' },
  blocked: { name: 'A-CLNG-BLKD', colour: 9, holds: 'blocked tiles: closed outlines and an ANSI31 hatch' },
  gridLabels: { name: 'A-CLNG-IDEN', colour: 8, holds: 'row and column numbers along the grid' },
  light: { name: 'E-LITE', colour: 30, holds: 'lights (block CG-LIGHT)' },
  airSupply: { name: 'M-HVAC-SUPP', colour: 150, holds: 'supply diffusers (block CG-SUPPLY)' },
  returnGrille: { name: 'M-HVAC-RETN', colour: 4, holds: 'return grilles (block CG-RETURN)' },
  smokeDetector: { name: 'F-ALRM-SMOK', colour: 1, holds: 'smoke detectors (block CG-SMOKE)' },
  failures: {
    name: 'G-ANNO-FAIL',
    colour: 6,
    holds: 'where a rule fails: points out of reach, their tiles, devices too close',
  },
  titleBlock: { name: 'G-ANNO-TTLB', colour: 7, holds: 'title block' },
} as const;

export type CadLayerKey = keyof typeof CAD_LAYERS;

/** The block each device kind is inserted as. */
export const DEVICE_BLOCKS = {
  light: 'CG-LIGHT',
  airSupply: 'CG-SUPPLY',
  returnGrille: 'CG-RETURN',
  smokeDetector: 'CG-SMOKE',
} as const;

/**
 * The attributes of every device block, in order: the tag is shown on the plan, the rest are
 * invisible (a CAD program lists them, extracts them into a table, or shows them on demand).
 */
export const DEVICE_ATTRIBUTES = ['TAG', 'TYPE', 'STATUS', 'MODEL', 'DESC'] as const;
