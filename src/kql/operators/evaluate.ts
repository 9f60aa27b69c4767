/**
 * `T | evaluate [hint.*=…] plugin(arguments)`: runs a plugin over the rows (../plugins/). Each
 * argument is lowered as Kusto's binder typed it: a tabular argument (a lookup table) keeps its
 * pipeline, a scalar one its expression (and its name, for `name = value`).
 */
import type { PluginArgument } from '../ast.ts';
import { refusalError } from '../catalog/refuse.ts';
import { pluginFor } from '../plugins/index.ts';
import { elementsOf, kindName } from '../syntax/kusto-language.ts';
import { lowerExpr } from '../syntax/lower-expr.ts';
import { rowSchema } from '../syntax/lower-clauses.ts';
import { defineOperator } from './spec.ts';

export const EVALUATE = defineOperator({
  kind: 'evaluate',
  syntax: ['EvaluateOperator'],
  lower(node: Kusto.Language.Syntax.EvaluateOperator, l) {
    l.rejectOtherParameters(l.parameters(node.Parameters), [], 'evaluate');
    const call = node.FunctionCall!;
    const args = elementsOf(call.ArgumentList?.Expressions).map((a): PluginArgument => {
      if (kindName(a) === 'SimpleNamedExpression') {
        const n = a as Kusto.Language.Syntax.SimpleNamedExpression;
        return {
          kind: 'scalar',
          name: l.declaredName(n.Name!),
          expr: lowerExpr(n.Expression, l),
          span: l.span(a),
        };
      }
      if (l.isTabular(a)) return { kind: 'tabular', pipeline: l.pipeline(a), span: l.span(a) };
      return { kind: 'scalar', expr: lowerExpr(a, l), span: l.span(a) };
    });
    const schema = node.Schema?.Schema;
    const outputSchema = schema
      ? {
          wildcard: schema.AsteriskToken !== null && schema.AsteriskToken.Text === '*',
          columns: rowSchema(schema as unknown as Kusto.Language.Syntax.RowSchema, l),
          span: l.span(schema),
        }
      : undefined;
    return {
      kind: 'evaluate',
      plugin: l.nameOf(call.Name!),
      pluginSpan: l.span(call.Name!),
      args,
      ...(outputSchema && { outputSchema }),
      span: l.span(node),
    };
  },
  translate(op, input, ctx) {
    const plugin = pluginFor(op.plugin);
    if (!plugin)
      throw (
        refusalError(ctx, 'plugin', op.plugin, op.pluginSpan) ??
        ctx.error('unsupported', `the plugin "${op.plugin}" is not supported yet`, op.pluginSpan)
      );
    if (op.outputSchema && !plugin.outputSchema)
      throw ctx.error(
        'unsupported',
        `an output schema ": (…)" after ${op.plugin}()`,
        op.outputSchema.span,
      );
    const call = {
      name: op.plugin,
      nameSpan: op.pluginSpan,
      args: op.args,
      ...(op.outputSchema && { outputSchema: op.outputSchema }),
      span: op.span,
    };
    return plugin.translate(call, input, ctx);
  },
});
