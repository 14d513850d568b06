import { parse } from 'yaml';
import fs from 'node:fs';
import { searchTopics } from '/work/main/src/topic-search.ts';
const topics = parse(fs.readFileSync('/work/main/corpus/topics.yaml','utf8')).map((t:any)=>({aliases:[],...t}));
for (const q of ['', 'gpu', 'ㄹㄴ', '루ㄴ', '룬', '루닛컨소', 'lunit cons', 'consortium', 'kaist', 'fnslt', '타임', 'time', 'ㅌㅇ', 'bio', '모델 루닛', 'zzz', '엔비디아', 'K-F', 'kf', '독']) console.log(JSON.stringify(q), JSON.stringify(searchTopics(topics, q, 5, 'en').map(c=>c.id)));
console.log(searchTopics(topics, '', 3));
