/**
 * The whole demo tenant: the cast, an ordinary week, and the attack on top of it, merged in time
 * order. One fixed seed, so every run gives the same events.
 */
import { makeBaseline } from './baseline.ts';
import type { Tenant } from './model.ts';
import { Random } from './random.ts';
import { makeNamedUsers, makeStory } from './story.ts';
import { makeUsers } from './tenant.ts';
import { compareInstants } from './time.ts';

export const SEED = 'loupe-demo: Larkspur Freight, June 2026';
/** Generated users besides the three the story names. */
export const GENERATED_USERS = 237;

export function makeTenant(): Tenant {
  const random = new Random(SEED);
  const named = makeNamedUsers(random.fork('named'));
  const generated = makeUsers(random.fork('users'), GENERATED_USERS);
  const users = [...generated, named.victim, named.sprayed, named.cfo];
  const colleagues = generated.filter((u) => u.department === 'Finance').slice(0, 3);
  const responder =
    generated.find((u) => u.isAdmin && u.office === 'Seattle') ?? generated.find((u) => u.isAdmin);
  if (colleagues.length < 3 || !responder)
    throw new Error(
      'the generated tenant lacks the finance colleagues or the administrator the story needs',
    );
  const baseline = makeBaseline(random.fork('baseline'), users);
  const story = makeStory(random.fork('story'), { ...named, colleagues, responder }, users);
  const byTime = <T extends { time: { ms: number; ticks: number } }>(a: T, b: T) =>
    compareInstants(a.time, b.time);
  return {
    users,
    signIns: [...baseline.signIns, ...story.signIns].sort(byTime),
    audit: [...baseline.audit, ...story.audit].sort(byTime),
    riskyUsers: [...baseline.riskyUsers, ...story.riskyUsers].sort(byTime),
    riskDetections: [...baseline.riskDetections, ...story.riskDetections].sort(byTime),
  };
}
