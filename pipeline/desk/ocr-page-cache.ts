/**
 * OCR results kept in the store (issue #14): one row per file content (sha256), page and engine,
 * holding the OcrPageRecord as JSON, so that a re-check after a rule or config change, a restart
 * of an interrupted run or a resubmission of the same bytes does not recognise the pages again.
 * The engine (with its model versions) is part of the key: an upgrade reads the pages afresh.
 *
 * Only the main thread touches the SQLite file; the workers ask for pages over the worker protocol
 * (check-runner.ts). better-sqlite3 is synchronous and a lookup takes microseconds, so the main
 * thread answers at once, and the store keeps one writer per output folder as it always has.
 */

import type Database from 'better-sqlite3';
import type { OcrCache, OcrPageRecord } from '../../extractors/ocr/ocr-page.js';
import type { Db } from './database.js';

/** A stored record that no longer parses (written by hand, or damaged) is treated as absent and read again. */
function parseRecord(json: string): OcrPageRecord | undefined {
  try {
    const record = JSON.parse(json) as OcrPageRecord;
    return record && typeof record === 'object' && Array.isArray(record.boxes) ? record : undefined;
  } catch {
    return undefined;
  }
}

export class StoreOcrCache implements OcrCache {
  readonly #select: Database.Statement<[string, number, string], { json: string }>;
  readonly #upsert: Database.Statement<[string, number, string, string, string]>;

  constructor(db: Db) {
    this.#select = db.prepare('SELECT json FROM ocr_pages WHERE sha256 = ? AND page = ? AND engine = ?');
    this.#upsert = db.prepare(
      `INSERT INTO ocr_pages (sha256, page, engine, json, read_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (sha256, page, engine) DO UPDATE SET json = excluded.json, read_at = excluded.read_at`,
    );
  }

  async get(sha256: string, page: number, engine: string): Promise<OcrPageRecord | undefined> {
    const row = this.#select.get(sha256, page, engine);
    return row ? parseRecord(row.json) : undefined;
  }

  async put(sha256: string, page: number, engine: string, record: OcrPageRecord): Promise<void> {
    this.#upsert.run(sha256, page, engine, JSON.stringify(record), new Date().toISOString());
  }
}
