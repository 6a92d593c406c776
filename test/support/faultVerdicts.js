// Fault batches (no item may pay twice), judged per item from what the simulator created and logged. Shared by
// the unit test (test/transport/faultBatch.test.ts) and the stress run (test/stress/faultBatches.js).

// Faults after which Mavi surely did nothing; the '-after' kinds, 500 and drops may have been acted on.
const NOT_PROCESSED = new Set(['429', '400', '503']);
const START_ENDPOINT = 'POST /transcriptions/async-generate-audio';
const MAYBE_STARTED = /Mavi may have started this transcription/;
const MAYBE_ASSET = /an asset may have been created/;

const countWhere = (list, test) => list.filter(test).length;

/**
 * Start batch with On Error: Continue, item i started on `assetIds[i]`. Per item: at most one
 * task; a success names the task created for its asset; an item whose faults were all "not
 * processed" succeeds; an error item says the task may have started and had such a fault.
 */
function judgeStartBatch({ assetIds, outputs, stats }) {
	const rows = assetIds.map((assetId, i) => {
		const json = outputs[i] || {};
		const tasks = stats.tasks.filter((task) => task.asset_id === assetId);
		const faults = stats.faultLog
			.filter((entry) => entry.endpoint === START_ENDPOINT && entry.asset_id === assetId)
			.map((entry) => entry.fault);
		const onlyNotProcessed = faults.every((fault) => NOT_PROCESSED.has(fault));
		const succeeded = tasks.length === 1 && json.task_id === tasks[0].task_id;
		const honestError = typeof json.error === 'string' && MAYBE_STARTED.test(json.error);
		const ok = tasks.length <= 1 && (succeeded || (!onlyNotProcessed && honestError));
		return { tasks: tasks.length, faults, onlyNotProcessed, succeeded, ok, error: json.error };
	});
	return summarize(rows, 'tasks');
}

/**
 * Upload batch with On Error: Continue, item i uploading `fileNames[i]` (unique). Per item: at
 * most one asset; a success names it; an error item says an asset may have been created, and
 * one was (so its fault came after acceptance). Error items never outnumber the faults that
 * may have been processed.
 */
function judgeUploadBatch({ fileNames, outputs, stats }) {
	const rows = fileNames.map((fileName, i) => {
		const json = outputs[i] || {};
		const assets = stats.assets.filter((asset) => asset.file_name === fileName);
		const succeeded =
			assets.length === 1 &&
			json.asset_id === assets[0].asset_id &&
			json.upload_status === 'SUCCESS';
		const honestError = typeof json.error === 'string' && MAYBE_ASSET.test(json.error);
		const ok = assets.length <= 1 && (succeeded || (honestError && assets.length === 1));
		return { assets: assets.length, succeeded, ok, error: json.error };
	});
	const summary = summarize(rows, 'assets');
	const maybeFaults = countWhere(
		stats.faultLog,
		(entry) => entry.endpoint === 'POST /upload' && !NOT_PROCESSED.has(entry.fault),
	);
	summary.allOk = summary.allOk && summary.errorItems <= maybeFaults;
	return { ...summary, maybeProcessedFaults: maybeFaults };
}

function summarize(rows, created) {
	const most = Math.max(0, ...rows.map((row) => row[created]));
	return {
		items: rows.length,
		succeeded: countWhere(rows, (row) => row.succeeded),
		errorItems: countWhere(rows, (row) => !row.succeeded),
		maxPerItem: most,
		created: rows.reduce((sum, row) => sum + row[created], 0),
		...(rows[0] && 'onlyNotProcessed' in rows[0]
			? {
					onlyNotProcessedItems: countWhere(rows, (row) => row.onlyNotProcessed),
					onlyNotProcessedSucceeded: countWhere(
						rows,
						(row) => row.onlyNotProcessed && row.succeeded,
					),
				}
			: {}),
		violations: rows.map((row, item) => ({ item, ...row })).filter((row) => !row.ok),
		allOk: rows.every((row) => row.ok) && most <= 1,
	};
}

/** 30 % faults, half of them after acceptance. */
const HALF_AFTER_ACCEPTANCE = ['429', '400', '503', 'drop-after', 'stall-after', '502-after'];

module.exports = { judgeStartBatch, judgeUploadBatch, HALF_AFTER_ACCEPTANCE, NOT_PROCESSED };
