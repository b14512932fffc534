/** The zip guard: hostile and broken zips are refused before anything inflates them without limits. */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Document, Packer, Paragraph } from 'docx';
import { describe, expect, it } from 'vitest';
import { guardZip } from '../../../extractors/container/zip-guard.js';
import { defaultReadLimits, type ReadLimits } from '../../../extractors/model/limits.js';
import { deflatedZeros, replaceParts, writeZip } from '../docx/docx-test-zip.js';

const keepAll = { keep: () => true };
const limits = (overrides: Partial<ReadLimits>): ReadLimits => ({ ...defaultReadLimits, ...overrides });
const seedDocx = () => readFileSync(new URL('../../../fixtures/samples/pingdeng-2023.docx', import.meta.url));

async function smallDocx(): Promise<Uint8Array> {
  return new Uint8Array(await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('正文')] }] })));
}

describe('guardZip', () => {
  it('hands back every entry name and the inflated bytes of the kept parts only', async () => {
    const contents = await guardZip(seedDocx(), defaultReadLimits, { keep: (name) => name.startsWith('word/') });
    expect(contents.names).toContain('[Content_Types].xml');
    expect(contents.names).toContain('word/document.xml');
    expect([...contents.parts.keys()].every((name) => name.startsWith('word/'))).toBe(true);
    expect(contents.parts.get('word/document.xml')!.toString('utf8')).toContain('部门整体绩效自评报告');
  });

  it('refuses a 300 MB bomb from its central directory, without inflating it', async () => {
    const bomb = deflatedZeros(300);
    const zip = writeZip([
      { name: 'word/document.xml', data: Buffer.from('<w:document/>') },
      { name: 'word/media/image1.png', deflated: bomb.deflated, crc: bomb.crc, declaredSize: bomb.size },
    ]);
    expect(zip.length).toBeLessThan(1024 * 1024);
    // "声明" (declared): the verdict came from the directory, before any inflation.
    await expect(guardZip(zip, defaultReadLimits, keepAll)).rejects.toMatchObject({
      code: 'too-large',
      message: expect.stringMatching(/^该文件声明解压后约300 MB，超过200 MB上限，疑似“压缩炸弹”/),
    });
  });

  it('stops inflating a bomb whose header understates its size once the output passes the ratio ceiling', async () => {
    const bomb = deflatedZeros(300);
    const zip = writeZip([
      { name: 'word/media/image1.png', deflated: bomb.deflated, crc: bomb.crc, declaredSize: 4096 },
    ]);
    await expect(guardZip(zip, defaultReadLimits, keepAll)).rejects.toMatchObject({
      code: 'too-large',
      message: expect.stringMatching(/压缩比异常（超过200倍）/),
    });
  });

  it('stops inflating a lying bomb at the total-size cap when the ratio allows it', async () => {
    const bomb = deflatedZeros(64);
    const zip = writeZip([{ name: 'word/document.xml', deflated: bomb.deflated, crc: bomb.crc, declaredSize: 10 }]);
    const lax = limits({ maxCompressionRatio: 1_000_000, maxUncompressedBytes: 16 * 1024 * 1024 });
    await expect(guardZip(zip, lax, keepAll)).rejects.toMatchObject({
      code: 'too-large',
      message: expect.stringMatching(/^该文件解压后超过16 MB上限/),
    });
  });

  it('refuses a zip whose declared sizes add up past the cap even when each entry is modest', async () => {
    const entries = [1, 2, 3].map((i) => ({ name: `word/media/image${i}.bin`, data: randomBytes(600 * 1024) }));
    await expect(
      guardZip(writeZip(entries), limits({ maxUncompressedBytes: 1024 * 1024 }), keepAll),
    ).rejects.toMatchObject({
      code: 'too-large',
    });
    await expect(
      guardZip(writeZip(entries), limits({ maxUncompressedBytes: 2 * 1024 * 1024 }), keepAll),
    ).resolves.toBeTruthy();
  });

  it('lets small entries compress as well as they like: XML under 1 MB is not judged by its ratio', async () => {
    const repetitive = Buffer.from('<w:p><w:r><w:t>一</w:t></w:r></w:p>'.repeat(20_000)).subarray(0, 900 * 1024);
    const contents = await guardZip(
      writeZip([{ name: 'word/document.xml', data: repetitive }]),
      defaultReadLimits,
      keepAll,
    );
    expect(contents.parts.get('word/document.xml')!.length).toBe(repetitive.length);
  });

  it('refuses more entries than the limit allows', async () => {
    const entries = Array.from({ length: 30 }, (_, i) => ({ name: `word/part${i}.xml`, data: Buffer.from('<a/>') }));
    await expect(guardZip(writeZip(entries), limits({ maxZipEntries: 29 }), keepAll)).rejects.toMatchObject({
      code: 'too-large',
      message: expect.stringContaining('30个压缩条目'),
    });
    await expect(guardZip(writeZip(entries), limits({ maxZipEntries: 30 }), keepAll)).resolves.toBeTruthy();
  });

  it('calls a zip corrupt when an entry inflates to fewer bytes than its header declares', async () => {
    const zip = writeZip([{ name: 'word/document.xml', data: Buffer.from('<w:document/>'), declaredSize: 5000 }]);
    await expect(guardZip(zip, defaultReadLimits, keepAll)).rejects.toMatchObject({ code: 'corrupt-file' });
  });

  it('calls a truncated DOCX corrupt', async () => {
    const seed = seedDocx();
    await expect(guardZip(seed.subarray(0, seed.length >> 1), defaultReadLimits, keepAll)).rejects.toMatchObject({
      code: 'corrupt-file',
      message: expect.stringContaining('文件已损坏'),
    });
  });

  it('calls an entry whose deflate data is garbage corrupt', async () => {
    const zip = writeZip([
      { name: 'word/document.xml', deflated: Buffer.from([0xff, 0xff, 0xff, 0xff]), declaredSize: 10 },
    ]);
    await expect(guardZip(zip, defaultReadLimits, keepAll)).rejects.toMatchObject({ code: 'corrupt-file' });
  });

  it('refuses a zip with traditional-encrypted entries as encrypted', async () => {
    const zip = writeZip([{ name: 'word/document.xml', data: Buffer.from('<w:document/>') }]);
    zip.writeUInt16LE(0x0801, 6); // local header: encrypted + UTF-8
    zip.writeUInt16LE(0x0801, zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])) + 8); // central directory too
    await expect(guardZip(zip, defaultReadLimits, keepAll)).rejects.toMatchObject({ code: 'encrypted' });
  });

  it('refuses an external entity in document.xml without resolving it (XXE)', async () => {
    const xxe =
      '<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>' +
      '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:body></w:document>';
    const zip = await replaceParts(await smallDocx(), { 'word/document.xml': xxe });
    await expect(guardZip(zip, defaultReadLimits, keepAll)).rejects.toMatchObject({
      code: 'corrupt-file',
      message: expect.stringContaining('DTD/实体声明'),
    });
  });

  it('refuses an entity-expansion DTD however it is spelled', async () => {
    const laughs =
      '<?xml version="1.0"?><!doctype lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]><lolz>&lol2;</lolz>';
    const zip = await replaceParts(await smallDocx(), { 'word/styles.xml': laughs });
    await expect(guardZip(zip, defaultReadLimits, keepAll)).rejects.toMatchObject({ code: 'corrupt-file' });
  });

  it('reads a stored (uncompressed) entry as is', async () => {
    const zip = writeZip([{ name: 'word/document.xml', data: Buffer.from('<w:document/>'), stored: true }]);
    const contents = await guardZip(zip, defaultReadLimits, keepAll);
    expect(contents.parts.get('word/document.xml')!.toString()).toBe('<w:document/>');
  });
});
