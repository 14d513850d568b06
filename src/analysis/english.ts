/**
 * British spellings as American ones, so both share a stem: prioritised/prioritized, organisation,
 * centre, labour, modelling. Applied to every English word, questions, facts and examples alike, so a
 * word spelt -ise in both (enterprise) is changed everywhere and still matches itself.
 */
function americanSpelling(word: string): string {
  return word
    .replace(/^(.{3,}?)is(e|es|ed|ing|ation|ations|er|ers)$/, '$1iz$2')
    .replace(/^(.{2,})ys(e|es|ed|ing|er|ers)$/, '$1yz$2')
    .replace(/^(colo|behavio|favo|labo|hono|neighbo|harbo|rumo|humo|endeavo|flavo|vapo|armo|savo)ur/, '$1r')
    .replace(/^(cent|met|theat|fib|spect|lust|calib)re(s|d)?$/, '$1er$2')
    .replace(/^(.*[aeiou][^aeiou]+e)ll(ed|ing|er|ers)$/, '$1l$2');
}

/** Light English stemming, the same for questions and facts: selected/selects/selection share a stem. */
export function stemEnglish(word: string): string {
  let w = americanSpelling(word);
  if (w.length > 4 && w.endsWith('ies')) w = w.slice(0, -3) + 'y';
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.length > 3 && w.endsWith('s') && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1);
  if (w.length > 5 && w.endsWith('ing')) w = w.slice(0, -3);
  else if (w.length > 4 && w.endsWith('ed')) w = w.slice(0, -2);
  if (/([bdgmnpt])\1$/.test(w) && w !== word) w = w.slice(0, -1); // running → run, stopped → stop
  else if (w.length > 6 && w.endsWith('ion')) w = w.slice(0, -3);
  if (w.length > 3 && w.endsWith('e')) w = w.slice(0, -1); // give and giving, rule and rules share giv, rul
  return w;
}
