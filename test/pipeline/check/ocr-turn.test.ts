/**
 * The OCR engine's turn (issue #14): one file at a time recognises pages, so that its pages have both
 * cores and one OCR process is alive at a time. The worker is a stand-in for the OCR reader: it asks
 * for the turn through the real worker side (port-ocr-cache.ts `portOcrTurn`), "recognises" for
 * `pageMs` milliseconds and answers with when it held the turn; the real CheckRunner and worker pool
 * answer it. A file in line waits with its clock stopped, so waiting never times it out.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultReadLimits } from '../../../extractors/model/limits.js';
import { CheckRunner, type ExtractionRun } from '../../../pipeline/check/check-runner.js';
import { readIntakeFile } from '../../../pipeline/intake/intake.js';
import { assertBuilt } from '../cli/support/cli.js';

const portModule = new URL('../../../dist/pipeline/check/port-ocr-cache.js', import.meta.url).href;

/*
 * What the file asks for is in its bytes (JSON): { ocr: whether it needs the turn, ms: how long it
 * works, crash: whether it dies while in line }. The answer's rejection message is
 * "start,end" of the time it worked (Date.now(), shared by the threads).
 */
const script = `
import { parentPort } from 'node:worker_threads';
import { answerReply, portOcrTurn } from ${JSON.stringify(portModule)};
parentPort.on('message', async (message) => {
  if (answerReply(message)) return;
  const { id, input } = message;
  const file = JSON.parse(new TextDecoder().decode(input.bytes));
  if (file.ocr) {
    const turn = portOcrTurn(parentPort, id);
    if (file.crash) {
      void turn();
      setTimeout(() => { throw new Error('worker died in line'); }, 50);
      return;
    }
    // Asked twice, as the reader's read-ahead does: the second waits for the same answer.
    await Promise.all([turn(), turn()]);
  }
  const start = Date.now();
  await new Promise((resolve) => setTimeout(resolve, file.ms));
  parentPort.postMessage({ id, output: {
    output: { ok: false, code: 'no-text-layer', message: start + ',' + Date.now(), format: 'pdf', detail: null },
    memo: null,
  } });
});
`;

let work: string;
let scriptUrl: URL;

beforeAll(() => {
  assertBuilt();
  work = mkdtempSync(join(tmpdir(), 'ocr-turn-'));
  writeFileSync(join(work, 'turn-worker.mjs'), script);
  scriptUrl = pathToFileURL(join(work, 'turn-worker.mjs'));
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

interface FakeFile {
  ocr: boolean;
  ms: number;
  crash?: boolean;
}

async function checkAll(files: FakeFile[], timeoutMs: number): Promise<ExtractionRun[]> {
  const runner = new CheckRunner({
    jobs: files.length,
    script: scriptUrl,
    limits: { ...defaultReadLimits, timeoutMs },
  });
  try {
    return await Promise.all(
      files.map(async (file, i) => {
        const path = join(work, `扫描件${i}.pdf`);
        writeFileSync(path, JSON.stringify(file));
        return runner.check(await readIntakeFile(path, runner.limits), `扫描件${i}.pdf`);
      }),
    );
  } finally {
    await runner.close();
  }
}

function worked(run: ExtractionRun): [number, number] {
  expect(run.result.error?.code, run.detail ?? '').toBe('no-text-layer');
  const [start, end] = run.result.error!.message.split(',').map(Number);
  return [start!, end!];
}

describe('the OCR engine’s turn', () => {
  it('lets one scan at a time recognise; the one in line waits with its clock stopped and says how long', async () => {
    // Each works 600 ms with a 900 ms limit: the second would run out of time if its wait counted.
    const runs = await checkAll(
      [
        { ocr: true, ms: 600 },
        { ocr: true, ms: 600 },
      ],
      900,
    );
    const [a, b] = runs.map(worked) as [[number, number], [number, number]];
    const [first, second] = a[0] <= b[0] ? [a, b] : [b, a];
    expect(second[0]).toBeGreaterThanOrEqual(first[1]);
    const waits = runs.map((run) => run.ocrWaitMs ?? 0).sort((x, y) => x - y);
    expect(waits[0]).toBeLessThan(100);
    expect(waits[1]).toBeGreaterThanOrEqual(400);
    expect(runs.find((run) => run.ocrWaitMs === waits[1])!.elapsedMs).toBeGreaterThan(900);
  });

  it('names the time a file had for itself when it runs out of it after waiting for its turn', async () => {
    // Each would work 3 s with a 2 s limit: the first runs out at 2 s, the second after waiting for it.
    const runs = await checkAll(
      [
        { ocr: true, ms: 3000 },
        { ocr: true, ms: 3000 },
      ],
      2000,
    );
    expect(runs.map((run) => run.result.error?.message.startsWith('文件处理超时（超过2秒）'))).toEqual([true, true]);
    const late = runs.find((run) => (run.ocrWaitMs ?? 0) >= 1500);
    expect(late, JSON.stringify(runs.map((run) => run.ocrWaitMs))).toBeDefined();
    expect(late!.elapsedMs).toBeGreaterThanOrEqual(3500);
  });

  it('never holds back a file that needs no OCR', async () => {
    const [scan, digital] = (
      await checkAll(
        [
          { ocr: true, ms: 800 },
          { ocr: false, ms: 50 },
        ],
        5000,
      )
    ).map(worked) as [[number, number], [number, number]];
    expect(digital[1]).toBeLessThan(scan[1]);
  });

  it('passes the turn on when the file in line dies before its turn came', async () => {
    const runs = await checkAll(
      [
        { ocr: true, ms: 400 },
        { ocr: true, ms: 0, crash: true },
        { ocr: true, ms: 100 },
      ],
      5000,
    );
    expect(runs[1]!.result.status).toBe('rejected');
    expect(runs[1]!.result.error?.code).toBe('corrupt-file');
    const [first, second] = [worked(runs[0]!), worked(runs[2]!)].sort((x, y) => x[0] - y[0]) as [
      [number, number],
      [number, number],
    ];
    expect(second[0]).toBeGreaterThanOrEqual(first[1]);
  });
});
