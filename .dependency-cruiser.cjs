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
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|node_modules)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
