/**
 * Which attribute of a person a breakdown part names (女, 少数民族, 党员, 35岁以下, 大专以上学历, …).
 * Narratives list cross-cutting attributes under one 其中 (「党员120名，其中女党员35名、少数民族党员
 * 96名」): parts naming different attributes overlap and must not be added up, while parts naming
 * the same attribute (女/男, 彝族/汉族) or none (疑难纠纷/一般纠纷) split the total between them.
 */

/** Each attribute with the words that name it. Order matters only for the key of a group. */
const dimensions: readonly (readonly [name: string, words: RegExp])[] = [
  ['sex', /(?<!子)女|男|妇/],
  // 彝族, 汉族, 少数民族 — but not 家族/宗族/亲族.
  ['ethnicity', /民族|(?<![家宗亲贵种上])族/],
  ['politics', /党员|团员|群众|党派|积极分子/],
  ['age', /岁|老年|老人|青年|青少年|少年|儿童|未成年|学龄|适龄|高龄|婴幼儿/],
  ['education', /学历|文化程度|大专|专科|本科|研究生|硕士|博士|中专|高中|初中|小学|大学/],
  ['veteran', /退役|退伍|转业|复员|军人|军属/],
  ['disability', /残疾|残障/],
  ['rank', /职称|职级/],
  // Assistance statuses overlap: a 低保户 may be a 脱贫户 and a 监测户 at once.
  ['poverty', /脱贫|贫困|建档立卡/],
  ['monitoring', /监测/],
  ['dibao', /低保/],
  ['destitute', /特困|五保/],
];

/** The attributes the words name, e.g. 「少数民族女党员」 → {ethnicity, sex, politics}. */
export function dimensionsOf(words: string): Set<string> {
  const found = new Set<string>();
  for (const [name, pattern] of dimensions) if (pattern.test(words)) found.add(name);
  return found;
}

/**
 * Groups the parts that may be added up: parts naming the same attributes (beyond those the total
 * already names — the 党员 of 「党员120名，其中女党员35名」 says nothing about the split) form one
 * group; parts naming none form the plain group. Groups keep the parts' order.
 */
export function partitionGroups<T>(totalWords: string, parts: readonly { part: T; words: string }[]): T[][] {
  const ofTotal = dimensionsOf(totalWords);
  const groups = new Map<string, T[]>();
  for (const { part, words } of parts) {
    const key = [...dimensionsOf(words)]
      .filter((d) => !ofTotal.has(d))
      .sort()
      .join('+');
    const group = groups.get(key);
    if (group) group.push(part);
    else groups.set(key, [part]);
  }
  return [...groups.values()];
}
