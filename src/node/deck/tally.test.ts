import { describe, expect, it } from 'vitest';
import type { StepFrontMatter } from './schema.ts';
import { leaderText, tallySteps, verdictText } from './tally.ts';

const step = (n: number, advantage: StepFrontMatter['advantage'], caveat?: string): StepFrontMatter => ({
  kind: 'step',
  title: `Step ${n}`,
  step: n,
  status: 'Done.',
  advantage,
  ...(caveat ? { caveat } : {}),
});

const counts = (steps: StepFrontMatter[]) =>
  Object.fromEntries(tallySteps(steps).totals.map((t) => [t.party, t.count]));

describe('tallySteps', () => {
  const steps = [step(3, 'VMware', 'but too early to call'), step(1, 'None'), step(2, 'VMware')];

  it('lists the steps in order and counts every party, zero included', () => {
    const tally = tallySteps(steps);
    expect(tally.rows.map((row) => row.step)).toEqual([1, 2, 3]);
    expect(counts(steps)).toEqual({ VMware: 2, XenSource: 0, None: 1 });
  });

  it('keeps the caveats with the party they qualify', () => {
    const vmware = tallySteps(steps).totals.find((t) => t.party === 'VMware');
    expect(vmware?.caveats.map((row) => [row.step, row.caveat])).toEqual([[3, 'but too early to call']]);
  });

  it('follows a changed verdict', () => {
    const changed = steps.map((s) => (s.step === 2 ? { ...s, advantage: 'XenSource' as const } : s));
    expect(counts(changed)).toEqual({ VMware: 1, XenSource: 1, None: 1 });
  });
});

describe('verdictText', () => {
  it('words the verdict as the post does', () => {
    expect(verdictText({ advantage: 'None' })).toBe('Advantage: None.');
    expect(verdictText({ advantage: 'VMware', caveat: 'but too early to call' })).toBe(
      'Advantage: VMware (but too early to call).',
    );
  });
});

describe('leaderText', () => {
  const leader = (...advantages: StepFrontMatter['advantage'][]): string =>
    leaderText(tallySteps(advantages.map((advantage, index) => step(index + 1, advantage))));

  it("names the party with the most steps, in the post's words", () => {
    expect(leader('None', 'VMware', 'VMware')).toBe('VMware gets the nod today');
    expect(leader('XenSource', 'XenSource', 'VMware')).toBe('XenSource gets the nod today');
  });

  it('says a tie as a tie, and that None never leads', () => {
    expect(leader('None', 'XenSource', 'VMware')).toBe('VMware and XenSource are tied today');
    expect(leader('None', 'None')).toBe('nobody gets the nod today');
  });
});
