/**
 * The interactive walk (`npm run curate` at a terminal): each open item with the engine's top
 * candidates and why (rules, closest example, missing words), and one key (then Enter) to fix it.
 * Reads lines from `io.stdin`, so tests drive it through streams; the new-fact draft opens $EDITOR.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { candidateLines, rankedCandidates } from '../../adapters/cli/format.ts';
import { nameKey } from '../../src/analysis/normalize.ts';
import type { CurateIo } from './cli.ts';
import { draftTemplate, openEditor, readDraft } from './draft.ts';
import { EditError } from './edit.ts';
import { truncate } from '../../runtime/report/build.ts';
import { describeItem, engineView, type OpenItem } from './items.ts';
import type { Session, Subject } from './session.ts';

const CANDIDATES = 3;
const KEYS = `keys: 1-${CANDIDATES} attach to that fact · a attach to a fact by id · k add a keyword to a fact · w add a word to an alias group · o out of scope · n new fact · s skip · d dismiss for good · q quit`;

type Ask = (prompt: string) => Promise<string | null>;

/** Walks `items`; returns the exit code (0, also when the input ends). */
export async function walk(items: OpenItem[], session: Session, io: CurateIo): Promise<number> {
  const out = io.stdout;
  if (items.length === 0) {
    out.write('nothing to curate: no open item in the question log.\n');
    return 0;
  }
  const rl = createInterface({ input: io.stdin, crlfDelay: Infinity, terminal: false });
  const lines = rl[Symbol.asyncIterator]();
  const ask: Ask = async (prompt) => {
    out.write(prompt);
    const next = await lines.next();
    return next.done ? null : next.value.trim();
  };
  let done = 0;
  try {
    for (const [i, item] of items.entries()) {
      const outcome = await walkItem(item, `${i + 1}/${items.length}`, session, io, ask);
      if (outcome === 'quit') break;
      if (outcome === 'curated') done++;
    }
  } finally {
    rl.close();
  }
  out.write(`\n${done} item${done === 1 ? '' : 's'} curated this session.\n`);
  return 0;
}

/** One item, until it is curated, skipped or the curator quits. */
async function walkItem(item: OpenItem, position: string, session: Session, io: CurateIo, ask: Ask): Promise<'curated' | 'skipped' | 'quit'> {
  const out = io.stdout;
  const subject: Subject = { question: item.question, surfaces: item.surfaces };
  for (;;) {
    const x = session.engine.explain(item.question);
    const candidates = rankedCandidates(x).slice(0, CANDIDATES);
    // What the engine does now: an earlier change in this session may already have fixed this one.
    out.write(`\n${describeItem({ ...item, ...engineView(session.engine, item.question) }, `── [${position}] `)}`);
    out.write(`   the engine now: ${x.decision.answered ? `answers ${x.decision.factId}` : `not found (${x.decision.reason})`}\n`);
    candidates.forEach((c, n) => {
      const fact = session.corpus.facts.find((f) => f.id === c.id);
      const [head, ...rest] = candidateLines(c, `${n + 1}.${c.filteredBy ? ' ✗' : ''}`, '       ');
      out.write(`   ${head}\n${fact ? `       ${truncate(session.engine.detectLang(item.question) === 'en' ? fact.en : fact.ko, 110)}\n` : ''}${rest.map((l) => `${l}\n`).join('')}`);
    });
    out.write(`${KEYS}\n`);
    const key = await ask('> ');
    if (key === null || key === 'q') return 'quit';
    try {
      if (/^[1-9]$/.test(key) && candidates[Number(key) - 1]) {
        session.attach(subject, candidates[Number(key) - 1]!.id);
        return 'curated';
      }
      if (key === 'a') {
        const id = await ask('fact id: ');
        if (id === null) return 'quit';
        if (!id) continue;
        session.attach(subject, id);
        return 'curated';
      }
      if (key === 'k') {
        const which = await ask(`fact (1-${candidates.length} or an id): `);
        const word = which === null ? null : await ask('word to add to its keywords: ');
        if (which === null || word === null) return 'quit';
        const factId = /^[1-9]$/.test(which) ? candidates[Number(which) - 1]?.id : which;
        if (factId && word) session.keyword(subject, factId, word);
        continue;
      }
      if (key === 'w') {
        const which = await ask('alias group (its id or one of its terms): ');
        if (which === null) return 'quit';
        const group = session.corpus.aliases.find((g) => g.id === which) ?? session.corpus.aliases.find((g) => g.terms.some((t) => nameKey(t) === nameKey(which)));
        if (!group) {
          out.write(`no alias group "${which}" (see corpus/aliases/*.yaml)\n`);
          continue;
        }
        const word = await ask(`word to add to ${group.id} [${group.terms.join(', ')}]: `);
        if (word === null) return 'quit';
        if (word) session.alias(subject, group.id, word);
        continue;
      }
      if (key === 'o') {
        const note = await ask('note (why it is out of scope; Enter for none): ');
        if (note === null) return 'quit';
        session.outOfScope(subject, note);
        return 'curated';
      }
      if (key === 'n') {
        const added = await newFact(item, candidates[0]?.id, session, io, ask);
        if (added === 'quit') return 'quit';
        if (added) return 'curated';
        continue;
      }
      if (key === 's') return 'skipped';
      if (key === 'd') {
        session.dismiss(subject);
        out.write('dismissed: it will not be offered again.\n');
        return 'curated';
      }
      if (key) out.write(`unknown key "${key}"\n`);
    } catch (e) {
      if (!(e instanceof EditError)) throw e;
      out.write(`curate: ${e.message}\n`);
    }
  }
}

/** Drafts a new fact in $EDITOR until it validates or the curator cancels. True when it was added. */
async function newFact(item: OpenItem, nearest: string | undefined, session: Session, io: CurateIo, ask: Ask): Promise<boolean | 'quit'> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'curate-'));
  const file = path.join(dir, 'new-fact.yaml');
  try {
    fs.writeFileSync(file, draftTemplate(session.corpus, { question: item.question, count: item.count, ...(nearest ? { nearest } : {}), today: session.today() }));
    for (;;) {
      const edited = openEditor(file, io.env);
      if (!edited.ok) {
        io.stdout.write(`${edited.message}; no fact added.\n`);
        return false;
      }
      const text = fs.readFileSync(file, 'utf8');
      const draft = readDraft(session.corpus, session.corpusDir, text);
      let problem: string;
      if (draft.kind === 'cancelled') {
        io.stdout.write('no id given: no fact added.\n');
        return false;
      }
      if (draft.kind === 'fact') {
        try {
          session.newFact({ question: item.question, surfaces: item.surfaces }, draft.file, draft.yaml, draft.id);
          const now = session.answerNow(item.question);
          io.stdout.write(`now: ${now ? `answered by ${now}` : 'not answered (add keywords or examples to the new fact)'}\n`);
          return true;
        } catch (e) {
          if (!(e instanceof EditError)) throw e;
          problem = e.message;
        }
      } else problem = draft.message;
      io.stdout.write(`the draft was not added: ${problem}\n`);
      const again = await ask('e edit it again · c cancel: ');
      if (again === null) return 'quit';
      if (again !== 'e') return false;
      // The problem on top of the draft, as comments (dropped when it is read again).
      const previous = text.split('\n').filter((l) => !l.startsWith('# ! '));
      fs.writeFileSync(file, [...problem.split('\n').map((l) => `# ! ${l}`), ...previous].join('\n'));
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
