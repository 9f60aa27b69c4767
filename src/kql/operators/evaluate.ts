/**
 * `T | evaluate [hint.*=…] plugin(arguments)`: runs a plugin over the rows (../plugins/). Each
 * argument is lowered as Kusto's binder typed it: a tabular argument (a lookup table) keeps its
 * pipeline, a scalar one its expression (and its name, for `name = value`).
 */
import type { PluginArgument } from '../ast.ts';
import { pluginFor } from '../plugins/index.ts';
import { elementsOf, kindName } from '../syntax/kusto-language.ts';
import { lowerExpr } from '../syntax/lower-expr.ts';
import { defineOperator } from './spec.ts';

export const EVALUATE = defineOperator({
  kind: 'evaluate',
  syntax: ['EvaluateOperator'],
  lower(node: Kusto.Language.Syntax.EvaluateOperator, l) {
    l.rejectOtherParameters(l.parameters(node.Parameters), [], 'evaluate');
    if (node.Schema) throw l.unsupported('an evaluate output schema ": (…)"', node.Schema);
    const call = node.FunctionCall!;
    const args = elementsOf(call.ArgumentList?.Expressions).map((a): PluginArgument => {
      if (kindName(a) === 'SimpleNamedExpression') {
        const n = a as Kusto.Language.Syntax.SimpleNamedExpression;
        return { kind: 'scalar', name: l.declaredName(n.Name!), expr: lowerExpr(n.Expression, l), span: l.span(a) };
      }
      if (l.isTabular(a)) return { kind: 'tabular', pipeline: l.pipeline(a), span: l.span(a) };
      return { kind: 'scalar', expr: lowerExpr(a, l), span: l.span(a) };
    });
    return { kind: 'evaluate', plugin: l.nameOf(call.Name!), pluginSpan: l.span(call.Name!), args, span: l.span(node) };
  },
  translate(op, input, ctx) {
    const plugin = pluginFor(op.plugin);
    if (!plugin) throw ctx.error('unsupported', `the plugin "${op.plugin}" is not supported yet`, op.pluginSpan);
    return plugin.translate({ name: op.plugin, nameSpan: op.pluginSpan, args: op.args, span: op.span }, input, ctx);
  },
});
