/** `parse_xml(text)`: XML text as a dynamic value (../runtime/xml.ts says how, and its bounds). */
import { toStringSql } from '../convert.ts';
import { PARSE_XML } from '../runtime/xml.ts';
import type { ScalarFunction } from './registry.ts';

export const XML_FUNCTIONS: readonly ScalarFunction[] = [
  {
    // Kusto's signature takes a string or a dynamic value (a dynamic string is read as its text).
    name: 'parse_xml',
    minArgs: 1,
    maxArgs: 1,
    translate: (a, s) => {
      const x = a[0]!;
      if (x.type !== 'string' && x.type !== 'dynamic' && x.type !== 'null')
        s.fail(`parse_xml() expects string or dynamic as argument 1, got ${x.type}`, 0);
      return { sql: PARSE_XML.call(toStringSql(x)), type: 'dynamic' };
    },
  },
];
