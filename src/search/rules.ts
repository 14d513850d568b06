/**
 * Ranking as named rules. A candidate's score is the product of every rule's factor; each rule is a
 * small function with its name and its one knob (in `RuleKnobs`, tuned with `npm run eval`), and
 * explain() shows each rule's factor per candidate. Rules are tested one by one on a fixture corpus
 * (tests/rules.test.ts).
 */
import type { ParsedQuestion } from '../query/parse.ts';
import type { ClosestExample } from './examples.ts';
import type { Coverage } from './coverage.ts';
import { includes, type FactEntry } from './fact-index.ts';

/** Everything a rule may look at for one candidate. */
export interface RuleInput {
  q: ParsedQuestion;
  e: FactEntry;
  coverage: Coverage;
  /** BM25 score relative to the best hit (0–1). */
  bm25Share: number;
  example?: ClosestExample;
  /** This fact is the lead of a topic the question only names. */
  namedTopicLead: boolean;
  /** The classifier's probability for this fact (0 when it knows no word of the question). */
  classified: number;
  /**
   * The facts whose keywords have each of the question's units (its head), looked up once a question
   * (`FactIndex.factsWith`) rather than in every candidate's set.
   */
  keywordFacts: readonly (Uint32Array | undefined)[];
}

export interface RuleKnobs {
  /** Coverage counts as coverage^this: the share of the question a fact answers matters most. */
  coverage: number;
  /** How much BM25 (relative to the best hit) counts beside coverage (0 = not at all, 1 = fully). */
  bm25: number;
  /** Bonus per unit of closest-example similarity: a question worded like a fact's example leans to it. */
  example: number;
  /** Bonus times the share of the question's units found among the fact's curated keywords. */
  keywords: number;
  /** Bonus for each kind of answer asked for that the fact gives (언제 → a date, 몇 → a number). */
  intentGiven: number;
  /** Factor when the fact lacks the date, number, amount, counted thing or upcoming plan asked for. */
  intentUnmet: number;
  /** Bonus (or, negated, penalty) for naming someone the question does not, when it asks who. */
  who: number;
  /** Factor when the question asks who and the fact names no organisation, person or model. */
  whoUnmet: number;
  /** Factor for a plan when the question asks how something turned out: a reported result goes first. */
  planOnOutcome: number;
  /** Bonus for a topic's lead fact when the question only names the topic. */
  lead: number;
  /** Bonus for the lead or glossary entry when the question asks what something is (뭐야, what is). */
  definition: number;
  /** Bonus for the facts of the programme the question names or implies. */
  programme: number;
  /** Bonus times the probability the classifier learned from the example questions gives the fact (classifier.ts). */
  classifier: number;
}

export interface Rule {
  name: keyof RuleKnobs;
  describe: string;
  /** Also weighs the evidence that decides whether to answer at all (not only the order). */
  evidence?: true;
  factor(x: RuleInput, knob: number): number;
}

const AMOUNTS = new Set(['when', 'count', 'amount']);

/** "X가 뭐야?", "what is X", or just "X": the question asks what something is. */
const asksWhatItIs = (q: ParsedQuestion) => q.intents.includes('define') || q.intents.length === 0;

export const RULES: Rule[] = [
  { name: 'coverage', describe: 'share of the question the fact covers, raised to the knob', factor: (x, k) => x.coverage.value ** k },
  { name: 'bm25', describe: 'BM25 relative to the best hit, blended by the knob', factor: (x, k) => 1 - k + k * x.bm25Share },
  { name: 'example', describe: 'the closest example question of the fact', factor: (x, k) => 1 + k * (x.example?.sim ?? 0) },
  {
    name: 'keywords',
    describe: "the question's words among the fact's curated keywords",
    factor: (x, k) => {
      const units = x.q.units;
      let found = 0;
      for (const facts of x.keywordFacts) if (includes(facts, x.e)) found++;
      return units.length ? 1 + (k * found) / units.length : 1;
    },
  },
  {
    name: 'intentGiven',
    describe: 'gives the kinds of answer asked for (a date, a number, an amount, a reason)',
    factor: (x, k) => {
      let given = 0;
      for (const i of x.q.intents) if (i !== 'define' && x.e.gives.has(i)) given++;
      return 1 + k * given;
    },
  },
  {
    name: 'intentUnmet',
    evidence: true,
    describe: 'lacks the date, number or amount asked for, the thing counted (256장), or is not an open plan when asked what is next',
    factor: (x, k) => {
      const { q, e } = x;
      const unmet =
        q.intents.some((i) => AMOUNTS.has(i) && !e.gives.has(i) && !(i === 'count' && e.hasNumber)) ||
        (q.counted !== undefined && !q.counted.pattern.test(e.fact[q.counted.field])) ||
        (q.intents.includes('upcoming') && (e.fact.kind !== 'plan' || e.supersededBy !== undefined));
      return unmet ? k : 1;
    },
  },
  {
    name: 'who',
    describe: 'names someone the question does not, when it asks who',
    factor: (x, k) => {
      if (!x.q.intents.includes('who')) return 1;
      for (const t of x.e.entities) if (!x.q.units.some((u) => u.tokens[0] === t)) return 1 + k;
      return 1 - k;
    },
  },
  {
    name: 'whoUnmet',
    evidence: true,
    describe: 'names no one the question does not already name, when it asks who',
    factor: (x, k) => {
      if (!x.q.intents.includes('who')) return 1;
      for (const t of x.e.entities) if (!x.q.units.some((u) => u.tokens[0] === t)) return 1;
      return k;
    },
  },
  { name: 'planOnOutcome', describe: 'a plan, when the question asks how something turned out', factor: (x, k) => (x.q.intents.includes('outcome') && x.e.fact.kind === 'plan' ? k : 1) },
  { name: 'lead', describe: 'the lead fact of a topic the question only names, asking something of it', factor: (x, k) => (x.namedTopicLead && !asksWhatItIs(x.q) ? 1 + k : 1) },
  {
    name: 'definition',
    describe: 'the lead or the glossary entry that opens with what the question asks to define (or only names)',
    factor: (x, k) => {
      if (!asksWhatItIs(x.q)) return 1;
      const opens = x.e.fact.topic === 'glossary' && x.q.units.every((u) => u.framing || u.context || x.e.opening.has(u.tokens[0]!));
      return x.namedTopicLead || opens ? 1 + k : 1;
    },
  },
  {
    name: 'programme',
    describe: 'belongs to the programme the question names or implies (the home one when it names none)',
    // Not, for a question naming no programme, a home fact that names another (about that one too).
    factor: (x, k) => (x.q.programme.id !== undefined && x.e.scope === x.q.programme.id && !(x.q.programme.by === 'home' && x.e.otherProgramme) ? 1 + k : 1),
  },
  { name: 'classifier', describe: 'the probability the classifier learned from the example questions gives the fact', factor: (x, k) => 1 + k * x.classified },
];
