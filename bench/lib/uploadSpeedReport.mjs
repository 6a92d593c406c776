// The P7 rows of the bench table: upload speed and CPU against a bare stream, and trigger
// callbacks with and without an upload running in the same n8n.
export function p7Rows(p7, add) {
	if (!p7 || p7.error) {
		add('P7', 'Upload at wire speed', `not measured: ${p7 ? p7.error : 'skipped'}`, '<= 1.3', null);
		return;
	}
	const { callbacks } = p7;
	const loads = p7.samples.map((s) => s.loadAverage[0]).join(', ');
	add(
		'P7',
		`${p7.sizeMiB} MiB upload, server-side first to last byte at a loopback counting server: Read File -> Mavi Upload / bare stream (fs.createReadStream 1 MiB chunks -> http.request), median of ${p7.rounds} each (load ${loads})`,
		`${p7.ratio} (${p7.nodeMsMedian} vs ${p7.bareMsMedian} ms)`,
		'<= 1.3',
		p7.ratio <= 1.3,
	);
	add(
		'P7',
		'CPU seconds (user + system) per GiB during the upload: n8n / bare stream process',
		`${p7.nodeCpuSecondsPerGiB} / ${p7.bareCpuSecondsPerGiB}`,
		'info',
		null,
	);
	add(
		'P7',
		`The bare stream again, from a process holding an n8n-sized heap (${p7.heapMb} MB of live objects, n8n's Node): Mavi Upload / that time; its CPU seconds per GiB`,
		`${p7.ratioToBareInHeap} (${p7.nodeMsMedian} vs ${p7.bareInHeapMsMedian} ms); ${p7.bareInHeapCpuSecondsPerGiB} CPU s`,
		'info',
		null,
	);
	add(
		'P7',
		"The same file through n8n's own HTTP Request node (raw binary body, same binary store): Mavi Upload / HTTP Request time; HTTP Request's n8n CPU seconds per GiB",
		`${p7.ratioToHttpRequest} (${p7.nodeMsMedian} vs ${p7.httpRequestMsMedian} ms); ${p7.httpRequestCpuSecondsPerGiB} CPU s`,
		'info',
		null,
	);
	const { idle, duringUpload } = callbacks;
	add(
		'P7',
		`${callbacks.count} trigger callbacks (${callbacks.segments} segments, one per ${callbacks.periodMs} ms, sent only while an upload is arriving), median POST -> execution finished: during uploads / without`,
		`${callbacks.ratio} (${duringUpload.medianMs} vs ${idle.medianMs} ms)`,
		'<= 1.5',
		callbacks.ratio <= 1.5,
	);
}
