import { PARTIES, type Party, type StepFrontMatter } from './schema.ts';

export interface TallyRow {
  step: number;
  title: string;
  advantage: Party;
  caveat?: string;
}

export interface PartyTotal {
  party: Party;
  /** Steps whose verdict favours this party. */
  count: number;
  /** Of those, the steps whose verdict carries a caveat. */
  caveats: TallyRow[];
}

export interface Tally {
  rows: TallyRow[];
  totals: PartyTotal[];
}

/** Counts the verdicts of the roadmap steps, in step order, for every party (zero included). */
export function tallySteps(steps: readonly StepFrontMatter[]): Tally {
  const rows: TallyRow[] = [...steps]
    .sort((a, b) => a.step - b.step)
    .map(({ step, title, advantage, caveat }) => ({ step, title, advantage, ...(caveat ? { caveat } : {}) }));
  const totals = PARTIES.map((party) => {
    const won = rows.filter((row) => row.advantage === party);
    return { party, count: won.length, caveats: won.filter((row) => row.caveat) };
  });
  return { rows, totals };
}

/** The verdict worded as the post words it: `Advantage: VMware (but too early to call).` */
export function verdictText({ advantage, caveat }: Pick<TallyRow, 'advantage' | 'caveat'>): string {
  return `Advantage: ${advantage}${caveat ? ` (${caveat})` : ''}.`;
}

/**
 * Who leads the tally, in the post's words ("VMware gets my nod today"): `VMware gets the nod today`,
 * or the tie, or that nobody leads. `None` verdicts favour nobody, so they never lead.
 */
export function leaderText({ totals }: Pick<Tally, 'totals'>): string {
  const contenders = totals.filter(({ party }) => party !== 'None');
  const top = Math.max(0, ...contenders.map(({ count }) => count));
  const leaders = contenders.filter(({ count }) => count === top).map(({ party }) => party);
  if (top === 0) return 'nobody gets the nod today';
  if (leaders.length === 1) return `${leaders[0]} gets the nod today`;
  return `${leaders.join(' and ')} are tied today`;
}
