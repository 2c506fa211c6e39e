/** One sample line of Prometheus' text format: `name{label="value",...} value`. */
export interface PrometheusSample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

const METRIC_NAME = '[a-zA-Z_:][a-zA-Z0-9_:]*';
const LABEL = '([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\\\\\n]|\\\\[\\\\"n])*)"';
const SAMPLE = new RegExp(`^(${METRIC_NAME})(?:\\{((?:${LABEL})(?:,${LABEL})*)?,?\\})? (\\S+)(?: -?\\d+)?$`);
const COMMENT = new RegExp(`^# (HELP|TYPE) (${METRIC_NAME}) (.*)$`);
const TYPES = ['counter', 'gauge', 'histogram', 'summary', 'untyped'];
const HISTOGRAM_SUFFIX = /_(bucket|sum|count)$/;

/**
 * Parses Prometheus' text exposition format (version 0.0.4) strictly: every line a HELP or TYPE comment or a sample,
 * every sample of a family whose TYPE was given, every value a number. Throws on the first line that is not.
 */
export function parsePrometheusText(text: string): PrometheusSample[] {
  const types = new Map<string, string>();
  const samples: PrometheusSample[] = [];
  for (const line of text.split('\n').filter((candidate) => candidate !== '')) {
    const comment = COMMENT.exec(line);
    if (comment) {
      if (comment[1] === 'TYPE' && !TYPES.includes(comment[3])) throw new Error(`unknown type: ${line}`);
      if (comment[1] === 'TYPE') types.set(comment[2], comment[3]);
      continue;
    }
    const match = SAMPLE.exec(line);
    if (!match) throw new Error(`not a sample line: ${line}`);
    const [, name, labelText = '', , , , , valueText] = match;
    const family = types.has(name) ? name : name.replace(HISTOGRAM_SUFFIX, '');
    if (!types.has(family)) throw new Error(`a sample of an undeclared metric: ${line}`);
    const value = Number(valueText.replace(/^\+Inf$/, 'Infinity').replace(/^-Inf$/, '-Infinity'));
    if (Number.isNaN(value) && valueText !== 'NaN') throw new Error(`not a number: ${line}`);
    const labels = Object.fromEntries(
      [...labelText.matchAll(new RegExp(LABEL, 'g'))].map(([, key, raw]) => [key, raw]),
    );
    samples.push({ name, labels, value });
  }
  return samples;
}
