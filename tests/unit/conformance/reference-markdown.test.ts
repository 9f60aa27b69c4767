/** Reading the documentation's pages: code blocks, the announced result table and its cells. */
import { describe, expect, it } from 'vitest';
import {
  cellText,
  codeBlocks,
  pageHeading,
  resultTable,
  runLinkBefore,
  syntaxSection,
  tableCells,
} from '../../../src/conformance/reference/markdown.ts';

const PAGE = `---
title:  strcmp()
---
# strcmp()

## Syntax

\`strcmp(\`*string1*\`,\` *string2*\`)\`

## Parameters

| Name | Type |
|--|--|
| *string1* | \`string\` |

## Example

> <a href="https://dataexplorer.azure.com/clusters/help/databases/Samples?query=H4s" target="_blank">Run the query</a>

\`\`\`kusto
print a = strcmp("a", "b")
\`\`\`

| Not | announced |
|--|--|
| x | y |

\`\`\`Kusto
print b = 1
\`\`\`

**Output**

|b|c|
|---|---|
|1|
|\`a \\| b\`|x \\| y|

1. A list item:

   \`\`\`kusto
   print c = 2
   \`\`\`
`;

describe('documentation pages', () => {
  it('finds every fenced block with its language, indented ones unindented', () => {
    const blocks = codeBlocks(PAGE);
    expect(blocks.map((b) => [b.lang, b.code])).toEqual([
      ['kusto', 'print a = strcmp("a", "b")'],
      ['kusto', 'print b = 1'],
      ['kusto', 'print c = 2'],
    ]);
  });

  it('takes a table as the result only when a line announces it', () => {
    const [a, b, c] = codeBlocks(PAGE);
    expect(resultTable(PAGE, a!.endLine, b!.startLine)).toBeNull();
    // Missing cells are empty (as Markdown renders them); escaped pipes stay in the cell.
    expect(resultTable(PAGE, b!.endLine, c!.startLine)).toEqual({
      columns: ['b', 'c'],
      rows: [
        ['1', ''],
        ['a | b', 'x | y'],
      ],
    });
    expect(resultTable(PAGE, c!.endLine, Number.MAX_SAFE_INTEGER)).toBeNull();
  });

  it('reads a cell as the page displays it', () => {
    expect(cellText(' `["a", "b"]` ')).toBe('["a", "b"]');
    expect(cellText('a\\_b \\*c\\*')).toBe('a_b *c*');
    expect(cellText('&lt;tag&gt; &amp; &#124;')).toBe('<tag> & |');
    expect(cellText('C:\\Windows')).toBe('C:\\Windows');
    expect(tableCells('|1| |')).toEqual(['1', '']);
  });

  it('reads the heading, the syntax section and the run link', () => {
    expect(pageHeading(PAGE)).toBe('strcmp()');
    expect(syntaxSection(PAGE)).toContain('`strcmp(`');
    expect(syntaxSection(PAGE)).not.toContain('Parameters');
    const [a] = codeBlocks(PAGE);
    expect(runLinkBefore(PAGE, 0, a!.startLine)).toEqual({ cluster: 'help', database: 'Samples' });
  });
});
