/**
 * Korean morphology, lightly: strips the particles and verb endings people attach to words
 * (컨소시엄에는 → 컨소시엄, 선정됐어 → 선정) so the stem can match the corpus. No dictionary: a suffix
 * list, longest first, and a list of words that merely look like stem + particle (평가, 결과).
 */

/** Particles (조사), longest first after sorting. Combinations are listed whole: 에서는, 으로도. */
const PARTICLES = [
  '에서부터', '으로부터', '로부터', '에게서', '한테서', '에서는', '에서도', '에서의', '으로는', '으로도', '으로의',
  '이라는', '이라고', '이라도', '이랑은', '에게는', '에게도', '한테는', '까지는', '까지도', '부터는', '부터도',
  '보다는', '처럼은', '만큼은', '에서', '에게', '한테', '으로', '까지', '부터', '보다', '처럼', '만큼', '마다',
  '이랑', '하고', '에는', '에도', '에의', '로는', '로도', '로의', '와는', '과는', '와도', '과도', '이나', '이든',
  '이란', '이라', '라는', '라고', '이요', '께서', '께는', '은요', '는요', '이가', '의', '에', '은', '는', '이', '가',
  '을', '를', '와', '과', '도', '만', '로', '랑', '나', '란', '요', '께',
  '들은', '들이', '들을', '들의', '들에', '들도', '들', '으론', '한텐', '에겐', '에선', '엔', '에서도요', '한테는', '한테도', '이랑은', '랑은', '이든지',
  '든지', '이라도', '라도', '이나마', '끼리', '끼리만', '좀', '씩', '꺼', '꺼야', '껀', '껄', '짜리', '려요', '려서', '이라며', '라며', '이면', '이면은',
  '됐던거야', '됐던거', '됐던', '했던거야', '했던거',
];

/** Verb and adjective endings (어미) incl. the copula and 하다/되다 forms, as they trail a noun stem. */
const ENDINGS = [
  // 되다 / 하다 / 이다 with tense and politeness
  '되었습니까', '되었습니다', '되었나요', '되었어요', '되었는지', '되었던', '되었어', '되었나', '되었니', '되었다',
  '됐습니까', '됐습니다', '됐나요', '됐어요', '됐는지', '됐던', '됐어', '됐나', '됐니', '됐다', '됐음', '됨',
  '되나요', '되는지', '되는데', '되니까', '되어요', '되어서', '되어', '되나', '되니', '되는', '되고', '되면', '된다', '된', '될', '돼요', '돼서', '돼', '되',
  '했습니까', '했습니다', '했나요', '했어요', '했는지', '했던', '했어', '했나', '했니', '했다', '했고', '했음', '함',
  '합니까', '합니다', '하나요', '하는지', '하는데', '하니까', '해요', '해서', '하나', '하니', '하는', '하고', '하면', '한다', '하다', '한', '할', '해',
  '입니까', '입니다', '인가요', '인지요', '이에요', '예요', '이야', '인가', '인지', '이죠', '이지', '이다', '였어', '였나', '였다', '이었', '인데', '임',
  '야', '죠', '지', '냐', '니', '나요', '까요',
  '시키는', '시킨', '시켜', '받는', '받은', '받았', '받아', '받나', '받니',
  '있나요', '있어요', '있는지', '있나', '있어', '있니', '있음', '있는', '있다', '없나요', '없어요', '없나', '없어', '없는', '없다',
  // '…는 것' written together (참고하는것, 할것)
  '하는것', '되는것', '는것', '은것', '한것', '된것', '할것', '될것', '인것',
  // colloquial sentence endings on any predicate (만드는 거야, 한대, 떨어졌었지, 나왔음)
  '려던거', '려던', '려고', '으려고', '던거', '던거야', '던거임',
  '는거야', '는거임', '는건가', '는건데', '는거지', '은거야', '은거임', '는데요', '던데요', '거든요', '잖아요',
  '였는지', '었는지', '았는지', '였는지요',
  '거예요', '거에요', '건가요', '건데요', '거야', '거임', '거지', '건가', '건데', '건지', '는거', '는게', '은거', '은게',
  '었었지', '었었어', '았었지', '았었어', '었었음', '었지', '았지', '었음', '았음', '였음', '었어', '았어', '었나', '았나', '었냐', '았냐', '었니', '았니',
  '었다', '았다', '었던', '았던',
  '겠어', '겠지', '겠냐', '겠나', '던데', '는데', '던가', '는지', '을까', '을지', '을까요', '을게', '잖아', '거든', '냐고', '다고', '라고', '다며', '다던데',
  '다는데', '다는', '라는',
  '한대', '된대', '한다며', '된다며', '한다는', '된다는', '했대', '됐대', '하래', '되래', '할래', '할까', '될까', '하지', '되지', '하냐', '되냐', '함', '됨', '했음', '됐음',
  '할수', '될수', '할수있', '될수있', '할수있어', '할수있나', '해도', '돼도', '되도', '해야돼', '해야', '하셔', '하세요', '하십니까', '하신', '하시',
  '대요', '래요', '네요', '군요', '어요', '아요', '세요', '셔', '셨', '심', '대', '래', '데', '냐', '니', '음', '임', '게', '고', '서', '면', '어', '아',
];

const SUFFIXES = [...new Set([...PARTICLES, ...ENDINGS])].sort((a, b) => b.length - a.length);
const SUFFIX_SET = new Set([...SUFFIXES, '했', '됐', '있', '없', '였', '었', '겠', '어', '아', '았', '음', '임', '함', '됨', '용', '야돼', '야 돼', '야함', '야해', '야죠']);

/** True when a piece of a word is only a particle or ending (what is left of 루닛은 once 루닛 is an alias). */
export function isAffix(piece: string): boolean {
  return SUFFIX_SET.has(piece) || SUFFIX_SET.has(stripKorean(piece));
}

const ENDING_SET = new Set(ENDINGS);

/** True when a Hangul word looks like a verb or adjective form (it ends in a verb ending): such words carry little of what is asked. */
export function isPredicate(word: string): boolean {
  if (isProtected(word)) return false;
  for (let n = Math.min(5, word.length - 1); n >= 1; n--) if (ENDING_SET.has(word.slice(-n))) return n >= 2 || /[어아야지죠요니냐나대래데음임함까게]$/.test(word);
  if (/[었았였했됐겠](?:어|지|음|다|나|냐|니)?$/.test(word)) return true;
  // Any past-tense form: a syllable closed by ㅆ before a final ending (골랐어, 떴어, 났어).
  const last = word.at(-1)!;
  const prev = word.at(-2);
  if (prev !== undefined && jongseong(prev) === 20 && '어아음지다나냐니고'.includes(last)) return true;
  // A stem ending in a past-tense syllable (거쳤, 만났, 냈): no noun ends like that.
  if (jongseong(last) === 20) return true;
  // Casual nominalised verbs (들어감, 대줌) and verb forms before a noun or clause (엮는, 넣은, 치면, 짜도).
  if (word.length >= 2 && jongseong(last) === 16 && !NOUNS_ENDING_IN_M.has(word)) return true;
  return word.length >= 2 && '는은던면도'.includes(last);
}

/** Nouns whose last syllable is closed by ㅁ, so they are not casual verb forms. */
const NOUNS_ENDING_IN_M = new Set(['이름', '시스템', '프로그램', '플랫폼', '사람', '마음', '그림', '처음', '다음', '요금', '지금', '질문', '컴', '게임', '포럼', '모듈']);

/** The index of a Hangul syllable's final consonant (0 = none, 20 = ㅆ). */
function jongseong(syllable: string): number {
  const code = syllable.charCodeAt(0) - 0xac00;
  return code >= 0 && code < 11172 ? code % 28 : -1;
}

/**
 * Words that end like a particle or ending but are whole nouns: stripping them would break the word
 * (평가 is not 평 + 가). Compounds are covered: any word ending in one of these keeps that ending.
 */
const PROTECTED_ENDINGS = [
  '평가', '국가', '추가', '전문가', '대가', '주가', '원가', '증가', '단가', '시가', '참가', '인가', '허가', '가격',
  '결과', '성과', '효과', '통과', '초과', '학과', '부과', '외과', '내과', '치과', '교과', '이과', '문과',
  '회의', '논의', '정의', '주의', '합의', '의의', '강의', '협의', '심의', '건의', '동의', '민의', '편의', '의료',
  '정도', '제도', '속도', '지도', '시도', '용도', '한도', '강도', '밀도', '빈도', '연도', '년도', '태도', '반도', '온도', '의도', '고도', '난도',
  '경로', '진로', '통로', '회로', '신로', '항로', '도로', '연구로',
  '언어', '차이', '나이', '아이', '사이', '높이', '길이', '넓이', '깊이', '놀이', '거리', '이', '랩',
  '기반', '바이오', '오픈소스', '데이터', '하나', '센터', '서버', '파트너', '매니저', '레이어',
  '만', '수만', '천만', '백만', '억만',
  '하이', '스파이', '자이', '디자이', '사이언스', '에이아이', '알파폴드',
  '개요', '필요', '중요', '주요', '수요', '요',
  '엘리스', '모티프', '루닛', '리벨리온',
  '보고서', '계약서', '신청서', '제안서', '지원서', '설명서', '협약서', '계획서',
];
const PROTECTED = new Set(PROTECTED_ENDINGS);

/** True for a noun that only looks like stem + particle (평가, 결과, 개요). */
export function isProtectedWord(word: string): boolean {
  return isProtected(word);
}

const PROTECTED_LENGTHS = [...new Set(PROTECTED_ENDINGS.map((p) => p.length).filter((n) => n >= 2))];

function isProtected(word: string): boolean {
  if (PROTECTED.has(word)) return true;
  for (const n of PROTECTED_LENGTHS) if (word.length >= n && PROTECTED.has(word.slice(-n))) return true;
  return false;
}

/** True when cutting `word` at `cut` would split a protected word (결과는 must not become 결 + 과는). */
function cutsProtected(word: string, cut: number): boolean {
  for (const p of PROTECTED_ENDINGS) {
    if (p.length < 2) continue;
    for (let i = word.indexOf(p); i !== -1; i = word.indexOf(p, i + 1)) {
      if (i < cut && cut < i + p.length) return true;
    }
  }
  return false;
}

/**
 * The stem of a Hangul word: particles and endings stripped (repeatedly: 선정됐나요 → 선정), never
 * below one syllable and never inside a protected word.
 */
const stripCache = new Map<string, string>();

export function stripKorean(word: string, extraProtected?: ReadonlySet<string>): string {
  if (extraProtected) return strip(word, extraProtected);
  let stem = stripCache.get(word);
  if (stem === undefined) {
    stem = strip(word);
    if (stripCache.size > 100_000) stripCache.clear();
    stripCache.set(word, stem);
  }
  return stem;
}

function strip(word: string, extraProtected?: ReadonlySet<string>): string {
  let stem = word;
  for (let guard = 0; guard < 3; guard++) {
    if (isProtected(stem) || extraProtected?.has(stem)) break;
    const current = stem;
    const suffix = SUFFIXES.find((s) => current.endsWith(s) && current.length - s.length >= 1 && !cutsProtected(current, current.length - s.length));
    if (!suffix) break;
    const rest = stem.slice(0, -suffix.length);
    // A one-syllable particle on a two-syllable word is too often part of the noun (경쟁률 is fine,
    // but 국가 or 다리 are not stem + particle): only strip it when the rest is a known stem.
    if (suffix.length === 1 && rest.length === 1 && !extraProtected?.has(rest)) break;
    stem = rest;
  }
  return stem;
}

/** Question words and fillers that say what is asked, not what about; dropped from queries. */
export const KO_STOPWORDS = new Set([
  '뭐', '뭐야', '뭐임', '뭔가', '뭔데', '뭐지', '뭐냐', '무엇', '무엇인가', '무슨', '어떤', '어떻게', '어떠', '어때', '어디', '어디서', '어디야',
  '언제', '언제야', '언젠', '누구', '누가', '누군', '몇', '얼마', '얼마나', '왜', '어느', '혹시', '그럼', '그러면', '그래서', '그리고',
  '좀', '또', '및', '등', '것', '거', '건', '게', '수', '때', '알려', '알려줘', '알려주세요', '알려줄래', '말해', '말해줘', '궁금', '궁금해',
  '궁금합니다', '주세요', '줘', '있', '있어', '있나', '있는', '있음', '없', '대해', '대해서', '관해', '관련', '관련해', '대한', '관한', '경우',
  '이번', '그', '저', '이거', '그거', '저거', '요즘', '지금', '정확히', '대략', '다', '총', '전부', '모두', '각각', '가요', '나요', '건가', '건가요',
  '해줘', '해주세요', '해', '하나요', '인가요', '인지', '임', '야', '요', '네', '음', '아', '오', '제발', '부탁', '부탁해', '질문', '답',
  '리스트', '목록', '명단', '알고', '싶어', '싶은데', '싶습니다', '되나', '되나요', '돼', '됨', '되는', '하는', '한', '할', '된', '될',
  // light verbs that carry no subject of their own
  '나와', '나오', '나오나', '나온', '나왔', '나와요', '하', '되', '가능', '해야', '되는지', '맞', '맞아', '맞나', '맞나요', '어때요', '해요',
  // greetings, self-introductions and politeness around a question
  '안녕', '안녕하세요', '안녕하십니까', '감사', '감사합니다', '고맙', '고맙습니다', '수고', '수고하세요', '저', '제가', '저희', '우리', '기자', '문의',
  '여쭤', '여쭙', '여쭤봐도', '궁금해서', '그런데', '근데', '혹시나', '다름', '아니라', '다름이', '실례', '부탁드립니다', '부탁드려요', '알려주실', '알려주세요', '알려줄',
  // fillers, negations and light verbs seen in chat questions (같은, 말고, 치면, 안됨, 해봐, 어디엿더라…)
  '개', '같이', '같은', '말고', '치면', '전에', '있었', '있을', '있던', '없었', '없을', '없던', '했었', '됐었', '안됨', '안돼', '안되', '안되나', '않',
  '않나', '않았나', '않아', '않았', '해봐', '해봐요', '해보', '해본', '해볼', '안', '있대', '있대요', '없대', '했대', '됐대', '못', '앞에', '어디다',
  '어디에다', '뭐였더라', '뭐더라', '뭐였죠', '그때', '최종적', '최종적으로', '뜻임', '뜻이', '어떻게들', '어떻', '어디엿', '어디엿더라', '내놔', '내놓', '뭔뜻',
  '뭔말', '무슨뜻', '했었', '했어', '했었죠', '써있', '써있던데', '적혀있', '리스트', '목록', '헷갈림', '헷갈려', '쓴', '쓰는', '준', '주는', '가져다', '나가',
  '나간', '나갔', '해준', '중에', '한줄', '줄로', '한 줄로', '괜찮', '하기', '하기로', '되기로', '한거', '할거', '된거', '될거', '하는거', '젤', '어쩌구',
  '어쩌고', '바로', '전체', '처음', '처음엔', '새로', '생각', '방식', '세부', '두고', '작년', '올해', '내년', '지난해', '원래', '그냥', '따로', '굳이',
  '하필', '실제로', '실제', '혹시라도', '아예', '이제', '벌써',
  '맞음', '맞지', '맞죠', '맞는지', '맞을까', '맞는', '정리', '정리해줘', '요약해줘', '설명해줘', '알려줘요', '둘', '둘다', '어떤식', '어떤식으로', '식으로', '년',
  '기사', '뉴스', '보도', '봤는데', '봤어', '들었는데', '하던데', '던데',
  '번째', '몇월', '며칠', '몇일', '월', '일', '말에', '초에', '중순', '초순', '하순', '말경', '무렵', '언제쯤', '쯤', '정도로', '대충', '인데요', '는데요',
  '이에요', '예요', '인가요', 'ㅇㅇ', 'ㄹㅇ', 'ㅋㅋ', 'ㅎㅎ', 'ㅠㅠ',
  '사업', '프로젝트', '인공지능', '날짜', '날자', '시간', '몇시', '상관', '관계', '연관', '차이', '차이점', '비교', '다른', '다른점', '예시', '예를', '예컨대',
  '아님', '아니', '아니었', '아니었음',
  '어디어디', '누구누구', '뭐뭐', '거', '거야', '거임', '건가', '데', '쪽', '여기', '거기', '이거', '이게', '그게', '저게', '둘다', '원래', '하필', '많이',
  '간단히', '잘', '아니면', '아님', '아냐', '말', '무슨말', '소리', '뭔', '뭘', '뭐가', '뭐라고', '어케', '어떡해', '얼마임', '얼마야', '언제임', '누구임',
  '어디임', '언제였음', '언제였지', '얼마였', '언제였', '몇시', '시였', '대략적', '간단', '쉽게', '자세히', '구체적', '요약', '정리', '결국', '아직', '이미',
  '벌써', '다시', '먼저', '나중', '그냥', '되게', '엄청', '너무', '제일', '가장', '보통', '일단', '짜리', '뭐였', '뭐였지', '뭐더라', '뭐냐면', '무엇인지',
  '뭔지', '누군지', '언젠지', '어딘지', '몇개', '몇명', '몇곳', '군데', '사실', '진짜', '정말', '내용', '설명', '설명좀', '얘기', '뜻', '의미',
]);

export const EN_STOPWORDS = new Set([
  // chat fillers around an English question (quick q, tl;dr, remind me, so far) and framing verbs
  'between', 'context', 'due', 'settle', 'else', 'more', 'seen', 've', 'listed', 'count', 'promised', 'promise',
  'original', 'originally', 'initially', 'quick', 'remind', 'tl', 'dr', 'tldr', 'besides', 'supposed', 'specific',
  'newly', 'speak', 'handle', 'usually', 'cite', 'cited', 'itself', 'far', 'people', 'person', 'persons', 'inside',
  'instead', 'ballpark',
  'a', 'an', 'the', 'is', 'are', 'was', 'were', 'be', 'been', 'being', 'am', 'do', 'does', 'did', 'done', 'doing',
  'have', 'has', 'had',
  'what', 'whats', 'when', 'where', 'who', 'whom', 'whose', 'which', 'why', 'how', 'many', 'much', 'there', 'here',
  'this', 'that', 'these',
  'those', 'it', 'its', 'of', 'in', 'on', 'at', 'to', 'for', 'from', 'by', 'with', 'about', 'as', 'into', 'and',
  'or', 'but', 'if', 'so',
  'than', 'then', 'can', 'could', 'will', 'would', 'shall', 'should', 'may', 'might', 'must', 'i', 'me', 'my', 'we',
  'our', 'you', 'your',
  'they', 'them', 'their', 'he', 'she', 'his', 'her', 'tell', 'please', 'know', 'want', 'any', 'some', 'all', 'each',
  'every', 'exactly',
  'list', 'name', 'names', 'show', 'give', 'us', 'anyone', 'someone', 'hey', 'hi', 'hello', 'thanks', 'thank', 'ok',
  'okay', 'again', 'also',
  'get', 'got', 'does', 'doe', 'did', 'going', 'still', 'yet', 'now', 'currently', 'total', 'number', 'amount',
  'exist', 'mean', 'means',
  'part', 'too', 'somewhere', 'anything', 'something', 'thing', 'things', 'kind', 'sort', 'really', 'actually',
  'just', 'like', 'way', 'ways',
  'explain', 'briefly', 'summary', 'summarise', 'summarize', 'detail', 'details', 'info', 'information',
  'specifically', 'exact', 'roughly', 'approximately',
  'happen', 'happened', 'happening', 'going', 'doing', 'come', 'comes', 'came', 'coming', 'out', 'up', 'over', 'not',
  'no', 'yes', 'did', "didn't", 'dont', "don't", 'isnt', "isn't",
  'date', 'dates', 'time', 'day', 'different', 'difference', 'differ', 'compare', 'compared', 'comparison', 'vs',
  'versus', 'example', 'instance', 'relation',
  'related', 'relationship', 'connect', 'connected', 'connection', 'link', 'linked', 'relate', 'relevant',
  'ai', // in nearly every fact and question here: it tells nothing apart
  'best', 'talk', 'any', 'much', 'really', 'new', 'old', 'last', 'next', 'year',
  'article', 'news', 'report', 'reported', 'reports', 'saw', 'read', 'right', 'correct', 'true',
  'journalist', 'reporter', 'researcher', 'question', 'questions', 'wondering', 'curious', 'confirm', 'check',
  'quick', 'hope', 'hoping', 'talk', 'heard',
  'anyone', 'someone', 'guys', 'folks', 'team?', 'btw', 'pls', 'plz', 'thx', 'lol',
  'project', 'programme', 'program', 'scheme', 'initiative', 'this', 'whole', 'ever', 'already', 'officially',
  'official', 'overall', 'altogether',
]);

/** Common English verbs that frame a question rather than name its subject (work, use, make). */
export const EN_LIGHT_VERBS = new Set([
  'work', 'working', 'worked', 'use', 'used', 'using', 'make', 'made', 'making', 'go', 'goes', 'went', 'take',
  'took', 'taken', 'put', 'puts',
  'need', 'needs', 'see', 'look', 'looking', 'find', 'found', 'say', 'said', 'says', 'think', 'try', 'tried', 'keep',
  'let', 'become', 'became',
  'run', 'runs', 'ran', 'bring', 'brought', 'turn', 'help', 'helps', 'involve', 'involved', 'handle', 'handles',
  'cover', 'covers', 'happen', 'happens',
  'fail', 'fails', 'failed', 'pass', 'passes', 'passed', 'want', 'wants', 'mean', 'stand', 'stands', 'sound',
  'sounds', 'seem', 'seems', 'matter',
]);

/** Words that ask how something turned out (결과, 통과, result): they frame the question, so they
 * do not count toward coverage, though they still help retrieval. */
export const OUTCOME_WORDS = new Set(['결과', '통과', '합격', '성적', '성과', '넘으', '넘어야', '넘으면', 'result', 'outcome', 'pass', 'passed']);

/** Words that ask why (이유, 취지, rationale): framing too. */
export const WHY_WORDS = new Set(['이유', '취지', '까닭', '배경이', 'rationale', 'reason', 'why']);
