/**
 * XML text of one part of a `docx` document, from the element tree docx's own components give
 * (`prepForXml`), written exactly as docx's Packer writes it without indentation: docx does not export
 * its writer, and compiling one part through it means compiling the whole package. The output is checked
 * byte for byte against Packer's in test/reports/memo-docx-package.test.ts.
 */
import type { IXmlableObject } from 'docx';

const escapes: Record<string, string> = { '&': '&amp;', '"': '&quot;', "'": '&apos;', '<': '&lt;', '>': '&gt;' };
// Control characters are not allowed in XML 1.0: docx drops them.
const escapable = /[&"'<>\x00-\x08\x0B\x0C\x0E-\x1F]/g;

/** Strings are escaped; numbers and booleans are written as they are. */
function escapeValue(value: unknown): string {
  return typeof value === 'string' ? value.replace(escapable, (char) => escapes[char] ?? '') : String(value);
}

/*
 * The shapes docx produces: `{ name: { _attr } }`, `{ name: [ {_attr}?, child…, 'text'? ] }`, `{ name: 'text' }`,
 * `{ name: null }`. Two quirks of docx's writer (inherited from the `xml` package) are kept: an element
 * whose children form an array is never self-closed, and a string in such an array replaces the child
 * written just before it.
 */
function writeElement(data: IXmlableObject, out: string[]): void {
  const name = Object.keys(data)[0];
  if (name === undefined) return;
  const values: unknown = data[name];
  let attributes = '';
  const addAttributes = (attr: Record<string, unknown>) => {
    for (const key of Object.keys(attr)) attributes += ` ${key}="${escapeValue(attr[key])}"`;
  };
  if (values === null || values === undefined || typeof values !== 'object') {
    if (values === null) {
      out.push(`<${name}/>`);
    } else {
      out.push(`<${name}>${values === undefined ? '' : escapeValue(values)}</${name}>`);
    }
    return;
  }
  const record = values as { _attr?: Record<string, unknown>; _cdata?: string };
  if (record._attr) addAttributes(record._attr);
  let cdata = '';
  if (record._cdata) cdata = `<![CDATA[${record._cdata.replace(/\]\]>/g, ']]]]><![CDATA[>')}]]>`;
  if (!Array.isArray(values)) {
    out.push(cdata ? `<${name}${attributes}>${cdata}</${name}>` : `<${name}${attributes}/>`);
    return;
  }
  // Children are written first (attributes may follow them in the array), then wrapped.
  // The empty string stands where docx's writer has one: a leading string child replaces it, not the CDATA.
  const children: string[] = cdata ? [cdata, ''] : [''];
  for (const value of values as unknown[]) {
    if (typeof value === 'object' && value !== null) {
      const record = value as IXmlableObject;
      if (Object.keys(record)[0] === '_attr') addAttributes(record._attr as Record<string, unknown>);
      else {
        const child: string[] = [];
        writeElement(record, child);
        children.push(child.join(''));
      }
    } else {
      children.pop();
      children.push(escapeValue(value));
    }
  }
  out.push(`<${name}${attributes}>`, ...children, `</${name}>`);
}

/** The part's XML with the declaration docx writes (`standalone="yes"` on most parts). */
export function xmlOfPart(root: IXmlableObject | readonly IXmlableObject[], standalone = true): string {
  const out = [`<?xml version="1.0" encoding="UTF-8"${standalone ? ' standalone="yes"' : ''}?>`];
  for (const element of Array.isArray(root) ? root : [root]) writeElement(element, out);
  return out.join('');
}
