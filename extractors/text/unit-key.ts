/**
 * One key per budget unit, for matching a unit's submissions with each other and with the contact
 * list, however each of them writes its name: 「平等乡人民政府」, 「平等乡」, 「峨边彝族自治县平等乡」 and
 * 「平 等 乡」 are one township; 「县农业农村局」 keeps its 县. `report.unit` stays as the document
 * states it; this key is only for comparing.
 */

/** White space of every kind, full-width (U+3000) and no-break spaces included. */
const WHITE_SPACE = /[\s\u3000\u00a0\u200b\ufeff]+/g;
/** 人民政府 and 办事处 name the office of a township or sub-district, not a different unit. */
const OFFICE_SUFFIX = /(?:人民政府|政府|办事处)$/;
/**
 * A county (or autonomous county, or city district) written before a township's name:
 * 峨边县, 峨边彝族自治县, 马边彝族自治县. A name of two to eight characters, then 县 / 自治县 / 区 / 市.
 */
const COUNTY_PREFIX = /^[\p{Script=Han}]{2,8}?(?:自治县|县|区|市)/u;
/** What remains after the county must be a township-level name for the county to be dropped. */
const TOWNSHIP = /^[\p{Script=Han}]{1,10}(?:乡|镇|街道|民族乡)$/u;

export function unitKey(name: string): string {
  let key = name.normalize('NFKC').replace(WHITE_SPACE, '').replace(/（/g, '(').replace(/）/g, ')');
  key = key.replace(OFFICE_SUFFIX, '');
  const county = COUNTY_PREFIX.exec(key);
  if (county && TOWNSHIP.test(key.slice(county[0].length))) key = key.slice(county[0].length);
  return key;
}
