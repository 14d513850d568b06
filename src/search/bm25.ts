/**
 * BM25 over weighted fields, for an OR query of exact terms: MiniSearch 7's scoring (no prefix or
 * fuzzy terms), computed the same way to the last bit, so swapping it in changed no answer. Each
 * term's score in each document is summed over the fields at build; a question only adds them up.
 *
 * As in MiniSearch: a field's length is its number of distinct tokens, its average length is kept
 * the way MiniSearch updates it document by document, idf counts the documents having the term in
 * that field, and a document's sum is multiplied by how many of the query's terms it has.
 */

export interface Bm25Params {
  k: number;
  b: number;
  d: number;
}

export interface Bm25Doc<F extends string> {
  id: string;
  /** Each field's tokens, repeats included (they are the term frequency). */
  fields: Record<F, readonly string[]>;
}

export interface Bm25Hit {
  id: string;
  score: number;
}

/** How many of the best documents a list takes, of those `keep` accepts when given. */
export interface Bm25List {
  limit: number;
  keep?: (id: string) => boolean;
}

export interface Bm25Index {
  /** Documents having any of the (distinct) terms, best first (ties in the order first met), at most `limit`, of those `keep` accepts when given. */
  search(terms: readonly string[], limit: number, keep?: (id: string) => boolean): Bm25Hit[];
  /** The same for several lists at once: the terms' scores are summed once for all of them. */
  searchEach(terms: readonly string[], lists: readonly Bm25List[]): Bm25Hit[][];
}

/** Each term's postings: its documents and its score in each, term `id`'s at starts[id] up to starts[id + 1]. */
interface Postings {
  termIds: Map<string, number>;
  starts: Int32Array;
  docs: Int32Array;
  scores: Float64Array;
}

/**
 * The postings, built apart from the search below: a closure keeps its whole scope alive, and the
 * documents' tokens and each term's occurrences are not needed once the scores are summed.
 */
function postingsOf<F extends string>(fields: readonly F[], docs: readonly Bm25Doc<F>[], boost: Record<F, number>, params: Bm25Params): Postings {
  const { k, b, d } = params;
  const n = docs.length;
  // Each term's occurrences as (field, document, frequency) triples, field by field then by
  // document: the order MiniSearch meets them in. Each field's lengths and running average.
  // `last` is the field and document of a term's last triple: a term met again in the same field
  // of the same document adds to that triple's frequency (no map of frequencies per document).
  const occurrences = new Map<string, { list: number[]; last: number }>();
  const lengths = fields.map(() => new Float64Array(n));
  const averages = fields.map(() => 0);
  fields.forEach((field, f) => {
    docs.forEach((doc, i) => {
      const here = f * n + i;
      let distinct = 0;
      for (const t of doc.fields[field]) {
        const o = occurrences.get(t);
        if (o !== undefined && o.last === here) {
          o.list[o.list.length - 1]!++;
          continue;
        }
        distinct++;
        if (o === undefined) occurrences.set(t, { list: [f, i, 1], last: here });
        else {
          o.list.push(f, i, 1);
          o.last = here;
        }
      }
      lengths[f]![i] = distinct;
      averages[f] = (averages[f]! * i + distinct) / (i + 1);
    });
  });

  // Each term's postings, one after another: its documents (as first met) and its score in each,
  // summed over the fields in field order.
  const termIds = new Map<string, number>();
  const starts = [0];
  const postingDocs: number[] = [];
  const postingScores: number[] = [];
  const sums = new Float64Array(n);
  const met = new Uint8Array(n);
  const withField = new Int32Array(fields.length);
  for (const [term, { list }] of occurrences) {
    withField.fill(0);
    for (let x = 0; x < list.length; x += 3) withField[list[x]!]!++;
    const first = postingDocs.length;
    for (let x = 0; x < list.length; x += 3) {
      const f = list[x]!;
      const i = list[x + 1]!;
      const tf = list[x + 2]!;
      const idf = Math.log(1 + (n - withField[f]! + 0.5) / (withField[f]! + 0.5));
      const score = boost[fields[f]!] * (idf * (d + (tf * (k + 1)) / (tf + k * (1 - b + (b * lengths[f]![i]!) / averages[f]!))));
      if (!met[i]) postingDocs.push(i);
      met[i] = 1;
      sums[i]! += score;
    }
    for (let p = first; p < postingDocs.length; p++) {
      const i = postingDocs[p]!;
      postingScores.push(sums[i]!);
      sums[i] = met[i] = 0;
    }
    termIds.set(term, starts.length - 1);
    starts.push(postingDocs.length);
  }
  return { termIds, starts: Int32Array.from(starts), docs: Int32Array.from(postingDocs), scores: Float64Array.from(postingScores) };
}

export function createBm25<F extends string>(fields: readonly F[], docs: readonly Bm25Doc<F>[], boost: Record<F, number>, params: Bm25Params): Bm25Index {
  const postings = postingsOf(fields, docs, boost, params);
  const { termIds } = postings;
  const n = docs.length;
  // Searches need the documents' ids only: the fields' tokens are not kept.
  const ids = docs.map((doc) => doc.id);
  // Scratch space reused by every search: a sum and a count of matched terms per document.
  const sum = new Float64Array(n);
  const matched = new Int32Array(n);
  function searchEach(query: readonly string[], lists: readonly Bm25List[]): Bm25Hit[][] {
    const touched: number[] = [];
    for (const term of query) {
      const id = termIds.get(term);
      if (id === undefined) continue;
      for (let j = postings.starts[id]!; j < postings.starts[id + 1]!; j++) {
        const i = postings.docs[j]!;
        if (matched[i] === 0) touched.push(i);
        sum[i]! += postings.scores[j]!;
        matched[i]!++;
      }
    }
    // The best `limit` in order, each placed after those scoring as much: equal scores keep the
    // order the documents were first met, as MiniSearch's stable sort keeps them.
    const bests = lists.map((): number[] => []);
    for (const i of touched) {
      const score = (sum[i]! *= matched[i]!);
      for (let l = 0; l < lists.length; l++) {
        const { limit, keep } = lists[l]!;
        const best = bests[l]!;
        // The cheap test first: once a list is full, most documents score too low for it.
        if (best.length === limit && (limit === 0 || score <= sum[best[limit - 1]!]!)) continue;
        if (keep && !keep(ids[i]!)) continue;
        // Those scoring less move down one, a full list's last falling off (splice made an array per call).
        let at = Math.min(best.length, limit - 1);
        for (; at > 0 && sum[best[at - 1]!]! < score; at--) best[at] = best[at - 1]!;
        best[at] = i;
      }
    }
    const hits = bests.map((best) => best.map((i) => ({ id: ids[i]!, score: sum[i]! })));
    for (const i of touched) sum[i] = matched[i] = 0;
    return hits;
  }
  return { search: (query, limit, keep) => searchEach(query, [{ limit, keep }])[0]!, searchEach };
}
