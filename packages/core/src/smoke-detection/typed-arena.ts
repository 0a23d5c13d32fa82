/**
 * Typed arrays carved out of one zeroed `ArrayBuffer`. Every `new Uint8Array(n)` beyond a few
 * dozen bytes allocates its own off-heap store, 2–3 µs each, as much as the smoke stage spends
 * on a whole candidate layout in a small room; a stage that needs a dozen scratch arrays per
 * call takes them from one arena instead.
 *
 * Usage: declare every array with {@link TypedArena.reserve}, then {@link TypedArena.allocate}
 * once and take the arrays with {@link TypedArena.take} in the same order.
 */
export class TypedArena {
  private readonly sizes: { bytesPerElement: number; length: number }[] = [];
  private buffer: ArrayBuffer | undefined;
  private offset = 0;
  private taken = 0;

  /** Declares an array of `length` elements of `bytesPerElement` bytes. */
  reserve(bytesPerElement: number, length: number): this {
    this.sizes.push({ bytesPerElement, length });
    return this;
  }

  /** Allocates the buffer for every reserved array (each aligned to 8 bytes). */
  allocate(): this {
    let bytes = 0;
    for (const { bytesPerElement, length } of this.sizes) bytes += align(bytesPerElement * length);
    this.buffer = new ArrayBuffer(bytes);
    return this;
  }

  /** The next reserved array, as a view of type `kind` (which must match the reservation). */
  take<T>(kind: new (buffer: ArrayBuffer, byteOffset: number, length: number) => T): T {
    const size = this.sizes[this.taken++];
    if (!this.buffer || !size) throw new Error('TypedArena: take() without a matching reserve()/allocate()');
    const view = new kind(this.buffer, this.offset, size.length);
    this.offset += align(size.bytesPerElement * size.length);
    return view;
  }
}

function align(bytes: number): number {
  return Math.ceil(bytes / 8) * 8;
}
