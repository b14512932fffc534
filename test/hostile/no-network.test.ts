/**
 * Documents never make review-desk reach out: a PDF with JavaScript, URI, Launch and GoToR actions,
 * a remote font and an external image stream, a DOCX with an external XML entity and a linked
 * picture — all pointing at a live HTTP server on 127.0.0.1 and at marker files on disk. The server
 * must see no connection, and no marker may be read (its access time must not move).
 */
import { mkdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activeContentPdf, externalImageDocx, xxeDocx } from '../../fixtures/hostile/hostile-files.js';
import { type CheckOutput, checkOutputSchema } from '../../reports/result-schema.js';
import { type ChildRun, checkJson, tempFolder } from './cli-run.js';

const OLD_ACCESS = new Date('2001-01-01T00:00:00Z');
const NEWER_MODIFY = new Date('2002-01-01T00:00:00Z');

/** A file whose access time is older than its modification time: with relatime (the Linux default), reading it moves atime. */
function marker(path: string, content: string): void {
  writeFileSync(path, content);
  utimesSync(path, OLD_ACCESS, NEWER_MODIFY);
}

/** Whether reading a file observably moves its atime here (not on noatime mounts). */
function atimeObservable(folder: string): boolean {
  const control = join(folder, 'control.txt');
  marker(control, 'control');
  readFileSync(control);
  return statSync(control).atimeMs !== OLD_ACCESS.getTime();
}

const canObserveAtime = (() => {
  const probe = tempFolder('atime-probe');
  try {
    return atimeObservable(probe.path);
  } finally {
    probe.remove();
  }
})();

const markerPaths = ['js-launch', 'js-submit', 'page-open', 'link', 'remote.pdf', 'font.ttf', 'image', 'launch.exe'];

describe('documents that point at the network and at local files', () => {
  const work = tempFolder('no-network');
  const inbox = join(work.path, 'inbox');
  const markers = join(work.path, 'markers');
  const connections: string[] = [];
  const markerContents: string[] = [];
  let server: Server;
  let run: ChildRun;
  let output: CheckOutput;

  beforeAll(async () => {
    server = createServer((request, response) => {
      connections.push(`${request.method} ${request.url}`);
      response.end('<!ENTITY leaked "LEAKED-OVER-HTTP">');
    });
    server.on('connection', () => connections.push('tcp connection'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    mkdirSync(inbox);
    mkdirSync(markers);
    for (const name of [...markerPaths, 'xxe.txt', 'linked.png']) {
      const content = `MARKER-${name}-MUST-NOT-BE-READ`;
      markerContents.push(content);
      marker(join(markers, name), content);
    }

    writeFileSync(join(inbox, 'active-content-http.pdf'), activeContentPdf(base));
    writeFileSync(join(inbox, 'active-content-file.pdf'), activeContentPdf(`file://${markers}`));
    writeFileSync(join(inbox, 'xxe-http.docx'), xxeDocx(`${base}/xxe.dtd`));
    writeFileSync(join(inbox, 'xxe-file.docx'), xxeDocx(`file://${join(markers, 'xxe.txt')}`));
    writeFileSync(join(inbox, 'linked-image-http.docx'), externalImageDocx(`${base}/linked.png`));
    writeFileSync(join(inbox, 'linked-image-file.docx'), externalImageDocx(`file://${join(markers, 'linked.png')}`));
    writeFileSync(join(inbox, 'linked-image-absolute-path.docx'), externalImageDocx(join(markers, 'linked.png')));

    run = await checkJson([inbox], { limits: { timeoutMs: 20_000 }, timeoutMs: 90_000 });
    output = checkOutputSchema.parse(JSON.parse(run.stdout));
  }, 100_000);

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    work.remove();
  });

  it('gives every file a result and exits 0 or 1', () => {
    expect([0, 1], run.stderr.slice(-2000)).toContain(run.code);
    expect(output.results).toHaveLength(7);
    for (const result of output.results) expect(['checked', 'rejected']).toContain(result.status);
  });

  it('opens no connection to the server the documents point at', () => {
    expect(connections).toEqual([]);
  });

  it('puts nothing from the markers or the server into the output, as text or as base64', () => {
    expect(run.stdout).not.toMatch(/MARKER-|LEAKED-OVER-HTTP/);
    for (const content of markerContents) expect(run.stdout).not.toContain(Buffer.from(content).toString('base64'));
  });

  it.skipIf(!canObserveAtime)('reads none of the local files the documents name', () => {
    const read = [...markerPaths, 'xxe.txt', 'linked.png'].filter(
      (name) => statSync(join(markers, name)).atimeMs !== OLD_ACCESS.getTime(),
    );
    expect(read).toEqual([]);
  });
});
