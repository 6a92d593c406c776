// The P1-P4 table: bench/results/latest.md and latest.json, and the same table on stdout.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { p6Rows } from './queueBatches.mjs';
import { p7Rows } from './uploadSpeedReport.mjs';
import { p8Rows } from './toolAnswerSize.mjs';

const fmt = (value, unit = '') =>
	value === null || value === undefined ? 'n/a' : `${value}${unit}`;
const kB = (bytes) => (bytes === undefined ? null : Math.round(bytes / 100) / 10);

/** Rows {id, metric, value, target, met}; met is true, false or null (not measured). */
export function buildRows(results) {
	const rows = [];
	const add = (id, metric, value, target, met) => rows.push({ id, metric, value, target, met });
	const { p1, p2, p3, p4, p5, p6, p7, p8 } = results;
	if (p1 && !p1.error) {
		const { ours, oursNoOp, diy, diyAuth, diyAuthNoOp } = p1.variants;
		// The fair comparison: the same secret check on both sides, each workflow
		// ending at the node that emits one item per segment.
		add(
			'P1',
			`Trigger vs Webhook with Header Auth (same secret check) + Split Out, ${p1.segments} segments: median ratio of POST -> execution finished (${p1.rounds} pairs)`,
			fmt(p1.ratioOursDiyAuth),
			'<= 1.0',
			p1.ratioOursDiyAuth <= 1.0,
		);
		add(
			'P1',
			'POST -> finished, median ms: Trigger / Header Auth + Split Out / Webhook without a secret check + Split Out',
			`${ours.postToFinishedMsMedian} / ${diyAuth.postToFinishedMsMedian} / ${diy.postToFinishedMsMedian}`,
			'info',
			null,
		);
		add(
			'P1',
			`the same pair with a No Operation node after each (median ms ${oursNoOp.postToFinishedMsMedian} / ${diyAuthNoOp.postToFinishedMsMedian}): ratio`,
			fmt(p1.ratioOursDiyAuthNoOp),
			'info',
			null,
		);
		add(
			'P1',
			'ratio Trigger / Webhook that checks no secret at all + Split Out',
			fmt(p1.ratioOursDiy),
			'info',
			null,
		);
		add(
			'P1',
			'POST response time, median ms: Trigger / Header Auth + Split Out',
			`${ours.postMsMedian} / ${diyAuth.postMsMedian}`,
			'info',
			null,
		);
	} else {
		add(
			'P1',
			'Trigger vs Webhook + Split Out',
			`not measured: ${p1 ? p1.error : 'skipped'}`,
			'<= 1.0',
			null,
		);
	}
	if (p2 && !p2.error) {
		add(
			'P2',
			`Map ${p2.segments} segments to items (trigger webhook()) / JSON.parse of the body, median of ${p2.runs}`,
			fmt(p2.ratioOfMedians),
			'<= 1.5',
			p2.ratioOfMedians <= 1.5,
		);
		add(
			'P2',
			'median ms: mapping / JSON.parse',
			`${p2.mapMsMedian} / ${p2.parseMsMedian}`,
			'info',
			null,
		);
		add(
			'P2',
			'heap held by the items, bytes per segment (parsed body alone: bytes per segment)',
			`${p2.heapBytesPerSegment} (${p2.parsedBodyBytesPerSegment})`,
			'info',
			null,
		);
	} else {
		add('P2', 'Mapping cost', `not measured: ${p2 ? p2.error : 'skipped'}`, '<= 1.5', null);
	}
	if (p3 && !p3.error) {
		const { ours, httpRequest: http } = p3;
		add(
			'P3',
			`${p3.items}-item Transcription Start batch: node wall time / ${p3.idealMs / 1000} s`,
			`${fmt(ours.wallOverIdeal)} (${ours.nodeMs} ms, ${ours.itemsWithTaskId}/${p3.items} task_ids)`,
			'<= 1.1',
			ours.wallOverIdeal <= 1.1 && ours.itemsWithTaskId === p3.items,
		);
		add(
			'P3',
			'requests rejected by the simulator (Mavi Transcribe)',
			fmt(ours.rejected),
			'0',
			ours.rejected === 0,
		);
		add(
			'P3',
			'HTTP Request node, default settings: requests rejected / sent',
			`${http.rejected} / ${http.requests} (execution ${http.status})`,
			'contrast',
			null,
		);
	} else {
		add(
			'P3',
			'Batch against the rate limit',
			`not measured: ${p3 ? p3.error : 'skipped'}`,
			'<= 1.1, 0 rejected',
			null,
		);
	}
	if (p4 && !p4.error) {
		add(
			'P4',
			`require() + construct of the ${p4.require.files.length} built node/credential files, fresh process, median of ${p4.require.runs} (n8n-workflow preloaded, as in n8n)`,
			fmt(p4.require.oursMsMedian, ' ms'),
			'<= 50 ms',
			p4.require.oursMsMedian <= 50,
		);
		add(
			'P4',
			'the same including a cold load of n8n-workflow + zod',
			fmt(p4.require.coldTotalMsMedian, ' ms'),
			'info',
			null,
		);
		add(
			'P4',
			'`npm pack` tarball size',
			`${kB(p4.pack.tarballBytes)} kB (${p4.pack.files} files)`,
			'<= 150 kB',
			p4.pack.tarballBytes <= 150_000,
		);
		add(
			'P4',
			'runtime dependencies',
			fmt(p4.dependencies.dependencies),
			'0',
			p4.dependencies.dependencies === 0,
		);
	} else {
		add('P4', 'Footprint', `not measured: ${p4 ? p4.error : 'skipped'}`, '', null);
	}
	if (p5 && !p5.error) {
		const [small, large] = p5.runs;
		// Flat: the bigger file costs at most 64 MB more, and neither exceeds 150 MB.
		const flat = large.growthMb <= small.growthMb + 64 && large.growthMb <= 150;
		add(
			'P5',
			`n8n VmRSS peak growth during Read File -> Upload of a ${small.sizeMiB} MiB / ${large.sizeMiB} MiB WAV (filesystem binary mode)`,
			`${small.growthMb} MB / ${large.growthMb} MB`,
			'flat, <= 150 MB',
			flat,
		);
	} else {
		add('P5', 'Upload memory', `not measured: ${p5 ? p5.error : 'skipped'}`, 'flat', null);
	}
	p6Rows(p6, add);
	p7Rows(p7, add);
	p8Rows(p8, add);
	return rows;
}

const metLabel = (met) => (met === true ? 'yes' : met === false ? '**NO**' : '-');

export function markdownTable(rows) {
	const lines = ['| | metric | value | target | met? |', '|---|---|---|---|---|'];
	for (const row of rows) {
		lines.push(
			`| ${row.id} | ${row.metric} | ${row.value} | ${row.target} | ${metLabel(row.met)} |`,
		);
	}
	return lines.join('\n');
}

export function writeResults(dir, results, rows, { datedCopy } = {}) {
	mkdirSync(dir, { recursive: true });
	const { machine } = results;
	const targets = rows.filter((row) => row.met !== null);
	const md = [
		'# n8n-nodes-mavi benchmark (`npm run bench`)',
		'',
		`Date: ${machine.date}  `,
		`Machine: \`nproc\` = ${machine.nproc}, ${machine.cpu}, ${machine.memGiB} GiB RAM  `,
		`Node (bench, P2, P4): ${machine.node}; n8n ${machine.n8nVersion} on its own Node 24  `,
		`Total bench time: ${machine.totalSeconds} s  `,
		`Targets met: ${targets.filter((row) => row.met).length} of ${targets.length}`,
		'',
		markdownTable(rows),
		'',
		'Ratios are medians of back-to-back pairs on a shared, noisy machine; absolute times are',
		'for context only. Raw samples are in latest.json.',
		'',
	].join('\n');
	writeFileSync(path.join(dir, 'latest.md'), md);
	writeFileSync(
		path.join(dir, 'latest.json'),
		`${JSON.stringify({ ...results, rows }, null, 2)}\n`,
	);
	if (datedCopy) writeFileSync(path.join(dir, `${machine.date.slice(0, 10)}.md`), md);
	return md;
}
