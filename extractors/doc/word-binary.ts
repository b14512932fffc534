/**
 * The parts of a Word 97–2003 binary document (MS-DOC) that word-extractor does not give: each
 * paragraph's table properties. word-extractor turns Word's cell and row marks (both U+0007) into
 * tabs, so rows and merged cells are lost; here the paragraph property runs (PlcBtePapx → PapxFkp)
 * are read to tell a cell mark from a row mark (sprmPFTtp) and to read each row's cell boundaries and
 * vertical merges (sprmTDefTable, sprmTVertMerge), and each paragraph's style and list reference
 * (word-numbering.ts renders the list numbers). Every read is bounds-checked: a damaged table
 * stream yields fewer properties, never an exception.
 */

/** A run of paragraph properties over the file positions [start, end) of the WordDocument stream. */
export interface ParagraphRun {
  readonly start: number;
  readonly end: number;
  readonly inTable: boolean;
  /** The paragraph ends a table row (its mark is the row mark). */
  readonly rowEnd: boolean;
  readonly row: RowDefinition | null;
  /** The paragraph's style (istd in the style sheet). */
  readonly istd: number;
  /** Its list override (1-based ilfo) and level when set on the paragraph itself (sprmPIlfo, sprmPIlvl); null: from its style. */
  readonly ilfo: number | null;
  readonly ilvl: number | null;
}

/** What sprmTDefTable and sprmTVertMerge say about a row's cells. */
export interface RowDefinition {
  /** Cell boundaries in twips, one more than the cells. */
  readonly boundaries: readonly number[];
  /** Per cell: 0 not merged, 1 continues the cell above, 3 starts a vertical merge (MS-DOC VerticalMergeFlag). */
  readonly verticalMerge: readonly number[];
  /** Per cell: 0 not merged, 1 first of a horizontal merge, 2 or 3 merged into the cell before (old-style merges). */
  readonly horizontalMerge: readonly number[];
}

const SPRM_P_F_IN_TABLE = 0x2416;
const SPRM_P_F_TTP = 0x2417;
const SPRM_P_F_INNER_TTP = 0x244c;
const SPRM_T_DEF_TABLE = 0xd608;
const SPRM_T_VERT_MERGE = 0xd62b;
const SPRM_P_CHG_TABS = 0xc615;
/** sprmPIlvl and sprmPIlfo: a paragraph's list level and its 1-based index into the list overrides. */
export const SPRM_P_ILVL = 0x260a;
export const SPRM_P_ILFO = 0x460b;
/** The paragraph's properties stand in the Data stream (a row mark's table properties do, when large). */
const SPRM_P_HUGE_PAPX = 0x6646;
const FKP_BYTES = 512;
const TC80_BYTES = 20;
const MAX_CELLS = 64;

/** The size of a sprm's operand at `at` (MS-DOC Sprm.spra), null when it cannot be told. */
export function operandSize(grpprl: Buffer, at: number, sprm: number): number | null {
  switch (sprm >> 13) {
    case 0:
    case 1:
      return 1;
    case 2:
    case 4:
    case 5:
      return 2;
    case 3:
      return 4;
    case 7:
      return 3;
    default: {
      // Variable: a one-byte size, except sprmTDefTable (two-byte size) and sprmPChgTabs.
      if (sprm === SPRM_T_DEF_TABLE) return at + 2 <= grpprl.length ? grpprl.readUInt16LE(at) + 1 : null;
      if (sprm === SPRM_P_CHG_TABS) {
        const size = grpprl[at];
        return size === undefined ? null : size === 255 ? null : size + 1;
      }
      const size = grpprl[at];
      return size === undefined ? null : size + 1;
    }
  }
}

function readDefTable(operand: Buffer): RowDefinition | null {
  // operand: cb (2 bytes), NumberOfColumns (1), rgdxaCenter (n+1 × 2), rgTc80 (≤ n × 20)
  if (operand.length < 3) return null;
  const count = operand[2]!;
  if (count === 0 || count > MAX_CELLS || operand.length < 3 + (count + 1) * 2) return null;
  const boundaries: number[] = [];
  for (let i = 0; i <= count; i++) boundaries.push(operand.readInt16LE(3 + i * 2));
  const verticalMerge: number[] = [];
  const horizontalMerge: number[] = [];
  const tcStart = 3 + (count + 1) * 2;
  for (let i = 0; i < count; i++) {
    const at = tcStart + i * TC80_BYTES;
    const flags = at + 2 <= operand.length ? operand.readUInt16LE(at) : 0;
    horizontalMerge.push(flags & 0x3);
    verticalMerge.push((flags >> 5) & 0x3);
  }
  return { boundaries, verticalMerge, horizontalMerge };
}

interface Properties {
  inTable: boolean;
  rowEnd: boolean;
  row: RowDefinition | null;
  ilfo: number | null;
  ilvl: number | null;
}

function readGrpprl(
  grpprl: Buffer,
  data: Buffer,
  properties: Properties = { inTable: false, rowEnd: false, row: null, ilfo: null, ilvl: null },
  depth = 0,
): Properties {
  const vertical: [number, number][] = [];
  let at = 0;
  while (at + 2 <= grpprl.length) {
    const sprm = grpprl.readUInt16LE(at);
    at += 2;
    const size = operandSize(grpprl, at, sprm);
    if (size === null || at + size > grpprl.length) break;
    const operand = grpprl.subarray(at, at + size);
    if (sprm === SPRM_P_F_IN_TABLE) properties.inTable = operand[0] === 1;
    else if (sprm === SPRM_P_F_TTP || sprm === SPRM_P_F_INNER_TTP) properties.rowEnd = operand[0] === 1;
    else if (sprm === SPRM_T_DEF_TABLE) properties.row = readDefTable(operand);
    else if (sprm === SPRM_T_VERT_MERGE && operand.length >= 3) vertical.push([operand[1]!, operand[2]!]);
    else if (sprm === SPRM_P_ILFO && operand.length === 2) properties.ilfo = operand.readInt16LE(0);
    else if (sprm === SPRM_P_ILVL && operand.length === 1) properties.ilvl = operand[0]!;
    else if (sprm === SPRM_P_HUGE_PAPX && operand.length === 4 && depth === 0) {
      const offset = operand.readUInt32LE(0);
      if (offset + 2 <= data.length) {
        const size = data.readUInt16LE(offset);
        readGrpprl(data.subarray(offset + 2, Math.min(offset + 2 + size, data.length)), data, properties, depth + 1);
      }
    }
    at += size;
  }
  if (properties.row && vertical.length > 0) {
    const verticalMerge = [...properties.row.verticalMerge];
    for (const [cell, flag] of vertical) if (cell < verticalMerge.length) verticalMerge[cell] = flag & 0x3;
    properties.row = { ...properties.row, verticalMerge };
  }
  return properties;
}

/** The paragraph property runs of the document, sorted by file position. */
export function readParagraphRuns(wordDocument: Buffer, table: Buffer, data: Buffer): ParagraphRun[] {
  if (wordDocument.length < 0x10a) return [];
  const fc = wordDocument.readUInt32LE(0x102);
  const lcb = wordDocument.readUInt32LE(0x106);
  if (lcb < 12 || fc + lcb > table.length) return [];
  const plc = table.subarray(fc, fc + lcb);
  const count = Math.floor((lcb - 4) / 8);
  const runs: ParagraphRun[] = [];
  for (let i = 0; i < count; i++) {
    const page = plc.readUInt32LE((count + 1) * 4 + i * 4) & 0x3fffff;
    const fkp = wordDocument.subarray(page * FKP_BYTES, (page + 1) * FKP_BYTES);
    if (fkp.length < FKP_BYTES) continue;
    const crun = fkp[511]!;
    for (let j = 0; j < crun && (crun + 1) * 4 + j * 13 < 511; j++) {
      const start = fkp.readUInt32LE(j * 4);
      const end = fkp.readUInt32LE((j + 1) * 4);
      const offset = fkp[(crun + 1) * 4 + j * 13]! * 2;
      let grpprl: Buffer = Buffer.alloc(0);
      let istd = 0;
      if (offset > 0 && offset < FKP_BYTES) {
        const cb = fkp[offset]!;
        // PapxInFkp: cb ≠ 0 → 2·cb−1 bytes follow; cb = 0 → the next byte cb′ gives 2·cb′ bytes.
        const from = cb !== 0 ? offset + 1 : offset + 2;
        const length = cb !== 0 ? 2 * cb - 1 : 2 * (fkp[offset + 1] ?? 0);
        const istdAndGrpprl = fkp.subarray(from, Math.min(from + length, FKP_BYTES - 1));
        grpprl = istdAndGrpprl.subarray(2);
        if (istdAndGrpprl.length >= 2) istd = istdAndGrpprl.readUInt16LE(0);
      }
      runs.push({ start, end, istd, ...readGrpprl(grpprl, data) });
    }
  }
  return runs.sort((a, b) => a.start - b.start);
}

/** The run holding the file position, by binary search; null when none does. */
export function runAt(runs: readonly ParagraphRun[], position: number): ParagraphRun | null {
  let low = 0;
  let high = runs.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const run = runs[middle]!;
    if (position < run.start) high = middle - 1;
    else if (position >= run.end) low = middle + 1;
    else return run;
  }
  return null;
}
