/**
 * mammoth's XML read with saxes (extractors/docx-xml-reader.ts) gives the tree mammoth's own xmldom reader
 * gives: on every XML part of the committed DOCX fixtures and of a Word-numbered report, pruned or not,
 * and on XML written in the odd ways the spec allows; what saxes refuses goes to xmldom unchanged.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { pruneFormatting } from '../../../extractors/docx/xml-prune.js';
import {
  installFastXmlReader,
  type MammothElement,
  parseToMammothTree,
  readWithXmldom,
} from '../../../extractors/docx/xml-reader.js';
import { unzip } from './docx-test-zip.js';
import { numberedDocx } from './numbered-docx.js';

/** mammoth's own namespace map (docx/office-xml-reader.js), in part. */
const namespaces = {
  'http://schemas.openxmlformats.org/wordprocessingml/2006/main': 'w',
  'http://schemas.openxmlformats.org/officeDocument/2006/relationships': 'r',
  'http://schemas.openxmlformats.org/package/2006/relationships': 'relationships',
  'http://schemas.openxmlformats.org/package/2006/content-types': 'content-types',
  'http://schemas.openxmlformats.org/markup-compatibility/2006': 'mc',
  'urn:schemas-microsoft-com:vml': 'v',
};

/** The tree as plain data: mammoth's elements carry methods on their prototype. */
const plain = (tree: unknown) => JSON.parse(JSON.stringify(tree)) as MammothElement;

async function xmldomTree(xml: string): Promise<MammothElement> {
  const tree = await readWithXmldom(xml, namespaces);
  if (tree instanceof Error) throw tree;
  return plain(tree);
}

const fixtureDir = new URL('../../../fixtures/', import.meta.url);
const fixtureDocx = ['samples', 'discrepancies', 'bad'].flatMap((folder) =>
  readdirSync(new URL(`${folder}/`, fixtureDir))
    .filter((name) => name.endsWith('.docx'))
    .map((name) => `${folder}/${name}`),
);

async function xmlParts(bytes: Uint8Array): Promise<[string, string][]> {
  let parts: Map<string, Buffer>;
  try {
    parts = await unzip(bytes);
  } catch {
    return [];
  }
  return [...parts]
    .filter(([name]) => /\.(?:xml|rels)$/.test(name))
    .flatMap(([name, data]): [string, string][] => {
      const xml = data.toString('utf8').replace(/^\uFEFF/, '');
      return name === 'word/document.xml'
        ? [
            [name, xml],
            [`${name} (pruned)`, pruneFormatting(xml)],
          ]
        : [[name, xml]];
    });
}

describe('the saxes reader for mammoth', () => {
  it('gives the tree xmldom gives for every XML part of the fixture DOCX files', async () => {
    let compared = 0;
    for (const file of fixtureDocx) {
      for (const [name, xml] of await xmlParts(readFileSync(new URL(file, fixtureDir)))) {
        const expected = await xmldomTree(xml).catch(() => null);
        if (expected === null) continue;
        expect(plain(parseToMammothTree(xml, namespaces)), `${file}: ${name}`).toEqual(expected);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(300);
  });

  it('gives the same tree for a report numbered by Word', async () => {
    for (const [name, xml] of await xmlParts(await numberedDocx())) {
      expect(plain(parseToMammothTree(xml, namespaces)), name).toEqual(await xmldomTree(xml));
    }
  });

  const w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
  it.each([
    // CDATA and comments are dropped, and split the text around them into two text nodes
    ['CDATA', `<w:document ${w}><w:t>a<![CDATA[b<c]]>d</w:t></w:document>`],
    ['comments', `<w:document ${w}><w:t>a<!-- x -->d</w:t><!-- y --></w:document>`],
    ['processing instructions', `<w:document ${w}><?x y?><w:t>a</w:t></w:document>`],
    // character and entity references in text and attributes
    ['references', `<w:document ${w}><w:t w:a="&lt;&amp;&quot;&#x4e00;">x &amp; y &#20108; &gt; z</w:t></w:document>`],
    // line ends normalised in text; tabs and line ends in attribute values become spaces
    ['line ends', `<?xml version="1.0"?>\r\n<w:document ${w}><w:t>a\r\nb\rc</w:t></w:document>`],
    ['attribute whitespace', `<w:document ${w}><w:t w:val="a\tb\nc\r\nd  e">x</w:t></w:document>`],
    // namespaces: a default one, unknown ones, a prefix bound again, the xml: prefix, an emptied default
    [
      'default namespace',
      '<document xmlns="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:q="urn:q"><body q:a="1" b="2"><q:x/></body></document>',
    ],
    ['a prefix bound again', `<w:document ${w}><w:p xmlns:w="urn:other"><w:r/></w:p></w:document>`],
    ['xml: attributes', `<w:document ${w}><w:t xml:space="preserve" xml:lang="zh"> a </w:t></w:document>`],
    ['an emptied default namespace', `<w:document ${w}><x xmlns=""/></w:document>`],
    ['characters beyond the BMP', `<w:document ${w}><w:t>𠀀 x</w:t></w:document>`],
  ])('gives the tree xmldom gives for %s', async (_what, xml) => {
    expect(plain(parseToMammothTree(xml, namespaces))).toEqual(await xmldomTree(xml));
  });

  it.each([
    ['an unbound prefix', '<w:document><w:body/></w:document>'],
    ['a control character', `<w:document ${w}><w:t>a\u0001b</w:t></w:document>`],
    ['"]]>" in text', `<w:document ${w}><w:t>a ]]> b</w:t></w:document>`],
    ['an unclosed element', `<w:document ${w}><w:body><w:p>`],
    ['an undefined entity', `<w:document ${w}><w:t>&nbsp;</w:t></w:document>`],
  ])('leaves XML that saxes refuses (%s) to xmldom, which reads or refuses it as before', async (_what, xml) => {
    expect(() => parseToMammothTree(xml, namespaces)).toThrow();
    installFastXmlReader();
    const mammothXml = createRequire(import.meta.url)('mammoth/lib/xml/index.js') as {
      readString: typeof readWithXmldom;
    };
    const viaFast = await mammothXml.readString(xml, namespaces).then(plain, (error: Error) => error.message);
    const viaXmldom = await readWithXmldom(xml, namespaces).then(plain, (error: Error) => error.message);
    expect(mammothXml.readString).not.toBe(readWithXmldom);
    expect(viaFast).toEqual(viaXmldom);
  });
});
