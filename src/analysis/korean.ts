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
  '들은', '들이', '들을', '들의', '들에', '들도', '들',
];

/** Verb and adjective endings (어미) incl. the copula and 하다/되다 forms, as they trail a noun stem. */
const ENDINGS = [
  // 되다 / 하다 / 이다 with tense and politeness
  '되었습니까', '되었습니다', '되었나요', '되었어요', '되었는지', '되었던', '되었어', '되었나', '되었니', '되었다',
  '됐습니까', '됐습니다', '됐나요', '됐어요', '됐는지', '됐던', '됐어', '됐나', '됐니', '됐다', '됐음', '됨',
  '되나요', '되는지', '되는데', '되니까', '되어요', '되어서', '되어', '되나', '되니', '되는', '되고', '되면', '된다', '된', '될', '돼요', '돼서', '돼', '되',
  '했습니까', '했습니다', '했나요', '했어요', '했는지', '했던', '했어', '했나', '했니', '했다', '했고', '했음', '함',
  '합니까', '합니다', '하나요', '하는지', '하는데', '하니까', '해요', '해서', '하나', '하니', '하는', '하고', '하면', '한다', '하다', '한', '할', '해',
  '입니까', '입니다', '인가요', '인지요', '이에요', '예요', '이야', '인가', '인지', '이죠', '이지', '이다', '였어', '였나', '였다', '이었', '인데', '임', '야', '죠', '지', '냐', '니', '나요', '까요',
  '시키는', '시킨', '시켜', '받는', '받은', '받았', '받아', '받나', '받니',
  '있나요', '있어요', '있는지', '있나', '있어', '있니', '있음', '있는', '있다', '없나요', '없어요', '없나', '없어', '없는', '없다',
];

const SUFFIXES = [...new Set([...PARTICLES, ...ENDINGS])].sort((a, b) => b.length - a.length);
const SUFFIX_SET = new Set([...SUFFIXES, '했', '됐', '있', '없', '였', '었', '겠']);

/** True when a piece of a word is only a particle or ending (what is left of 루닛은 once 루닛 is an alias). */
export function isAffix(piece: string): boolean {
  return SUFFIX_SET.has(piece) || SUFFIX_SET.has(stripKorean(piece));
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
  '차이', '나이', '아이', '사이', '높이', '길이', '넓이', '깊이', '놀이', '거리', '이', '랩',
  '기반', '바이오', '오픈소스', '데이터', '하나', '센터', '서버', '파트너', '매니저', '레이어',
  '만', '수만', '천만', '백만', '억만',
  '하이', '스파이', '자이', '디자이', '사이언스', '에이아이', '알파폴드',
  '개요', '필요', '중요', '주요', '수요', '요',
  '엘리스', '모티프', '루닛', '리벨리온',
];
const PROTECTED = new Set(PROTECTED_ENDINGS);

function isProtected(word: string): boolean {
  if (PROTECTED.has(word)) return true;
  for (const p of PROTECTED_ENDINGS) if (p.length >= 2 && word.endsWith(p)) return true;
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
export function stripKorean(word: string, extraProtected?: ReadonlySet<string>): string {
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
]);

export const EN_STOPWORDS = new Set([
  'a', 'an', 'the', 'is', 'are', 'was', 'were', 'be', 'been', 'being', 'am', 'do', 'does', 'did', 'done', 'doing', 'have', 'has', 'had',
  'what', 'whats', 'when', 'where', 'who', 'whom', 'whose', 'which', 'why', 'how', 'many', 'much', 'there', 'here', 'this', 'that', 'these',
  'those', 'it', 'its', 'of', 'in', 'on', 'at', 'to', 'for', 'from', 'by', 'with', 'about', 'as', 'into', 'and', 'or', 'but', 'if', 'so',
  'than', 'then', 'can', 'could', 'will', 'would', 'shall', 'should', 'may', 'might', 'must', 'i', 'me', 'my', 'we', 'our', 'you', 'your',
  'they', 'them', 'their', 'he', 'she', 'his', 'her', 'tell', 'please', 'know', 'want', 'any', 'some', 'all', 'each', 'every', 'exactly',
  'list', 'name', 'names', 'show', 'give', 'us', 'anyone', 'someone', 'hey', 'hi', 'hello', 'thanks', 'thank', 'ok', 'okay', 'again', 'also',
  'get', 'got', 'does', 'doe', 'did', 'going', 'still', 'yet', 'now', 'currently', 'total', 'number', 'amount', 'exist', 'mean', 'means',
]);
