/**
 * Thrown by `importRoomFromDxf` for a drawing or an option it cannot turn into a room. The
 * message names the layer (or option) and the reason; nothing is returned half-made.
 */
export class DxfImportError extends Error {
  override readonly name = 'DxfImportError';

  constructor(
    /**
     * What is at fault: `dxf` (the text), the option naming the layer at fault (`outlineLayer`,
     * `obstructionLayer`), another option (`tileSize`, `units`, `originX`, `devices`, …), or a
     * room field.
     */
    readonly field: string,
    message: string,
    /** The drawing layer at fault, when there is one. */
    readonly layer?: string,
  ) {
    super(message);
  }
}
