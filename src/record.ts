import fs from 'node:fs';
import path from 'node:path';

/** Where a question came from: the platform and the kind of conversation. */
export interface Origin {
  platform: 'slack' | 'discord' | 'cli';
  /** channel: a public or private channel mention; dm: a direct message; command: a slash command. */
  channelKind: 'channel' | 'dm' | 'command';
  channelId?: string;
  userId?: string;
}

export interface FeedbackVote extends Origin {
  question: string;
  factId: string;
  vote: 'up' | 'down';
}

/**
 * Records votes (and, later, questions) for curators. Adapters call it; it must never throw into
 * the answer path, so implementations swallow and log their own errors.
 */
export interface Recorder {
  feedback(vote: FeedbackVote): void;
}

/** Appends one JSON line per vote to a file (folder created on first write). */
export function jsonlRecorder(file: string, onError: (e: unknown) => void = () => {}): Recorder {
  return {
    feedback(vote) {
      const { userId: _user, ...rest } = vote; // user ids are not stored
      try {
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.appendFileSync(file, JSON.stringify({ time: new Date().toISOString(), ...rest }) + '\n');
      } catch (e) {
        onError(e);
      }
    },
  };
}

/** Keeps votes in memory, for tests. */
export function memoryRecorder(): Recorder & { votes: FeedbackVote[] } {
  const votes: FeedbackVote[] = [];
  return { votes, feedback: (v) => void votes.push(v) };
}
