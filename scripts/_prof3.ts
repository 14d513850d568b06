import { loadCorpus, createEngine } from '../src/index.ts';
const c = loadCorpus('corpus');
for (let i = 0; i < 12; i++) createEngine(c);
