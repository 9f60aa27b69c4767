/**
 * Kusto.Language (`@kusto/language-service-next`) is two classic scripts that define the globals
 * `Bridge`, `System` and `Kusto` on whatever `this` is at their top level, choosing Node's `global`
 * when they see a CommonJS `module`. In the engine worker's bundle neither holds: the bundler would
 * wrap them as CommonJS (and `global` does not exist in a browser). This plugin makes each an ES
 * module whose body runs as the script would in a page: with `this` the global object and no
 * `module`, `exports` or `define` in sight. Node (CLI, tests) loads the same files as CommonJS
 * directly (src/kql/syntax/kusto-language.ts).
 */
import type { Plugin } from 'vite';

const SCRIPTS = /@kusto[\\/]language-service-next[\\/](bridge|Kusto\.Language\.Bridge)\.min\.js$/;

export function kustoLanguageScripts(): Plugin {
  return {
    name: 'loupe:kusto-language',
    enforce: 'pre',
    transform(code, id) {
      if (!SCRIPTS.test(id.split('?')[0]!)) return undefined;
      const body = `(function () { var module, exports, define;\n${code}\n}).call(globalThis);`;
      return {
        code: `let ran = false;\nexport default Object.assign(function () { if (!ran) { ran = true; ${body} } }, { loupeDeferredScript: true });\n`,
        map: null,
      };
    },
  };
}
