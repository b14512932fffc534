/** structure.numbering: heading numbers run in sequence at each level, restarting under each higher heading. */
import type { Heading } from '../../extractors/model/report-schema.js';
import rule from '../../rules/structure.numbering.js';
import { ruleTester } from './support/rule-tester.js';
import { submission } from './support/submission-builder.js';

const chinese = '一二三四五六七八九十';

/** Headings written as markers: 「一、」 level 1, 「（一）」 level 2, 「1.」 or 「1、」 level 3. */
function withHeadings(...markers: string[]) {
  const headings: Heading[] = markers.map((marker, paragraph) => {
    const location = { page: null, paragraph };
    if (marker.startsWith('（')) {
      return { marker, level: 2, number: chinese.indexOf(marker[1]!) + 1, text: `${marker}标题`, location };
    }
    if (/^\d/.test(marker))
      return { marker, level: 3, number: Number.parseInt(marker, 10), text: `${marker}标题`, location };
    return { marker, level: 1, number: chinese.indexOf(marker[0]!) + 1, text: `${marker}标题`, location };
  });
  return submission()
    .mutate((s) => {
      s.extraction.headings = headings;
    })
    .build();
}

ruleTester.run(rule, {
  valid: [
    // Level 2 restarts under each level-1 heading, level 3 under each level-2 heading.
    {
      name: 'numbers restart under each higher heading',
      submission: withHeadings('一、', '（一）', '1.', '2.', '（二）', '1.', '二、', '（一）'),
    },
    // 「1.」 and 「2、」 are the same level.
    {
      name: 'a dot and a comma after an Arabic number are the same level',
      submission: withHeadings('一、', '1.', '2、', '3．'),
    },
    // A document with no numbered headings has nothing to check.
    { name: 'no headings at all', submission: withHeadings() },
    // Level 3 directly under level 1 (no （一）) is fine and restarts at the next level-1 heading.
    { name: 'level 3 may sit directly under level 1', submission: withHeadings('一、', '1.', '2.', '二、', '1.') },
  ],
  invalid: [
    // The seed: （一） right after （三） (a second list restarted inside 一), and （四） twice.
    {
      name: 'the seed restarts at （一） and repeats （四）',
      submission: submission().build(),
      errors: [
        {
          messageId: 'breaks',
          data: {
            count: 2,
            list: '「（一）坚持理论武装，把牢政治方向」编号回退（上一标题为（三）），应为（四）；「（四）部门整体支出绩效目标。」与上一标题编号重复，应为（五）',
          },
          evidenceCount: 2,
          suggestion: '请按层级顺序重新编号标题',
        },
      ],
    },
    // A skipped number at level 1.
    {
      name: 'a level-1 heading skips a number',
      submission: withHeadings('一、', '二、', '四、'),
      errors: [
        {
          messageId: 'breaks',
          suggestion: '请按层级顺序重新编号标题',
          data: { count: 1, list: '「四、标题」跳号，应为三、' },
          evidenceCount: 1,
        },
      ],
    },
    // After a break the document's own numbering is followed: 1. 3. 4. is one break, not two.
    {
      name: 'one slip is reported once, not at every later heading',
      submission: withHeadings('（一）', '1.', '3.', '4.'),
      errors: [
        {
          messageId: 'breaks',
          suggestion: '请按层级顺序重新编号标题',
          data: { count: 1, list: '「3.标题」跳号，应为2.' },
        },
      ],
    },
    // Breaks at several levels are listed in one finding, in document order.
    {
      name: 'breaks at several levels make one finding',
      submission: withHeadings('一、', '（二）', '1.', '1.', '一、'),
      errors: [
        {
          messageId: 'breaks',
          suggestion: '请按层级顺序重新编号标题',
          data: {
            count: 3,
            list: '「（二）标题」跳号，应为（一）；「1.标题」与上一标题编号重复，应为2.；「一、标题」与上一标题编号重复，应为二、',
          },
          evidenceCount: 3,
        },
      ],
    },
  ],
});
