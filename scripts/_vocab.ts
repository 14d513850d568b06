import { loadCorpus } from '../src/index.ts';
import { Analyzer } from '../src/analysis/analyzer.ts';
const c = loadCorpus('corpus');
const a = new Analyzer(c.aliases, c.lexicon);
const content = new Set<string>();
for (const f of c.facts) for (const t of [f.ko, f.en, f.keywords.join('\n')]) for (const u of a.units(t)) content.add(u.tokens[0]!);
for (const t of c.topics) for (const x of [t.title.ko, t.title.en, ...t.aliases]) for (const u of a.units(x)) content.add(u.tokens[0]!);
const only = new Map<string, number>();
for (const f of c.facts) for (const ex of f.examples) for (const u of a.units(ex)) { const h = u.tokens[0]!; if (!content.has(h)) only.set(h, (only.get(h) ?? 0) + 1); }
const sorted = [...only].sort((x, y) => y[1] - x[1]);
console.log(sorted.length, 'example-only heads; content heads', content.size);
console.log(sorted.slice(0, 150).map(([w, n]) => `${w}:${n}`).join(' '));
