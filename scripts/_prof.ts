import { loadCorpus } from '../src/index.ts';
import { Analyzer } from '../src/analysis/analyzer.ts';
import { buildFactIndex } from '../src/search/fact-index.ts';
import { defaultOptions } from '../src/engine.ts';
const c = loadCorpus('/work/main/corpus');
for (let r = 0; r < 3; r++) {
  let t = performance.now();
  const a = new Analyzer(c.aliases, c.lexicon);
  const t1 = performance.now() - t; t = performance.now();
  const texts = c.facts.flatMap((f) => [f.ko, f.en, f.keywords.join(' \n '), ...f.examples]);
  for (const x of texts) a.analyze(x);
  const t2 = performance.now() - t; t = performance.now();
  buildFactIndex(c, new Analyzer(c.aliases, c.lexicon), defaultOptions.index);
  const t3 = performance.now() - t;
  console.log({ analyzer: t1.toFixed(0), analyzeAll: t2.toFixed(0), index: t3.toFixed(0), texts: texts.length });
}
