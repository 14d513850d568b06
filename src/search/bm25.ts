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

export interface Bm25Index {
  /** Documents having any of the (distinct) terms, best first (ties in the order first met), at most `limit`. */
  search(terms: readonly string[], limit: number): { id: string; score: number }[];
}

/** A term's documents and its score in each, summed over fields (in field order). */
interface Postings {
  docs: Int32Array;
  scores: Float64Array;
}

export function createBm25<F extends string>(fields: readonly F[], docs: readonly Bm25Doc<F>[], boost: Record<F, number>, params: Bm25Params): Bm25Index {
  const { k, b, d } = params;
  const n = docs.length;
  // Per field: each document's term frequencies and length, and the running average length.
  const perField = fields.map((field) => {
    const freqs = new Map<string, Map<number, number>>();
    const lengths = new Float64Array(n);
    let average = 0;
    docs.forEach((doc, i) => {
      const tokens = doc.fields[field];
      lengths[i] = new Set(tokens).size;
      average = (average * i + lengths[i]!) / (i + 1);
      for (const t of tokens) {
        let byDoc = freqs.get(t);
        if (!byDoc) freqs.set(t, (byDoc = new Map()));
        byDoc.set(i, (byDoc.get(i) ?? 0) + 1);
      }
    });
    return { freqs, lengths, average, boost: boost[field] };
  });

  const postings = new Map<string, Postings>();
  const terms = new Set(perField.flatMap((f) => [...f.freqs.keys()]));
  for (const term of terms) {
    // Documents in the order MiniSearch first meets them (field by field), scores summed in field order.
    const sums = new Map<number, number>();
    for (const f of perField) {
      const byDoc = f.freqs.get(term);
      if (!byDoc) continue;
      const idf = Math.log(1 + (n - byDoc.size + 0.5) / (byDoc.size + 0.5));
      for (const [i, tf] of byDoc) {
        const score = f.boost * (idf * (d + (tf * (k + 1)) / (tf + k * (1 - b + (b * f.lengths[i]!) / f.average))));
        sums.set(i, (sums.get(i) ?? 0) + score);
      }
    }
    postings.set(term, { docs: Int32Array.from(sums.keys()), scores: Float64Array.from(sums.values()) });
  }

  // Scratch space reused by every search: a sum and a count of matched terms per document.
  const sum = new Float64Array(n);
  const matched = new Int32Array(n);
  return {
    search(query, limit) {
      const touched: number[] = [];
      for (const term of query) {
        const p = postings.get(term);
        if (!p) continue;
        for (let j = 0; j < p.docs.length; j++) {
          const i = p.docs[j]!;
          if (matched[i] === 0) touched.push(i);
          sum[i]! += p.scores[j]!;
          matched[i]!++;
        }
      }
      // The best `limit` in order, each placed after those scoring as much: equal scores keep the
      // order the documents were first met, as MiniSearch's stable sort keeps them.
      const best: number[] = [];
      for (const i of touched) {
        const score = (sum[i]! *= matched[i]!);
        if (best.length === limit && score <= sum[best[limit - 1]!]!) continue;
        let at = best.length;
        while (at > 0 && sum[best[at - 1]!]! < score) at--;
        best.splice(at, 0, i);
        if (best.length > limit) best.pop();
      }
      const hits = best.map((i) => ({ id: docs[i]!.id, score: sum[i]! }));
      for (const i of touched) sum[i] = matched[i] = 0;
      return hits;
    },
  };
}
