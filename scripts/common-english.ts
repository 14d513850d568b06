// Writes corpus/lexicon/common-english.yaml from SUBTLEX-US (see scripts/lib/common-english.ts).
import fs from 'node:fs';
import { commonEnglishYaml } from './lib/common-english.ts';

const file = new URL('../corpus/lexicon/common-english.yaml', import.meta.url);
fs.writeFileSync(file, commonEnglishYaml());
console.log(`wrote ${file.pathname}`);
