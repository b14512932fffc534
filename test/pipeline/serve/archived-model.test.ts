/**
 * The desk's document view of a scanned submission reads its pages from the store's OCR cache, as the
 * check left them, instead of recognising them again: a record put in the store under the photo's
 * sha256 is what the model holds (text the photo does not bear), and it comes back without OCR.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultReadLimits } from '../../../extractors/model/limits.js';
import { ocrEngineId } from '../../../extractors/ocr/engine/engine-id.js';
import type { OcrPageRecord } from '../../../extractors/ocr/ocr-page.js';
import { type Db, openDatabase } from '../../../pipeline/desk/database.js';
import { StoreOcrCache } from '../../../pipeline/desk/ocr-page-cache.js';
import { archivedReaders } from '../../../pipeline/serve/archived-model.js';
import { repoRoot } from '../cli/support/cli.js';

let work: string;
let db: Db;
const photo = join(repoRoot, 'fixtures/scans/overall-ab-hr-2023.photo.jpg');
const sha256 = createHash('sha256').update(readFileSync(photo)).digest('hex');
const archivePath = join('archive', `${sha256}.jpg`);

const lines = ['缓存中的页面文字：第一行', '部门整体支出绩效自评表', '年度预算执行数801.86万元'];
const record: OcrPageRecord = {
  engine: ocrEngineId,
  width: 595,
  height: 842,
  boxes: lines.map((text, i) => ({
    text,
    x: 72,
    y: 100 + i * 30,
    width: 14 * text.length,
    size: 14,
    confidence: 0.97,
  })),
  rulings: { horizontal: [], vertical: [] },
  notes: [],
};

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'archived-model-'));
  db = openDatabase(work);
  mkdirSync(join(work, 'archive'));
  copyFileSync(photo, join(work, archivePath));
  await new StoreOcrCache(db).put(sha256, 1, ocrEngineId, record);
});

afterAll(() => {
  db.close();
  rmSync(work, { recursive: true, force: true });
});

describe('the desk reading an archived scan', () => {
  it('takes its pages from the store, as the check read them, without recognising them again', async () => {
    const model = await archivedReaders(work, db, defaultReadLimits).readModel({ sha256, archivePath });
    const text = model.blocks.map((block) => ('text' in block ? block.text : '')).join('\n');
    expect(text).toContain('缓存中的页面文字：第一行');
    expect(text).toContain('年度预算执行数801.86万元');
    expect(model.ocr?.pages).toEqual([1]);
  });
});
