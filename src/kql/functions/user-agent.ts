/** `parse_user_agent(ua, lookFor)`: ../runtime/user-agent.ts says how and with what data. */
import { toStringSql } from '../convert.ts';
import { PARSE_USER_AGENT } from '../runtime/user-agent.ts';
import type { ScalarFunction } from './registry.ts';

export const USER_AGENT_FUNCTIONS: readonly ScalarFunction[] = [
  {
    name: 'parse_user_agent',
    minArgs: 2,
    maxArgs: 2,
    translate: (a, s) => {
      const [ua, lookFor] = [a[0]!, a[1]!];
      if (ua.type !== 'string' && ua.type !== 'dynamic' && ua.type !== 'null')
        s.fail(`parse_user_agent() expects a string as argument 1, got ${ua.type}`, 0);
      // "browser", "os" or "device", or a dynamic array of them (passed as its JSON text).
      if (lookFor.type !== 'string' && lookFor.type !== 'dynamic' && lookFor.type !== 'null')
        s.fail(
          `parse_user_agent() expects "browser", "os", "device" or a dynamic array of them as argument 2, got ${lookFor.type}`,
          1,
        );
      const targets = lookFor.type === 'dynamic' ? lookFor.sql : toStringSql(lookFor);
      return { sql: PARSE_USER_AGENT.call(toStringSql(ua), targets), type: 'dynamic' };
    },
  },
];
