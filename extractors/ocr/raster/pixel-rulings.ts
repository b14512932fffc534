/**
 * Ruling lines of tables found in a page image. Ink runs along each row (a row OR-ed with its
 * neighbours, so a line a fraction of a degree off level or broken by noise stays one run) are
 * linked across rows into candidate lines; a candidate is kept when it is a line and not a text
 * stroke or a seal ring: ink along at least 80% of it, thin, and straight (a ring's arc bows away
 * from its chord). Long lines are rulings by themselves; short ones (a cell divider one row high)
 * only when both ends meet a ruling across them, which text strokes do not.
 * Vertical lines are found the same way on the transposed mask.
 */
import type { GrayImage } from './image.js';

export interface PixelRulingSet {
  horizontal: { y: number; x1: number; x2: number }[];
  vertical: { x: number; y1: number; y2: number }[];
}

/** Ink for rulings: darker than this. A scanned 0.5 pt line is blurred to a light gray (130–180) on white paper; a light table shading (~230) is not a line. */
const INK = 200;
/** Gaps up to this many pixels (noise, a dropout) do not break a run. */
const GAP = 2;

interface Candidate {
  /** Position across the line (y of a horizontal one). */
  at: number;
  from: number;
  to: number;
}

interface Group {
  from: number;
  to: number;
  first: number;
  last: number;
  weighted: number;
  weight: number;
  open: boolean;
}

/** Scale of lengths: 1 for a 200 dpi A4 page (1654 px across its narrow side). */
function scaleOf(image: GrayImage): number {
  return Math.min(3, Math.max(0.4, Math.min(image.width, image.height) / 1654));
}

export function findPixelRulings(image: GrayImage): PixelRulingSet {
  const { width, height, data } = image;
  const ink = new Uint8Array(width * height);
  for (let p = 0; p < ink.length; p++) ink[p] = data[p]! < INK ? 1 : 0;
  const s = scaleOf(image);
  const minLength = Math.round(25 * s);
  const longLength = Math.round(150 * s);
  const tolerance = Math.max(3, Math.round(5 * s));
  const horizontal = mergeCollinear(linesAlongRows(ink, width, height, minLength, s), tolerance);
  const transposed = transpose(ink, width, height);
  const vertical = mergeCollinear(linesAlongRows(transposed, height, width, minLength, s), tolerance);
  const keptH = new Set<Candidate>(horizontal.filter((c) => c.to - c.from >= longLength));
  const keptV = new Set<Candidate>(vertical.filter((c) => c.to - c.from >= longLength));
  // A short line is kept when both its ends meet a kept line across it; repeat while that adds lines.
  for (let changed = true; changed; ) {
    changed = false;
    for (const c of horizontal) {
      if (!keptH.has(c) && endsMeet(c, keptV, tolerance)) {
        keptH.add(c);
        changed = true;
      }
    }
    for (const c of vertical) {
      if (!keptV.has(c) && endsMeet(c, keptH, tolerance)) {
        keptV.add(c);
        changed = true;
      }
    }
  }
  const round = (v: number): number => Math.round(v * 10) / 10;
  return {
    horizontal: horizontal.filter((c) => keptH.has(c)).map((c) => ({ y: round(c.at), x1: c.from, x2: c.to })),
    vertical: vertical.filter((c) => keptV.has(c)).map((c) => ({ x: round(c.at), y1: c.from, y2: c.to })),
  };
}

function endsMeet(c: Candidate, across: Set<Candidate>, tolerance: number): boolean {
  const meets = (end: number): boolean => {
    for (const a of across) {
      if (Math.abs(a.at - end) <= tolerance && c.at >= a.from - tolerance && c.at <= a.to + tolerance) return true;
    }
    return false;
  };
  return meets(c.from) && meets(c.to);
}

function transpose(data: Uint8Array, width: number, height: number): Uint8Array {
  const out = new Uint8Array(width * height);
  const tile = 64;
  for (let y0 = 0; y0 < height; y0 += tile) {
    const y1 = Math.min(height, y0 + tile);
    for (let x0 = 0; x0 < width; x0 += tile) {
      const x1 = Math.min(width, x0 + tile);
      for (let y = y0; y < y1; y++) {
        for (let x = x0; x < x1; x++) out[x * height + y] = data[y * width + x]!;
      }
    }
  }
  return out;
}

/** Candidate lines along the rows of `ink` (1 = ink), validated against the mask. */
function linesAlongRows(ink: Uint8Array, width: number, height: number, minLength: number, s: number): Candidate[] {
  const result: Candidate[] = [];
  let open: Group[] = [];
  const close = (g: Group): void => {
    const candidate = validate(ink, width, height, g, s);
    if (candidate) result.push(candidate);
  };
  for (let y = 0; y < height; y++) {
    const up = y > 0 ? (y - 1) * width : y * width;
    const row = y * width;
    const down = y < height - 1 ? (y + 1) * width : y * width;
    const next: Group[] = [];
    let start = -1;
    let lastInk = -1;
    const finishRun = (from: number, to: number): void => {
      if (to - from + 1 < minLength) return;
      let joined: Group | undefined;
      for (const g of open) {
        if (!g.open) continue;
        const overlap = Math.min(g.to, to) - Math.max(g.from, from);
        if (overlap >= 0.5 * Math.min(g.to - g.from, to - from)) {
          if (!joined) {
            joined = g;
            g.from = Math.min(g.from, from);
            g.to = Math.max(g.to, to);
            g.last = y;
            // Weighted by length squared: a blob the line runs through (a seal's star, a
            // character touching it) adds short runs that must not pull the centre off the line.
            g.weighted += y * (to - from + 1) ** 2;
            g.weight += (to - from + 1) ** 2;
          }
        }
      }
      if (joined) {
        if (!next.includes(joined)) next.push(joined);
      } else {
        next.push({
          from,
          to,
          first: y,
          last: y,
          weighted: y * (to - from + 1) ** 2,
          weight: (to - from + 1) ** 2,
          open: true,
        });
      }
    };
    for (let x = 0; x < width; x++) {
      if ((ink[up + x]! | ink[row + x]! | ink[down + x]!) === 0) continue;
      if (start < 0 || x - lastInk > GAP + 1) {
        if (start >= 0) finishRun(start, lastInk);
        start = x;
      }
      lastInk = x;
    }
    if (start >= 0) finishRun(start, lastInk);
    for (const g of open) if (!next.includes(g)) close(g);
    open = next;
  }
  for (const g of open) close(g);
  return result;
}

/**
 * Whether the group is a line: sampled across its length, the ink band nearest its centre must
 * be present (80%), thin, and on one straight line (what bows, like a seal's arc, is not).
 */
function validate(ink: Uint8Array, width: number, height: number, g: Group, s: number): Candidate | undefined {
  const centre = g.weighted / g.weight;
  const reach = Math.round(8 * s);
  // Two cells' borders drawn side by side (Chromium) blur into one band 7 px thick at 200 dpi.
  const maxThickness = Math.max(5, 9 * s);
  const length = g.to - g.from + 1;
  const step = Math.max(1, Math.floor(length / 64));
  const xs: number[] = [];
  const ys: number[] = [];
  const thickness: number[] = [];
  let samples = 0;
  for (let x = g.from; x <= g.to; x += step) {
    samples++;
    const c = Math.round(centre);
    // The ink run across the line nearest the centre.
    let hit = -1;
    for (let d = 0; d <= reach && hit < 0; d++) {
      if (c - d >= 0 && ink[(c - d) * width + x] === 1) hit = c - d;
      else if (c + d < height && ink[(c + d) * width + x] === 1) hit = c + d;
    }
    if (hit < 0) continue;
    let top = hit;
    let bottom = hit;
    while (top > 0 && ink[(top - 1) * width + x] === 1 && hit - top < 3 * reach) top--;
    while (bottom < height - 1 && ink[(bottom + 1) * width + x] === 1 && bottom - hit < 3 * reach) bottom++;
    xs.push(x);
    ys.push((top + bottom) / 2);
    thickness.push(bottom - top + 1);
  }
  if (xs.length < 0.8 * samples || xs.length < 4) return undefined;
  const sorted = [...thickness].sort((p, q) => p - q);
  if (sorted[Math.floor(sorted.length / 2)]! > maxThickness) return undefined;
  // Samples where the band is thick are junctions with a line across or a blob on the line: their
  // centres say nothing about the line's course (and at its ends they would tilt the fit).
  const keep = thickness.map((t) => t <= maxThickness);
  const fitX = xs.filter((_, i) => keep[i]);
  const fitY = ys.filter((_, i) => keep[i]);
  if (fitX.length < 4) return undefined;
  const firstInk = xs[0]!;
  const lastInk = xs[xs.length - 1]!;
  xs.length = 0;
  ys.length = 0;
  xs.push(...fitX);
  ys.push(...fitY);
  // Least squares line through the band centres; a ruling is level within a few degrees.
  const n = xs.length;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += xs[i]!;
    my += ys[i]!;
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (xs[i]! - mx) * (ys[i]! - my);
    sxx += (xs[i]! - mx) ** 2;
  }
  const slope = sxx > 0 ? sxy / sxx : 0;
  if (Math.abs(slope) > 0.05) return undefined;
  const residuals = xs.map((x, i) => Math.abs(ys[i]! - (my + slope * (x - mx)))).sort((a, b) => a - b);
  if (residuals[Math.floor(residuals.length * 0.8)]! > Math.max(1.5, 1.5 * s)) return undefined;
  // Trim to where ink really is (the linked rows can reach past the line's ends by a few pixels).
  return { at: my + slope * ((g.from + g.to) / 2 - mx), from: firstInk, to: Math.min(g.to, lastInk + step - 1) };
}

/** Pieces on one line (across-position within the tolerance) that overlap or nearly touch become one. */
function mergeCollinear(pieces: Candidate[], tolerance: number): Candidate[] {
  pieces.sort((a, b) => a.at - b.at);
  const result: Candidate[] = [];
  for (let start = 0; start < pieces.length; ) {
    let end = start + 1;
    while (end < pieces.length && pieces[end]!.at - pieces[end - 1]!.at <= tolerance / 2) end++;
    const group = pieces.slice(start, end).sort((a, b) => a.from - b.from);
    let current = { ...group[0]! };
    let weight = current.to - current.from;
    let weighted = current.at * weight;
    for (const piece of group.slice(1)) {
      if (piece.from <= current.to + tolerance) {
        const w = piece.to - piece.from;
        weighted += piece.at * w;
        weight += w;
        current.to = Math.max(current.to, piece.to);
      } else {
        result.push({ ...current, at: weight > 0 ? weighted / weight : current.at });
        current = { ...piece };
        weight = current.to - current.from;
        weighted = current.at * weight;
      }
    }
    result.push({ ...current, at: weight > 0 ? weighted / weight : current.at });
    start = end;
  }
  return result;
}
