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
