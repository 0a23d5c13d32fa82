/**
 * What one ceiling tile is. Stored one byte per tile in {@link Room.tiles}, so a 500×500 room
 * costs 250 kB rather than a quarter of a million objects.
 */
export const TileKind = {
  /** Not part of the room (`-`): lets a rectangular grid describe an L- or U-shaped room. */
  Outside: 0,
  /** Free ceiling tile (`.`): a device may be mounted here. */
  Free: 1,
  /** Inside the room but nothing can be mounted (`#`): column, duct, beam, skylight. */
  Blocked: 2,
  /** Light (`L`). */
  Light: 3,
  /** Air supply diffuser (`S`). */
  AirSupply: 4,
  /** Return grille (`R`). */
  ReturnGrille: 5,
  /** Smoke detector (`D`). */
  SmokeDetector: 6,
} as const;

export type TileKind = (typeof TileKind)[keyof typeof TileKind];

/** Layout character of RULES §2 for each tile kind, indexed by {@link TileKind}. */
export const TILE_CHARS = ['-', '.', '#', 'L', 'S', 'R', 'D'] as const;

/** Tile kind of each layout character; `undefined` for a character the legend does not know. */
export const TILE_KIND_BY_CHAR: Readonly<Record<string, TileKind>> = {
  '-': TileKind.Outside,
  '.': TileKind.Free,
  '#': TileKind.Blocked,
  L: TileKind.Light,
  S: TileKind.AirSupply,
  R: TileKind.ReturnGrille,
  D: TileKind.SmokeDetector,
};

/** Tile kind of each code of the legacy integer `matrix` format (0 free … 5 smoke detector). */
export const TILE_KIND_BY_LEGACY_CODE: readonly TileKind[] = [
  TileKind.Free,
  TileKind.Blocked,
  TileKind.Light,
  TileKind.AirSupply,
  TileKind.ReturnGrille,
  TileKind.SmokeDetector,
];

/** True when the tile belongs to the room (anything but `-`). */
export function isRoomTile(kind: number): boolean {
  return kind !== TileKind.Outside;
}
