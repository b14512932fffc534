/**
 * The DOCX memo packed part by part (reports/memo-docx-package.ts) against the same memo packed by
 * docx's own Packer: the same parts in the same order with the same XML, byte for byte, except the
 * timestamps docx writes into core.xml; and read back by mammoth as the same text.
 */
import { Document, ExternalHyperlink, Packer, Paragraph, TextRun } from 'docx';
import { strFromU8, unzipSync } from 'fflate';
import mammoth from 'mammoth';
import { describe, expect, it } from 'vitest';
import { renderMemoDocx, renderMemoDocxWithPacker } from '../../reports/memo-docx.js';
import { MemoPacker } from '../../reports/memo-docx-package.js';
import type { MemoContext } from '../../reports/memo-tree.js';
import type { CheckResult } from '../../reports/result-schema.js';
import { realSeedResult } from './support/checked-submission.js';
import { dynamicAdjustmentFinding, numberingFinding, rejectedResult, seedResult } from './support/seed-result.js';

const date = new Date('2024-05-06T02:00:00Z');
const timestamp = /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z/g;

/** Part name → XML text, in the zip's order; core.xml's created/modified times masked. */
function partsOf(bytes: Uint8Array): [string, string][] {
  return Object.entries(unzipSync(new Uint8Array(bytes))).map(([name, data]) => {
    const text = strFromU8(data);
    return [name, name === 'docProps/core.xml' ? text.replace(timestamp, '<time>') : text];
  });
}

async function rawText(buffer: Buffer): Promise<string> {
  return (await mammoth.extractRawText({ buffer })).value;
}

/** Text that XML must escape or drop, in a finding's message and evidence. */
function awkwardTextResult(): CheckResult {
  const finding = structuredClone(numberingFinding);
  finding.message = '编号 <一> & "二" \'三\' \u0001控制字符 {default-bullet-numbering-0} ]]> 结束';
  finding.evidence[0]!.text = 'a < b && c > d';
  return seedResult({ findings: [finding, structuredClone(dynamicAdjustmentFinding)] });
}

const supersedes: MemoContext['supersedes'] = {
  file: 'submissions/平等乡-旧.docx',
  sha256: 'b'.repeat(64),
  receivedAt: '2024-05-01T08:00:00.000Z',
  fixed: [structuredClone(numberingFinding)],
  remaining: [],
  added: [structuredClone(dynamicAdjustmentFinding)],
};

const cases: [string, () => Promise<CheckResult>, MemoContext][] = [
  ['the seed checked from its DOCX', () => realSeedResult('docx'), { date }],
  ['the seed checked from its PDF', () => realSeedResult('pdf'), { date }],
  ['a rejected file', async () => rejectedResult('encrypted', '文件已加密，无法读取。'), { date }],
  ['a resubmission', async () => seedResult(), { date, supersedes }],
  ['a memo with text XML must escape', async () => awkwardTextResult(), { date }],
];

describe.each(cases)('the DOCX memo of %s', (_name, result, context) => {
  it("unzips to the same parts as docx's Packer makes, with the same XML", async () => {
    const checked = await result();
    const packed = partsOf(await renderMemoDocx(checked, context));
    const reference = partsOf(await renderMemoDocxWithPacker(checked, context));
    expect(packed.map(([name]) => name)).toEqual(reference.map(([name]) => name));
    expect(packed.length).toBe(17);
    expect(Object.fromEntries(packed)).toEqual(Object.fromEntries(reference));
  });

  it('reads back in mammoth as the same text', async () => {
    const checked = await result();
    const text = await rawText(await renderMemoDocx(checked, context));
    expect(text).toContain('部门整体绩效自评报告审核意见');
    expect(text).toBe(await rawText(await renderMemoDocxWithPacker(checked, context)));
  });
});

describe('a memo packer', () => {
  const settings = { creator: 'test', title: 't' };
  const template = () => new Document({ ...settings, sections: [{ children: [] }] });

  it("packs a document that adds a relationship (a hyperlink) with docx's Packer as a whole", async () => {
    const packer = new MemoPacker(template);
    const link = new ExternalHyperlink({ link: 'https://example.org/', children: [new TextRun('链接')] });
    const document = new Document({ ...settings, sections: [{ children: [new Paragraph({ children: [link] })] }] });
    const parts = Object.fromEntries(partsOf(await packer.pack(document)));
    expect(parts['word/_rels/document.xml.rels']).toContain('https://example.org/');
    expect(parts['word/document.xml']).toContain('<w:hyperlink');
  });

  it("packs documents built on the shared settings document as docx's Packer packs whole ones, a hyperlink included", async () => {
    const packer = new MemoPacker(template);
    const bodies: (() => Paragraph[])[] = [
      () => [new Paragraph('第一份')],
      () => [
        new Paragraph({
          children: [new ExternalHyperlink({ link: 'https://example.org/', children: [new TextRun('链接')] })],
        }),
      ],
      () => [new Paragraph('第三份'), new Paragraph({ children: [new TextRun({ text: '粗体', bold: true })] })],
    ];
    for (const body of bodies) {
      const packed = await packer.packOptions(() => ({ ...settings, sections: [{ children: body() }] }));
      const reference = await Packer.toBuffer(new Document({ ...settings, sections: [{ children: body() }] }));
      // docx names a hyperlink's relationship at random.
      const masked = (bytes: Uint8Array) =>
        Object.fromEntries(partsOf(bytes).map(([name, xml]) => [name, xml.replace(/rId[\w-]{12,}/g, 'rId<link>')]));
      expect(masked(packed)).toEqual(masked(reference));
    }
  });

  it('compiles the template once and reuses it for every document', async () => {
    let templates = 0;
    const packer = new MemoPacker(() => {
      templates++;
      return template();
    });
    const texts = ['一', '二', '三'];
    const packed = await Promise.all(
      texts.map((text) => packer.pack(new Document({ ...settings, sections: [{ children: [new Paragraph(text)] }] }))),
    );
    expect(templates).toBe(1);
    for (const [index, bytes] of packed.entries()) {
      expect((await rawText(bytes)).trim()).toBe(texts[index]);
      const reference = new Document({ ...settings, sections: [{ children: [new Paragraph(texts[index]!)] }] });
      expect(Object.fromEntries(partsOf(bytes))).toEqual(Object.fromEntries(partsOf(await Packer.toBuffer(reference))));
    }
  });
});
