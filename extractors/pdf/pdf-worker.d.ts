/** Type of pdf.js's worker half, which pdfjs-dist ships without declarations; only its presence matters. */
declare module 'pdfjs-dist/legacy/build/pdf.worker.mjs' {
  export const WorkerMessageHandler: unknown;
}
