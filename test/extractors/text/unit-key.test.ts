/** unitKey: one key per unit however a submission or the contact list writes its name. */
import { describe, expect, it } from 'vitest';
import { unitKey } from '../../../extractors/text/unit-key.js';

describe('unitKey', () => {
  it.each([
    // The office of a township is the township.
    ['平等乡人民政府', '平等乡'],
    ['平等乡', '平等乡'],
    ['新林镇人民政府', '新林镇'],
    ['沙坪街道办事处', '沙坪街道'],
    // White space of every kind, full-width included.
    ['平 等 乡', '平等乡'],
    ['平\u3000等\u3000乡人民政府', '平等乡'],
    [' 平等乡\t人民政府\n', '平等乡'],
    // The county before a township's name.
    ['峨边彝族自治县平等乡人民政府', '平等乡'],
    ['峨边县平等乡', '平等乡'],
    ['峨边彝族自治县沙坪街道办事处', '沙坪街道'],
    // Full-width and half-width brackets are one.
    ['县财政局（国库支付中心）', '县财政局(国库支付中心)'],
    ['县财政局(国库支付中心)', '县财政局(国库支付中心)'],
  ])('keys 「%s」 as 「%s」', (name, key) => {
    expect(unitKey(name)).toBe(key);
  });

  it('never drops the 县 of a county department', () => {
    expect(unitKey('县农业农村局')).toBe('县农业农村局');
    expect(unitKey('峨边彝族自治县农业农村局')).toBe('峨边彝族自治县农业农村局');
    expect(unitKey('峨边县教育局')).toBe('峨边县教育局');
  });

  it('keeps a county name that is all there is', () => {
    expect(unitKey('峨边彝族自治县人民政府')).toBe('峨边彝族自治县');
  });

  it('gives one key to the ways one township is written, and different keys to different units', () => {
    const pingdeng = ['平等乡人民政府', '峨边彝族自治县平等乡', '平 等 乡', '平等乡'].map(unitKey);
    expect(new Set(pingdeng).size).toBe(1);
    expect(unitKey('平等乡')).not.toBe(unitKey('新林镇'));
    expect(unitKey('县农业农村局')).not.toBe(unitKey('农业农村局'));
  });
});
