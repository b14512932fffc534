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

/** 2024年5月6日 10:05, China Standard Time: for retry and sending times in logs. */
export function formatChineseDateTime(date: Date | string): string {
  const value = typeof date === 'string' ? new Date(date) : date;
  if (Number.isNaN(value.getTime())) return String(date);
  const china = new Date(value.getTime() + chinaOffsetMs);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${formatChineseDate(value)} ${pad(china.getUTCHours())}:${pad(china.getUTCMinutes())}`;
}
