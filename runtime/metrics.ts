/**
 * GET /metrics in the Prometheus text format (prom-client): questions by platform and outcome, how
 * long answers take, platform API errors and retries by status, the corpus serving, Redis and the
 * question log, and Node's own process metrics. One registry per runtime (not prom-client's global
 * one), so several bots in one process (tests, the load script) do not mix. Gauges say how shard
 * processes' values combine when the sharding manager adds them up.
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { CorpusStatus } from './health.ts';
import type { QuestionLogStatus } from './question-log.ts';
import type { RedisState } from './redis.ts';

/** What became of a question. */
export type Outcome = 'answered' | 'not_found' | 'rate_limited' | 'error';

export interface MetricsSources {
  corpus(): CorpusStatus;
  /** Set when REDIS_URL is. */
  redis?(): RedisState;
  questionLog?(): QuestionLogStatus | undefined;
}

export interface MetricsText {
  contentType: string;
  text: string;
}

export class Metrics {
  readonly registry = new Registry();
  private readonly questions: Counter<'platform' | 'outcome'>;
  private readonly answerSeconds: Histogram<'platform'>;
  private readonly apiErrors: Counter<'platform' | 'status'>;
  private readonly apiRetries: Counter<'platform' | 'status'>;

  constructor(sources: MetricsSources) {
    const registers = [this.registry];
    this.questions = new Counter({ name: 'bot_questions_total', help: 'Questions asked, by platform and outcome (answered, not_found, rate_limited, error).', labelNames: ['platform', 'outcome'], registers });
    this.answerSeconds = new Histogram({
      name: 'bot_answer_duration_seconds',
      help: 'From a question reaching the bot to its answer being ready (rate limits, work queue and engine), by platform.',
      labelNames: ['platform'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    });
    this.apiErrors = new Counter({ name: 'bot_platform_api_errors_total', help: 'Calls to Slack or Discord that failed, by platform and status (HTTP status, or the platform error code, or timeout).', labelNames: ['platform', 'status'], registers });
    this.apiRetries = new Counter({ name: 'bot_platform_api_retries_total', help: 'Calls to Slack or Discord retried after a refusal (429: rate limited), by platform and status.', labelNames: ['platform', 'status'], registers });
    new Gauge({
      name: 'bot_corpus_facts',
      help: 'Facts in the corpus serving now.',
      registers,
      aggregator: 'max',
      collect() {
        this.set(sources.corpus().facts);
      },
    });
    new Gauge({
      name: 'bot_corpus_loaded_timestamp_seconds',
      help: 'When the corpus serving now was loaded (Unix time).',
      registers,
      aggregator: 'min',
      collect() {
        this.set(sources.corpus().loadedAt.getTime() / 1000);
      },
    });
    new Gauge({
      name: 'bot_corpus_refused_reload_timestamp_seconds',
      help: 'When the last corpus edit was refused (Unix time; 0 if none was).',
      registers,
      aggregator: 'max',
      collect() {
        this.set((sources.corpus().lastReloadError?.at.getTime() ?? 0) / 1000);
      },
    });
    if (sources.redis) {
      const redis = sources.redis;
      new Gauge({
        name: 'bot_redis_up',
        help: 'Whether Redis (REDIS_URL) is connected: 1, or 0 while de-duplication and rate limits fall back to memory.',
        registers,
        aggregator: 'min',
        collect() {
          this.set(redis() === 'connected' ? 1 : 0);
        },
      });
    }
    if (sources.questionLog) {
      const log = sources.questionLog;
      const gauge = (name: string, help: string, field: 'written' | 'dropped' | 'buffered') =>
        new Gauge({
          name,
          help,
          registers,
          collect() {
            const status = log();
            if (status) this.set(status[field]);
          },
        });
      gauge('bot_question_log_written_rows', 'Rows written to the question log since start.', 'written');
      gauge('bot_question_log_dropped_rows', 'Rows the question log lost since start (a full buffer, a broken file).', 'dropped');
      gauge('bot_question_log_buffered_rows', 'Rows waiting to be written.', 'buffered');
    }
    collectDefaultMetrics({ register: this.registry });
  }

  answered(platform: string, outcome: Outcome, seconds: number): void {
    this.questions.inc({ platform, outcome });
    this.answerSeconds.observe({ platform }, seconds);
  }

  apiCall(platform: string, event: 'error' | 'retry', status: string): void {
    (event === 'error' ? this.apiErrors : this.apiRetries).inc({ platform, status });
  }

  async text(): Promise<MetricsText> {
    return { contentType: this.registry.contentType, text: await this.registry.metrics() };
  }
}
