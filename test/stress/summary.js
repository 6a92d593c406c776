'use strict';
// The stress suite's summary table: one row a scenario, each with the promise it must keep.

function summaryRows({
	hostile,
	afterHostile,
	huge,
	overLimit,
	batches,
	faultProcessPeakMb,
	n8nLeaks,
	simLeaks,
}) {
	return [
		{
			test: 'Malformed callbacks (real n8n)',
			tried: hostile.tried,
			executions: hostile.executionsFromHostile,
			lost: 0,
			secrets: n8nLeaks.length,
			rss: `n8n ${afterHostile.hwmMb.toFixed(0)} MB`,
			ms: hostile.ms,
			ok:
				hostile.tried === 500 &&
				hostile.unexpected.length === 0 &&
				hostile.executionsFromHostile === hostile.startedBySoundEnvelopes &&
				hostile.validStillWorks &&
				hostile.healthz === 200,
		},
		{
			test: '3-hour transcript (real n8n)',
			tried: 1,
			executions: 1,
			lost: huge.itemsLost,
			secrets: 0,
			rss: `n8n ${huge.peakRssDuringMb.toFixed(0)} MB`,
			ms: huge.doneMs,
			ok:
				huge.status === 200 &&
				huge.itemsLost === 0 &&
				huge.indicesOk &&
				huge.executionStatus === 'success',
		},
		{
			test: `Body over 16 MiB (HTTP ${overLimit.status})`,
			tried: 1,
			executions: overLimit.executionsFromBigBody,
			lost: 0,
			secrets: 0,
			rss: '',
			ms: 0,
			ok: overLimit.executionsFromBigBody === 0 && overLimit.stillServing,
		},
		...batches.map((r) => ({
			test: r.name,
			tried: r.tried,
			executions: `${r.tasksCreated} ${r.name.includes('Upload') ? 'assets' : 'tasks'}`,
			lost: r.itemsLost,
			secrets: r.secrets,
			rss: `own process ${faultProcessPeakMb.toFixed(0)} MB`,
			ms: r.ms,
			ok:
				r.itemsLost === 0 &&
				r.duplicateTasks === 0 &&
				r.secrets === 0 &&
				(r.name.startsWith('Past budget') ? r.tasksCreated === 0 : r.tasksCreated === r.tried),
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
