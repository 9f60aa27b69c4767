/**
 * Finds where a JSON document first breaks, and what was expected there. V8's JSON.parse is used
 * to read documents (it is fast), but its messages do not always carry a position
 * ("Unexpected token ','…"), so on failure this small recursive-descent checker locates the error.
 */

export interface JsonSyntaxError {
  /** Character offset in the text. */
  readonly offset: number;
  readonly expected: string;
}

class Failure {
  constructor(
    readonly offset: number,
    readonly expected: string,
  ) {}
}

export function findJsonSyntaxError(text: string): JsonSyntaxError | undefined {
  let i = 0;
  const fail = (expected: string): never => {
    throw new Failure(i, expected);
  };
  const space = () => {
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) i++;
      else break;
    }
  };
  const literal = (word: string) => {
    if (text.startsWith(word, i)) i += word.length;
    else fail('a value (string, number, object, array, true, false or null)');
  };
  const string = () => {
    i++; // opening quote
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return;
      }
      if (c === 0x5c) {
        const e = text.charAt(i + 1);
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
            i++;
            fail('four hex digits after \\u');
          }
          i += 6;
        } else if ('"\\/bfnrt'.includes(e) && e !== '') i += 2;
        else {
          i++;
          fail('a valid escape (\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)');
        }
      } else if (c < 0x20)
        fail('a closing double quote (control characters must be escaped inside strings)');
      else i++;
    }
    fail('a closing double quote');
  };
  const number = () => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!m || m[0] === '' || m[0] === '-') fail('a number');
    i += m![0].length;
  };
  const value = (): void => {
    space();
    const c = text.charAt(i);
    if (c === '{') {
      i++;
      space();
      if (text.charAt(i) === '}') {
        i++;
        return;
      }
      for (;;) {
        space();
        if (text.charAt(i) !== '"') fail('a property name in double quotes');
        string();
        space();
        if (text.charAt(i) !== ':') fail("':' after the property name");
        i++;
        value();
        space();
        const n = text.charAt(i);
        if (n === ',') i++;
        else if (n === '}') {
          i++;
          return;
        } else fail("',' or '}' after the property value");
      }
    } else if (c === '[') {
      i++;
      space();
      if (text.charAt(i) === ']') {
        i++;
        return;
      }
      for (;;) {
        value();
        space();
        const n = text.charAt(i);
        if (n === ',') i++;
        else if (n === ']') {
          i++;
          return;
        } else fail("',' or ']' after the array element");
      }
    } else if (c === '"') string();
    else if (c === 't') literal('true');
    else if (c === 'f') literal('false');
    else if (c === 'n') literal('null');
    else if (c === '-' || (c >= '0' && c <= '9')) number();
    else if (c === '') fail('a value, but the document ends here');
    else fail('a value (string, number, object, array, true, false or null)');
  };
  try {
    value();
    space();
    if (i < text.length) fail('the end of the document (one JSON value per file)');
    return undefined;
  } catch (e) {
    if (e instanceof Failure) return { offset: e.offset, expected: e.expected };
    throw e;
  }
}
