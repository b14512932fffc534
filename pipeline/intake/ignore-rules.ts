/**
 * Which files are not submissions: hidden files, the lock and temporary files Office, WPS and
 * browsers leave while a document is open or downloading, and our own reason notes.
 * Everything else is a submission candidate and gets a result (a .png is rejected, not skipped).
 */
const ignoredSuffixes = ['.tmp', '.crdownload', '.part', '.partial', '.reason.txt', '.swp'];

export function isIgnoredName(name: string): boolean {
  if (name.startsWith('.')) return true;
  if (name.startsWith('~$') || name.startsWith('~WRL')) return true;
  const lower = name.toLowerCase();
  return ignoredSuffixes.some((suffix) => lower.endsWith(suffix));
}

/**
 * Data and source files that sit beside submissions in a folder (manifests, notes, contact lists,
 * scripts, our own outputs) are not submissions when a folder is walked. A file named explicitly on
 * the command line is still checked, whatever its name.
 */
const folderDataSuffixes = [
  '.json',
  '.md',
  '.csv',
  '.ts',
  '.js',
  '.mjs',
  '.log',
  '.lock',
  '.sqlite',
  '.sqlite-wal',
  '.sqlite-shm',
];

export function isFolderDataName(name: string): boolean {
  const lower = name.toLowerCase();
  return folderDataSuffixes.some((suffix) => lower.endsWith(suffix));
}
