/**
 * A spreadsheet cell's value as the user sees it: numbers and dates through their number format
 * (1,234.50 · 12.5% · 2023年12月31日), with SheetJS's formatter (SSF) for both the XLSX and the .xls
 * reader, so that both give the same text for the same cell, and the report parser reads what a DOCX
 * of the same form states.
 */
import xlsx from '@e965/xlsx';

const MS_PER_DAY = 86_400_000;
/** Days from Excel's 1900 epoch (with its 1900-02-29) to 1970-01-01. */
const UNIX_EPOCH_SERIAL = 25_569;

/** A number in its number format; 'General' shows it as Excel does (up to 11 significant digits). */
export function formatNumber(value: number, numberFormat: string | null | undefined): string {
  const format = numberFormat && numberFormat.trim() !== '' ? numberFormat : 'General';
  try {
    return xlsx.SSF.format(format, value);
  } catch {
    // A format SSF cannot read: the number as General rather than nothing.
    return xlsx.SSF.format('General', value);
  }
}

/** exceljs gives dates as JS Dates (UTC); Excel shows the serial day number through the cell's format. */
export function dateSerial(date: Date): number {
  return date.getTime() / MS_PER_DAY + UNIX_EPOCH_SERIAL;
}
