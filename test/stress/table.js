'use strict';
// The summary table of the stress suite.
const COLUMNS = [
	['test', 'scenario'],
	['tried', 'cases tried'],
	['executions', 'executions created'],
	['lost', 'items lost'],
	['secrets', 'secrets found'],
	['rss', 'peak RSS'],
	['ms', 'time'],
	['ok', 'result'],
];

const cell = (key, value) => {
	if (key === 'ok') return value ? 'PASS' : 'FAIL';
	if (key === 'ms') return value ? `${(value / 1000).toFixed(1)} s` : '';
	return String(value ?? '');
};

/** Prints `rows` ({test, tried, executions, lost, secrets, rss, ms, ok}) as a Markdown table. */
function printTable(rows, write) {
	const cells = rows.map((row) => COLUMNS.map(([key]) => cell(key, row[key])));
	const widths = COLUMNS.map(([, title], i) =>
		Math.max(title.length, ...cells.map((r) => r[i].length)),
	);
	const line = (values) => `| ${values.map((v, i) => v.padEnd(widths[i])).join(' | ')} |`;
	write(line(COLUMNS.map(([, title]) => title)));
	write(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
	for (const row of cells) write(line(row));
}

module.exports = { printTable };
