/**
 * Phone photos: the page is a bright quadrilateral on a darker background (a desk), seen at an
 * angle. The quadrilateral is found on a reduced copy (Otsu threshold refined for light falling
 * across the photo, largest bright component,
 * its four extreme corners refined by fitting a line to each side), and the page is mapped back
 * to a rectangle with the homography of its corners (bilinear sampling, white outside).
 */
import type { GrayImage } from './image.js';

export type Point = { x: number; y: number };
/** Corners clockwise from the top left. */
export type Quad = [Point, Point, Point, Point];

/** The reduced copy is at most this many pixels on its longer side. */
const REDUCED_SIDE = 500;
/** A page covering more than this share of the photo leaves no background to find it against. */
const MAX_PAGE_SHARE = 0.97;
const MIN_PAGE_SHARE = 0.2;
/** A quadrilateral this close to a rectangle is a scan (its skew is deskew's job), not a photo. */
const MAX_RECT_ANGLE_DEVIATION = 1.5;
const MAX_RECT_SIDE_DIFFERENCE = 0.02;

export interface PageQuad {
  quad: Quad;
  /** Whether it is far enough from a rectangle to need a perspective correction. */
  perspective: boolean;
}

/** The page's quadrilateral in `image` pixels, or undefined when no background surrounds it. */
export function findPageQuad(image: GrayImage): PageQuad | undefined {
  const { width, height, data } = image;
  const factor = Math.max(1, Math.ceil(Math.max(width, height) / REDUCED_SIDE));
  const rw = Math.floor(width / factor);
  const rh = Math.floor(height / factor);
  if (rw < 16 || rh < 16) return undefined;
  const reduced = new Uint8Array(rw * rh);
  for (let y = 0; y < rh; y++) {
    for (let x = 0; x < rw; x++) {
      let sum = 0;
      for (let dy = 0; dy < factor; dy++) {
        const row = (y * factor + dy) * width + x * factor;
        for (let dx = 0; dx < factor; dx++) sum += data[row + dx]!;
      }
      reduced[y * rw + x] = sum / (factor * factor);
    }
  }
  const threshold = otsu(reduced);
  const bright = new Uint8Array(rw * rh);
  for (let p = 0; p < bright.length; p++) bright[p] = reduced[p]! > threshold ? 1 : 0;
  // Text makes holes in the page component; they do not move its extreme corners.
  const evenly = largestComponent(bright, rw, rh);
  /*
   * The split that allows for the light, where it finds the page larger: it took back the page's
   * dark end (the 人社 photo: 45% of the photo → 52%). Where it cuts into the page instead (a shaded
   * table filling a close-up photo: 85% → 34%), the plain threshold stands.
   */
  const lit = largestComponent(splitUnderUnevenLight(reduced, rw, threshold), rw, rh);
  const page = lit && (!evenly || lit.size > evenly.size) ? lit : evenly;
  if (!page) return undefined;
  const corners = extremeCorners(page.mask, rw, rh);
  const quadArea = polygonArea(corners);
  const share = quadArea / (rw * rh);
  if (share > MAX_PAGE_SHARE || share < MIN_PAGE_SHARE) return undefined;
  const refined = refineCorners(page.mask, rw, rh, corners) ?? corners;
  const quad = refined.map((c) => ({ x: (c.x + 0.5) * factor, y: (c.y + 0.5) * factor })) as Quad;
  return { quad, perspective: !isNearRectangle(quad) };
}

/** Rounds of fitting the two planes and splitting again: the split settles within two or three. */
const LIGHT_ROUNDS = 4;

/** Least-squares plane v ≈ a + b·x + c·y through the pixels of `image` where `mask` is `which`. */
function fitPlane(
  image: Uint8Array,
  mask: Uint8Array,
  which: number,
  width: number,
): [number, number, number] | undefined {
  // Normal equations of [1 x y], x and y as shares of the width, centred: a well-conditioned system.
  let n = 0;
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  let sv = 0;
  let sxv = 0;
  let syv = 0;
  for (let p = 0; p < image.length; p++) {
    if (mask[p] !== which) continue;
    const x = (p % width) / width - 0.5;
    const y = Math.floor(p / width) / width - 0.5;
    const v = image[p]!;
    n++;
    sx += x;
    sy += y;
    sxx += x * x;
    sxy += x * y;
    syy += y * y;
    sv += v;
    sxv += x * v;
    syv += y * v;
  }
  if (n < 3) return undefined;
  const m = [
    [n, sx, sy],
    [sx, sxx, sxy],
    [sy, sxy, syy],
  ];
  const det = (a: number[][]) =>
    a[0]![0]! * (a[1]![1]! * a[2]![2]! - a[1]![2]! * a[2]![1]!) -
    a[0]![1]! * (a[1]![0]! * a[2]![2]! - a[1]![2]! * a[2]![0]!) +
    a[0]![2]! * (a[1]![0]! * a[2]![1]! - a[1]![1]! * a[2]![0]!);
  const d = det(m);
  if (Math.abs(d) < 1e-9) return [sv / n, 0, 0];
  const rhs = [sv, sxv, syv];
  // Cramer's rule: each coefficient with its column replaced by the right-hand side.
  const solve = (column: number) => det(m.map((row, i) => row.map((value, j) => (j === column ? rhs[i]! : value))));
  return [solve(0) / d, solve(1) / d, solve(2) / d];
}

/**
 * The page's pixels (1) and the background's (0) where light falls off across the photo, so that
 * the far end of the page is darker than the desk near the light (the 人社 photo: no one threshold
 * separates them there). From Otsu's split, each side's brightness is fitted as a plane over the
 * image and every pixel goes to the side whose plane it is nearer, a few times over.
 */
function splitUnderUnevenLight(reduced: Uint8Array, width: number, threshold: number): Uint8Array {
  const bright = new Uint8Array(reduced.length);
  for (let p = 0; p < bright.length; p++) bright[p] = reduced[p]! > threshold ? 1 : 0;
  for (let round = 0; round < LIGHT_ROUNDS; round++) {
    const page = fitPlane(reduced, bright, 1, width);
    const background = fitPlane(reduced, bright, 0, width);
    if (!page || !background) break;
    let changed = 0;
    for (let p = 0; p < bright.length; p++) {
      const x = (p % width) / width - 0.5;
      const y = Math.floor(p / width) / width - 0.5;
      const pageLevel = page[0] + page[1] * x + page[2] * y;
      const backgroundLevel = background[0] + background[1] * x + background[2] * y;
      // Where the planes meet (no contrast left), the global split stands.
      const cut = pageLevel > backgroundLevel + 8 ? (pageLevel + backgroundLevel) / 2 : threshold;
      const next = reduced[p]! > cut ? 1 : 0;
      if (next !== bright[p]) changed++;
      bright[p] = next;
    }
    if (changed === 0) break;
  }
  return bright;
}

/** Otsu's threshold of a gray image. */
export function otsu(data: Uint8Array): number {
  const histogram = new Float64Array(256);
  for (let p = 0; p < data.length; p++) histogram[data[p]!]!++;
  let total = 0;
  for (let v = 0; v < 256; v++) total += v * histogram[v]!;
  let weightBelow = 0;
  let sumBelow = 0;
  let best = 0;
  let bestThreshold = 127;
  for (let t = 0; t < 256; t++) {
    weightBelow += histogram[t]!;
    if (weightBelow === 0) continue;
    const weightAbove = data.length - weightBelow;
    if (weightAbove === 0) break;
    sumBelow += t * histogram[t]!;
    const meanBelow = sumBelow / weightBelow;
    const meanAbove = (total - sumBelow) / weightAbove;
    const between = weightBelow * weightAbove * (meanBelow - meanAbove) ** 2;
    if (between > best) {
      best = between;
      bestThreshold = t;
    }
  }
  return bestThreshold;
}

function largestComponent(
  bright: Uint8Array,
  width: number,
  height: number,
): { mask: Uint8Array; size: number } | undefined {
  const label = new Int32Array(bright.length);
  const stack = new Int32Array(bright.length);
  let bestLabel = 0;
  let bestSize = 0;
  let next = 0;
  for (let start = 0; start < bright.length; start++) {
    if (bright[start] === 0 || label[start] !== 0) continue;
    next++;
    let top = 0;
    let size = 0;
    stack[top++] = start;
    label[start] = next;
    while (top > 0) {
      const p = stack[--top]!;
      size++;
      const x = p % width;
      const neighbours = [x > 0 ? p - 1 : -1, x < width - 1 ? p + 1 : -1, p - width, p + width];
      for (const q of neighbours) {
        if (q < 0 || q >= bright.length || bright[q] === 0 || label[q] !== 0) continue;
        label[q] = next;
        stack[top++] = q;
      }
    }
    if (size > bestSize) {
      bestSize = size;
      bestLabel = next;
    }
  }
  if (bestSize === 0) return undefined;
  const mask = new Uint8Array(bright.length);
  for (let p = 0; p < mask.length; p++) mask[p] = label[p] === bestLabel ? 1 : 0;
  void height;
  return { mask, size: bestSize };
}

/** Top-left, top-right, bottom-right, bottom-left: the extremes of x+y and x−y. */
function extremeCorners(mask: Uint8Array, width: number, height: number): Quad {
  let tl = { x: 0, y: 0, v: Number.POSITIVE_INFINITY };
  let br = { x: 0, y: 0, v: Number.NEGATIVE_INFINITY };
  let tr = { x: 0, y: 0, v: Number.NEGATIVE_INFINITY };
  let bl = { x: 0, y: 0, v: Number.POSITIVE_INFINITY };
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (mask[y * width + x] === 0) continue;
      const s = x + y;
      const d = x - y;
      if (s < tl.v) tl = { x, y, v: s };
      if (s > br.v) br = { x, y, v: s };
      if (d > tr.v) tr = { x, y, v: d };
      if (d < bl.v) bl = { x, y, v: d };
    }
  }
  return [
    { x: tl.x, y: tl.y },
    { x: tr.x, y: tr.y },
    { x: br.x, y: br.y },
    { x: bl.x, y: bl.y },
  ];
}

/**
 * Each side refitted as a line through the page's outline between its two corners (the middle
 * 80%, away from rounded or dog-eared corners), and the corners recomputed as the sides'
 * intersections.
 */
function refineCorners(mask: Uint8Array, width: number, height: number, c: Quad): Quad | undefined {
  const edgeAt = (x: number, y: number, dx: number, dy: number): Point | undefined => {
    // From a point on the rough side, walk inward/outward along (dx, dy) to the outline.
    let px = Math.round(x);
    let py = Math.round(y);
    const inside = (qx: number, qy: number): boolean =>
      qx >= 0 && qy >= 0 && qx < width && qy < height && mask[qy * width + qx] === 1;
    const limit = 12;
    if (inside(px, py)) {
      for (let i = 0; i < limit && inside(px - dx, py - dy); i++) {
        px -= dx;
        py -= dy;
      }
      return { x: px, y: py };
    }
    for (let i = 0; i < limit; i++) {
      px += dx;
      py += dy;
      if (inside(px, py)) return { x: px, y: py };
    }
    return undefined;
  };
  // Inward normals of the sides (top, right, bottom, left), as unit pixel steps.
  const inward: [number, number][] = [
    [0, 1],
    [-1, 0],
    [0, -1],
    [1, 0],
  ];
  const lines: { a: number; b: number; c: number }[] = [];
  for (let side = 0; side < 4; side++) {
    const p = c[side]!;
    const q = c[(side + 1) % 4]!;
    const [dx, dy] = inward[side]!;
    const points: Point[] = [];
    for (let i = 1; i < 40; i++) {
      const t = 0.1 + (0.8 * i) / 40;
      const e = edgeAt(p.x + (q.x - p.x) * t, p.y + (q.y - p.y) * t, dx, dy);
      if (e) points.push(e);
    }
    if (points.length < 10) return undefined;
    const line = fitLine(points);
    if (!line) return undefined;
    lines.push(line);
  }
  const corners: Point[] = [];
  for (let i = 0; i < 4; i++) {
    const a = lines[(i + 3) % 4]!;
    const b = lines[i]!;
    const det = a.a * b.b - a.b * b.a;
    if (Math.abs(det) < 1e-9) return undefined;
    const x = (a.b * b.c - b.b * a.c) / det;
    const y = (b.a * a.c - a.a * b.c) / det;
    const rough = c[i]!;
    if (Math.hypot(x - rough.x, y - rough.y) > 15) return undefined;
    corners.push({ x, y });
  }
  return corners as Quad;
}

/** Total least squares line a·x + b·y + c = 0 (a² + b² = 1). */
function fitLine(points: Point[]): { a: number; b: number; c: number } | undefined {
  const n = points.length;
  let mx = 0;
  let my = 0;
  for (const p of points) {
    mx += p.x;
    my += p.y;
  }
  mx /= n;
  my /= n;
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  for (const p of points) {
    sxx += (p.x - mx) ** 2;
    syy += (p.y - my) ** 2;
    sxy += (p.x - mx) * (p.y - my);
  }
  // Direction of largest spread; the normal is perpendicular to it.
  const angle = 0.5 * Math.atan2(2 * sxy, sxx - syy);
  const a = -Math.sin(angle);
  const b = Math.cos(angle);
  if (!Number.isFinite(a) || !Number.isFinite(b)) return undefined;
  return { a, b, c: -(a * mx + b * my) };
}

function polygonArea(q: Quad): number {
  let area = 0;
  for (let i = 0; i < 4; i++) {
    const p = q[i]!;
    const r = q[(i + 1) % 4]!;
    area += p.x * r.y - r.x * p.y;
  }
  return Math.abs(area) / 2;
}

function isNearRectangle(q: Quad): boolean {
  for (let i = 0; i < 4; i++) {
    const prev = q[(i + 3) % 4]!;
    const at = q[i]!;
    const next = q[(i + 1) % 4]!;
    const a1 = Math.atan2(prev.y - at.y, prev.x - at.x);
    const a2 = Math.atan2(next.y - at.y, next.x - at.x);
    let angle = Math.abs(((a1 - a2) * 180) / Math.PI) % 360;
    if (angle > 180) angle = 360 - angle;
    if (Math.abs(angle - 90) > MAX_RECT_ANGLE_DEVIATION) return false;
  }
  const side = (i: number): number => Math.hypot(q[(i + 1) % 4]!.x - q[i]!.x, q[(i + 1) % 4]!.y - q[i]!.y);
  const relative = (a: number, b: number): number => Math.abs(a - b) / Math.max(a, b);
  return (
    relative(side(0), side(2)) <= MAX_RECT_SIDE_DIFFERENCE && relative(side(1), side(3)) <= MAX_RECT_SIDE_DIFFERENCE
  );
}

/**
 * The homography taking the four points `src` to the four points `dst`, as 8 coefficients
 * [a b c d e f g h]: x' = (a·x + b·y + c) / (g·x + h·y + 1), y' = (d·x + e·y + f) / (same).
 */
export function homography(src: readonly [number, number][], dst: readonly [number, number][]): number[] {
  const m: number[][] = [];
  for (let i = 0; i < 4; i++) {
    const [x, y] = src[i]!;
    const [u, v] = dst[i]!;
    m.push([x, y, 1, 0, 0, 0, -u * x, -u * y, u]);
    m.push([0, 0, 0, x, y, 1, -v * x, -v * y, v]);
  }
  // Gaussian elimination with partial pivoting on the 8×9 system.
  for (let col = 0; col < 8; col++) {
    let pivot = col;
    for (let r = col + 1; r < 8; r++) if (Math.abs(m[r]![col]!) > Math.abs(m[pivot]![col]!)) pivot = r;
    [m[col], m[pivot]] = [m[pivot]!, m[col]!];
    const lead = m[col]![col]!;
    for (let k = col; k < 9; k++) m[col]![k]! /= lead;
    for (let r = 0; r < 8; r++) {
      if (r === col) continue;
      const f = m[r]![col]!;
      if (f === 0) continue;
      for (let k = col; k < 9; k++) m[r]![k]! -= f * m[col]![k]!;
    }
  }
  return m.map((row) => row[8]!);
}

/** The homography taking (0,0), (w,0), (w,h), (0,h) to the quad's corners (see `homography`). */
export function rectToQuad(w: number, h: number, quad: Quad): number[] {
  const src: [number, number][] = [
    [0, 0],
    [w, 0],
    [w, h],
    [0, h],
  ];
  return homography(
    src,
    quad.map((corner) => [corner.x, corner.y] as [number, number]),
  );
}

/** The size of the upright rectangle `warpQuad` maps `quad` to: its mean side lengths. */
export function warpedSize(quad: Quad): { width: number; height: number } {
  const side = (i: number): number => Math.hypot(quad[(i + 1) % 4]!.x - quad[i]!.x, quad[(i + 1) % 4]!.y - quad[i]!.y);
  return {
    width: Math.max(1, Math.round((side(0) + side(2)) / 2)),
    height: Math.max(1, Math.round((side(1) + side(3)) / 2)),
  };
}

/** The page inside `quad` mapped to an upright rectangle of its mean side lengths. */
export function warpQuad(image: GrayImage, quad: Quad): GrayImage {
  const { width: w, height: h } = warpedSize(quad);
  const [a, b, c, d, e, f, g, hh] = rectToQuad(w, h, quad) as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const { width: sw, height: sh, data } = image;
  const out = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    const yc = y + 0.5;
    for (let x = 0; x < w; x++) {
      const xc = x + 0.5;
      const z = g * xc + hh * yc + 1;
      const sx = (a * xc + b * yc + c) / z - 0.5;
      const sy = (d * xc + e * yc + f) / z - 0.5;
      out[y * w + x] = sampleBilinear(data, sw, sh, sx, sy);
    }
  }
  return { width: w, height: h, data: out };
}

/** Bilinear sample at (x, y) in pixel-centre coordinates; white outside the image. */
export function sampleBilinear(data: Uint8Array, width: number, height: number, x: number, y: number): number {
  const x0 = Math.floor(x);
  const y0 = Math.floor(y);
  const fx = x - x0;
  const fy = y - y0;
  if (x0 >= 0 && y0 >= 0 && x0 < width - 1 && y0 < height - 1) {
    const p = y0 * width + x0;
    const top = data[p]! + (data[p + 1]! - data[p]!) * fx;
    const bottom = data[p + width]! + (data[p + width + 1]! - data[p + width]!) * fx;
    return top + (bottom - top) * fy + 0.5;
  }
  if (x0 < -1 || y0 < -1 || x0 >= width || y0 >= height) return 255;
  const at = (px: number, py: number): number =>
    px < 0 || py < 0 || px >= width || py >= height ? 255 : data[py * width + px]!;
  const top = at(x0, y0) * (1 - fx) + at(x0 + 1, y0) * fx;
  const bottom = at(x0, y0 + 1) * (1 - fx) + at(x0 + 1, y0 + 1) * fx;
  return top * (1 - fy) + bottom * fy + 0.5;
}
