/**
 * The config file as the command line meets it: read once by the pipeline, a misspelt top-level key
 * or a bad limit stops the run with exit 2 and a Chinese message naming the key.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultReadLimits } from '../../../extractors/model/limits.js';
import { loadPipelineConfig } from '../../../pipeline/cli/pipeline-config.js';
import { ConfigError } from '../../../rules/config.js';
import { runCli, runMain } from './support/cli.js';

let work: string;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'config-file-'));
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

function configFile(name: string, text: string): string {
  const file = join(work, name);
  writeFileSync(file, text);
  return file;
}

describe('loadPipelineConfig', () => {
  it('reads rules and limits from one file', () => {
    configFile('both.json', '\uFEFF{"rules":{"text.rate":"off"},"limits":{"timeoutMs":5000},"$schema":"x"}');
    expect(loadPipelineConfig('both.json', work)).toEqual({
      rules: { rules: { 'text.rate': { severity: 'off' } } },
      limits: { ...defaultReadLimits, timeoutMs: 5000 },
    });
  });

  it('gives every default when there is no config file in the folder', () => {
    const empty = mkdtempSync(join(work, 'empty-'));
    expect(loadPipelineConfig(undefined, empty)).toEqual({ rules: { rules: {} }, limits: defaultReadLimits });
  });

  it('rejects an unknown top-level key, naming it', () => {
    configFile('rulez.json', '{"rulez":{}}');
    expect(() => loadPipelineConfig('rulez.json', work)).toThrow(ConfigError);
    expect(() => loadPipelineConfig('rulez.json', work)).toThrow(/rulez/);
  });

  it('rejects an unknown limit and a limit that is not a positive integer', () => {
    configFile('limit-name.json', '{"limits":{"timeout":5}}');
    expect(() => loadPipelineConfig('limit-name.json', work)).toThrow(/^配置项 limits\.timeout 无效/);
    configFile('limit-value.json', '{"limits":{"timeoutMs":-1}}');
    expect(() => loadPipelineConfig('limit-value.json', work)).toThrow(/limits\.timeoutMs 的值 -1 无效/);
  });

  it('reads pdf.engine into the limits the workers get, and rejects an unknown engine or key', () => {
    configFile('engine.json', '{"pdf":{"engine":"pdfjs"},"limits":{"maxPages":20}}');
    expect(loadPipelineConfig('engine.json', work).limits).toEqual({
      ...defaultReadLimits,
      maxPages: 20,
      pdfEngine: 'pdfjs',
    });
    configFile('engine-name.json', '{"pdf":{"engine":"mupdf"}}');
    expect(() => loadPipelineConfig('engine-name.json', work)).toThrow(/^配置项 pdf\.engine 的值 "mupdf" 无效/);
    configFile('engine-key.json', '{"pdf":{"backend":"pdfium"}}');
    expect(() => loadPipelineConfig('engine-key.json', work)).toThrow(/^配置项 pdf\.backend 无效/);
    configFile('engine-type.json', '{"pdf":"pdfium"}');
    expect(() => loadPipelineConfig('engine-type.json', work)).toThrow(/^配置项 pdf 应为对象/);
  });

  it('reads ocr.minConfidence and the OCR limits, and rejects a confidence outside 0–1 or an unknown key', () => {
    configFile('ocr.json', '{"ocr":{"minConfidence":0.9},"limits":{"maxOcrPages":5,"ocrPageTimeoutMs":8000}}');
    expect(loadPipelineConfig('ocr.json', work).limits).toEqual({
      ...defaultReadLimits,
      maxOcrPages: 5,
      ocrPageTimeoutMs: 8000,
      ocrMinConfidence: 0.9,
    });
    configFile('ocr-range.json', '{"ocr":{"minConfidence":1.5}}');
    expect(() => loadPipelineConfig('ocr-range.json', work)).toThrow(/^配置项 ocr\.minConfidence 的值 1\.5 无效/);
    configFile('ocr-key.json', '{"ocr":{"threshold":0.5}}');
    expect(() => loadPipelineConfig('ocr-key.json', work)).toThrow(/^配置项 ocr\.threshold 无效/);
  });

  it('rejects text that is not JSON, a missing named file and a folder', () => {
    configFile('broken.json', '{"rules":');
    expect(() => loadPipelineConfig('broken.json', work)).toThrow(/不是有效的 JSON/);
    expect(() => loadPipelineConfig('missing.json', work)).toThrow(/^找不到配置文件 /);
    expect(() => loadPipelineConfig('.', work)).toThrow(/不是普通文件/);
  });
});

describe('check --config', () => {
  it('exits 2 with a Chinese message naming a misspelt top-level key', async () => {
    const file = configFile('cli-rulez.json', '{"rulez":{}}');
    const run = await runCli(['check', '--json', '--config', file, 'fixtures/samples/pingdeng-2023.docx']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^review-desk：配置项 rulez 无效/);
    expect(run.stderr).not.toMatch(/Error|at /);
  });

  it('exits 2 naming limits.timeoutMs when it passes what a Node timer can wait (2^31 − 1 ms)', async () => {
    const file = configFile('cli-timeout.json', '{"limits":{"timeoutMs":3000000000}}');
    const run = await runMain(['check', '--json', '--config', file, 'fixtures/samples/pingdeng-2023.docx']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      'review-desk：配置项 limits.timeoutMs 的值 3000000000 无效，应为不超过 2147483647 的正整数\n',
    );
    configFile('max-timeout.json', '{"limits":{"timeoutMs":2147483647,"maxFileBytes":2147483648}}');
    expect(() => loadPipelineConfig('max-timeout.json', work)).toThrow(
      /limits\.maxFileBytes 的值 2147483648 无效，应为不超过 2147483647 的正整数/,
    );
  });

  it('picks up review-desk.config.json from the working folder', async () => {
    const folder = mkdtempSync(join(work, 'cwd-'));
    writeFileSync(join(folder, 'review-desk.config.json'), '{"limits":{"maxFileBytez":1}}');
    const run = await runCli(['check', '--json', join(process.cwd(), 'fixtures/samples/pingdeng-2023.docx')], {
      cwd: folder,
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/配置项 limits\.maxFileBytez 无效/);
  });
});
