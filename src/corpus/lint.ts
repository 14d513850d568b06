/**
 * Checks beyond validity, for curators (`npm run corpus:check`): citations that would not support
 * their line. A link must go to the publisher's own page, not a third-party mirror of it, and carry
 * no session id (it expires, and it is someone's session).
 */
import type { Corpus, CorpusIssue } from './load.ts';

/** Sites whose pages are cited by name: a source published there must link there. */
const PUBLISHER_HOSTS: [RegExp, RegExp][] = [
  [/hugging\s*face/i, /(^|\.)huggingface\.co$/],
  [/^github\b/i, /(^|\.)(github\.com|githubusercontent\.com)$/],
  [/^pypi\b/i, /(^|\.)pypi\.org$/],
  [/arxiv/i, /(^|\.)arxiv\.org$/],
];
/** Hosts that copy other sites' pages (Hugging Face mirrors and the like). */
const MIRROR_HOSTS = /(^|\.)(hugflare\.com|hf-mirror\.com|huggingface\.(?!co$)[a-z.]+)$/;
const SESSION_ID = /[;?&](jsessionid|phpsessid|sessionid|session_id|sid|aspsessionid\w*)=/i;

/** Lint findings, each naming the source and what to fix; empty when the citations are clean. */
export function lintCorpus(corpus: Corpus): CorpusIssue[] {
  const issues: CorpusIssue[] = [];
  for (const [id, s] of corpus.sources) {
    if (!s.url) continue;
    const at = { file: 'corpus/sources.yaml', entry: `source ${id}`, field: 'url' };
    const host = new URL(s.url).hostname.toLowerCase();
    if (SESSION_ID.test(s.url)) issues.push({ ...at, message: `the link carries a session id; cite the address without it (${s.url})` });
    const own = PUBLISHER_HOSTS.find(([publisher]) => publisher.test(s.publisher));
    if (MIRROR_HOSTS.test(host) || (own && !own[1].test(host))) {
      issues.push({ ...at, message: `the link is a third-party copy (${host}), not ${s.publisher}'s own page; cite the original address` });
    }
  }
  return issues;
}
