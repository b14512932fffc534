/** Dates as the bureau writes them (2024年5月6日), in China Standard Time whatever the machine's zone. */

/** China has no daylight saving time, so a fixed offset gives the same calendar day as Asia/Shanghai. */
const chinaOffsetMs = 8 * 60 * 60 * 1000;

export function formatChineseDate(date: Date): string {
  const china = new Date(date.getTime() + chinaOffsetMs);
  return `${china.getUTCFullYear()}年${china.getUTCMonth() + 1}月${china.getUTCDate()}日`;
}

/** An ISO timestamp (or anything Date can read) as a Chinese date; other text is returned unchanged. */
export function formatChineseDateText(text: string): string {
  const time = Date.parse(text);
  return Number.isNaN(time) ? text : formatChineseDate(new Date(time));
}
