/**
 * A uniform grid over bounding boxes, in front of the Flatbush: a point finds its candidate boxes
 * with one cell lookup instead of a tree walk. On the benchmark's 9,693 overlapping county boxes
 * the Flatbush walk alone costs more than the exact point-in-polygon test of the candidates it
 * returns. A box is copied into every cell it covers, so memory is budgeted: boxes go into the
 * grid smallest first, and those that would overspend the budget are left in `large` for the
 * caller's Flatbush.
 */

const MAX_CELLS = 1 << 20;
/** Cells per box, at most: a few zones far apart must not make a million-cell grid. */
const CELLS_PER_BOX = 8;
/** Cell entries per (box + cell), at most. */
const ENTRIES_BUDGET = 4;

export class BoxGrid {
  /** Items left out of the grid (the largest), for the caller to index another way. */
  readonly large: number[] = [];
  /** Per cell, where its entries start in `entries` (in entries); one more than there are cells. */
  readonly cellStart: Uint32Array;
  /**
   * Per entry (`stride` numbers): minX, minY, maxX, maxY, then the item's payload. Box and
   * payload travel together so that a cell's candidates are one contiguous run of memory.
   */
  readonly entries: Float64Array;
  readonly stride: number;
  private readonly minX: number;
  private readonly minY: number;
  private readonly inv: number;
  private readonly cols: number;
  private readonly rows: number;

  /**
   * `boxes` holds minX, minY, maxX, maxY per item; `payload` holds `payloadWidth` numbers per item,
   * copied into each of its entries.
   */
  constructor(boxes: Float64Array, payload: Float64Array, payloadWidth: number) {
    const count = boxes.length / 4;
    const stride = 4 + payloadWidth;
    this.stride = stride;
    const box = (i: number, k: number): number => boxes[4 * i + k] as number;
    let minX = Infinity;
    let minY = Infinity;
    let maxX = -Infinity;
    let maxY = -Infinity;
    const sizes: number[] = [];
    for (let i = 0; i < count; i += 1) {
      minX = Math.min(minX, box(i, 0));
      minY = Math.min(minY, box(i, 1));
      maxX = Math.max(maxX, box(i, 2));
      maxY = Math.max(maxY, box(i, 3));
      sizes.push(Math.max(box(i, 2) - box(i, 0), box(i, 3) - box(i, 1)));
    }
    // A cell about the size of the median box: each box touches a few cells and each cell holds
    // a few boxes; larger when the extent would need too many cells.
    sizes.sort((a, b) => a - b);
    const width = Math.max(maxX - minX, 1e-9);
    const height = Math.max(maxY - minY, 1e-9);
    const maxCells = Math.min(MAX_CELLS, Math.max(256, CELLS_PER_BOX * count));
    const cell = Math.max(sizes[sizes.length >> 1] ?? 1, 1e-6, Math.sqrt((width * height) / maxCells));
    this.minX = minX;
    this.minY = minY;
    this.inv = 1 / cell;
    this.cols = count === 0 ? 0 : Math.min(Math.ceil(width / cell), maxCells);
    this.rows =
      count === 0 ? 0 : Math.max(1, Math.min(Math.ceil(height / cell), Math.floor(maxCells / this.cols)));
    this.cols = Math.max(this.cols, count === 0 ? 0 : 1);

    const cells = this.cols * this.rows;
    const range = (i: number): [number, number, number, number] => [
      this.col(box(i, 0)),
      this.col(box(i, 2)),
      this.row(box(i, 1)),
      this.row(box(i, 3)),
    ];
    const coverage = (i: number): number => {
      const [c0, c1, r0, r1] = range(i);
      return (c1 - c0 + 1) * (r1 - r0 + 1);
    };
    const order = Array.from({ length: count }, (_, i) => i).sort((a, b) => coverage(a) - coverage(b));
    const budget = ENTRIES_BUDGET * (count + cells);
    let spent = 0;
    const inGrid: number[] = [];
    for (const i of order) {
      const c = coverage(i);
      if (spent + c > budget) {
        this.large.push(i);
      } else {
        spent += c;
        inGrid.push(i);
      }
    }

    // Counting pass, prefix sums, filling pass.
    const starts = new Uint32Array(cells + 1);
    const eachCell = (i: number, fn: (k: number) => void): void => {
      const [c0, c1, r0, r1] = range(i);
      for (let r = r0; r <= r1; r += 1) for (let c = c0; c <= c1; c += 1) fn(r * this.cols + c);
    };
    for (const i of inGrid) eachCell(i, (k) => (starts[k + 1] = (starts[k + 1] as number) + 1));
    for (let k = 0; k < cells; k += 1) starts[k + 1] = (starts[k + 1] as number) + (starts[k] as number);
    const entries = new Float64Array(spent * stride);
    const cursor = starts.slice(0, cells);
    // In item order within a cell: the same index always answers in the same order.
    inGrid.sort((a, b) => a - b);
    for (const i of inGrid) {
      eachCell(i, (k) => {
        const at = (cursor[k] as number) * stride;
        entries.set(boxes.subarray(4 * i, 4 * i + 4), at);
        entries.set(payload.subarray(payloadWidth * i, payloadWidth * i + payloadWidth), at + 4);
        cursor[k] = (cursor[k] as number) + 1;
      });
    }
    this.cellStart = starts;
    this.entries = entries;
  }

  /** Column of x, clamped. Monotonic, so a box's column range holds the column of each of its points. */
  private col(x: number): number {
    const c = Math.floor((x - this.minX) * this.inv);
    return c < 0 ? 0 : c >= this.cols ? this.cols - 1 : c;
  }

  private row(y: number): number {
    const r = Math.floor((y - this.minY) * this.inv);
    return r < 0 ? 0 : r >= this.rows ? this.rows - 1 : r;
  }

  /** The cell holding the point's candidates, or -1 when the grid is empty. */
  cellOf(x: number, y: number): number {
    if (this.cols === 0) return -1;
    return this.row(y) * this.cols + this.col(x);
  }
}
