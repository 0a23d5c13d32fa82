/**
 * The part of the `dxf` package (npm, skymakerolof/dxf, 5.x) the import uses: `parseString`
 * and the entity fields it reads. The package ships no types; what it returns is checked field
 * by field where it is read (dxf-entities.ts), so these say only what may be there.
 */
declare module 'dxf' {
  /** One parsed entity: `type` and `layer` always, the rest by type. */
  export interface ParsedDxfEntity {
    readonly type: string;
    readonly layer?: unknown;
    readonly handle?: unknown;
    readonly paperSpace?: unknown;
    readonly closed?: unknown;
    readonly vertices?: unknown;
    readonly polygonMesh?: unknown;
    readonly polyfaceMesh?: unknown;
    readonly extrusionX?: unknown;
    readonly extrusionY?: unknown;
    readonly extrusionZ?: unknown;
    readonly x?: unknown;
    readonly y?: unknown;
    readonly r?: unknown;
    readonly block?: unknown;
    readonly tag?: unknown;
    readonly text?: unknown;
  }

  export interface ParsedDxf {
    readonly header: { readonly insUnits?: unknown };
    readonly entities: readonly ParsedDxfEntity[];
  }

  export function parseString(text: string): ParsedDxf;
}
