/**
 * `T | evaluate preview(NumberOfRows)` (Kusto docs, preview-plugin.md): its first result table is
 * `T | take NumberOfRows`; its second, `T | count`, is a further result table, which Loupe does not
 * return (the primary result is the first, as for every query with several results, docs/kql.md).
 */
import { Scope } from '../scope.ts';
import { definePlugin } from './spec.ts';

export const PREVIEW = definePlugin({
  name: 'preview',
  translate(call, input, ctx) {
    const a = call.args[0];
    if (a?.kind !== 'scalar' || call.args.length !== 1)
      throw ctx.error('type', 'preview() takes the number of rows', call.span);
    const count = { kind: 'take', count: a.expr, span: call.span } as const;
    const n = ctx.expr(a.expr, new Scope([]));
    if (n.type !== 'long' && n.type !== 'int')
      throw ctx.error('type', `preview() takes a number of rows, not ${n.type}`, a.span);
    return ctx.translateOperator(count, input);
  },
});
