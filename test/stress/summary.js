'use strict';
// The stress suite's summary table: one row a scenario, each with the promise it must keep.

function summaryRows({ r1, afterR1, r6, overLimit, r2, driverPeakMb, n8nLeaks, simLeaks }) {
	return [
		{
			test: 'R1 malformed callbacks (real n8n)',
			tried: r1.tried,
			executions: r1.executionsFromHostile,
			lost: 0,
			secrets: n8nLeaks.length,
			rss: `n8n ${afterR1.hwmMb.toFixed(0)} MB`,
			ms: r1.ms,
			ok:
				r1.tried === 500 &&
				r1.unexpected.length === 0 &&
				r1.executionsFromHostile === r1.startedBySoundEnvelopes &&
				r1.validStillWorks &&
				r1.healthz === 200,
		},
		{
			test: 'R6 3-hour transcript (real n8n)',
			tried: 1,
			executions: 1,
			lost: r6.itemsLost,
			secrets: 0,
			rss: `n8n ${r6.peakRssDuringMb.toFixed(0)} MB`,
			ms: r6.doneMs,
			ok:
				r6.status === 200 && r6.itemsLost === 0 && r6.indicesOk && r6.executionStatus === 'success',
		},
		{
			test: `R6 body over 16 MiB (HTTP ${overLimit.status})`,
			tried: 1,
			executions: overLimit.executionsFromBigBody,
			lost: 0,
			secrets: 0,
			rss: '',
			ms: 0,
			ok: overLimit.executionsFromBigBody === 0 && overLimit.stillServing,
		},
		...r2.map((r) => ({
			test: r.name,
			tried: r.tried,
			executions: `${r.tasksCreated} ${r.name.includes('Upload') ? 'assets' : 'tasks'}`,
			lost: r.itemsLost,
			secrets: r.secrets,
			rss: `driver ${driverPeakMb.toFixed(0)} MB`,
			ms: r.ms,
			ok:
				r.itemsLost === 0 &&
				r.duplicateTasks === 0 &&
				r.secrets === 0 &&
				(r.name.includes('past budget') ? r.tasksCreated === 0 : r.tasksCreated === r.tried),
		})),
		{
			test: 'Secrets in n8n log, executions, simulator logs',
			tried: n8nLeaks.length + simLeaks.length,
			executions: '',
			lost: '',
			secrets: n8nLeaks.length + simLeaks.length,
			rss: '',
			ms: 0,
			ok: n8nLeaks.length + simLeaks.length === 0,
		},
	];
}

module.exports = { summaryRows };
