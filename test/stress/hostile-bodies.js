'use strict';
// Malformed Mavi callbacks for the real n8n: each must get a 4xx and start no
// execution. Deterministic (seeded), so a failing case can be replayed by its name.
const { createRandom, randomInt } = require('../../tools/mavi-simulator/prng');
const {
	JSON_TYPE,
	validCallback,
	wrongTypeCases,
	missingTaskIdCases,
	shapeCases,
} = require('./hostile-fields');

const MB = 1024 * 1024;

function truncatedCases(count, random) {
	const valid = JSON.stringify(validCallback());
	const cases = [];
	for (let i = 0; i < count; i++) {
		const cut = randomInt(random, 1, valid.length - 1);
		cases.push({
			name: `truncated at ${cut}`,
			category: 'truncated JSON',
			headers: JSON_TYPE,
			body: valid.slice(0, cut),
		});
	}
	return cases;
}

function contentTypeCases() {
	const garbage = Buffer.from([0xff, 0xfe, 0x00, 0x9c, 0x80, 0x7b, 0x22]);
	const list = [
		['application/x-www-form-urlencoded', 'task_id=abc&code=0000'],
		['application/x-www-form-urlencoded', 'task_id[]=1&task_id[]=2'],
		['text/plain', 'hello'],
		['text/plain', '{"task_id": '],
		['text/plain', ''],
		['text/html', '<html><body>task_id</body></html>'],
		['application/xml', '<task_id>abc</task_id>'],
		['text/xml', '<callback><task_id>abc</task_id><code>0000</code></callback>'],
		['application/xml', '<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>'],
		['application/octet-stream', garbage],
		['application/pdf', '%PDF-1.4 garbage'],
		['image/png', garbage],
		['application/json; charset=utf-16', 'ÿþ{'],
		['application/json', garbage],
		['application/json', '\ufeff\ufeff{"task_id": "abc"'],
		[
			'multipart/form-data; boundary=x',
			'--x\r\nContent-Disposition: form-data; name="task_id"\r\n\r\nabc\r\n--x--\r\n',
		],
		['multipart/form-data', 'no boundary at all'],
		[undefined, garbage],
		[undefined, 'task_id=abc'],
		['', 'plain'],
		['application/json', ''],
		['application/json', ' \n\t '],
		['application/javascript', 'alert(1)'],
		['application/yaml', 'task_id: abc'],
	];
	return list.map(([type, body], i) => ({
		name: `content-type ${type === undefined ? '(none)' : type || '(empty)'} #${i}`,
		category: 'wrong content types',
		headers: type === undefined ? {} : { 'content-type': type },
		body,
	}));
}

function nestedCases() {
	const cases = [];
	for (const depth of [100, 1000, 10000, 50000]) {
		cases.push({
			name: `nested objects depth ${depth}`,
			body: `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`,
		});
		cases.push({
			name: `nested arrays depth ${depth}`,
			body: `${'['.repeat(depth)}${']'.repeat(depth)}`,
		});
		cases.push({
			name: `nested in data.data.data depth ${depth}`,
			body: `{"task_id":"nest${depth}","code":"0000","message":"SUCCESS","data":{"success":true,"data":{"data":[${'['.repeat(depth)}${']'.repeat(depth)}]}}}`,
		});
		cases.push({
			name: `nested task_id depth ${depth}`,
			body: `{"task_id":${'{"x":'.repeat(depth)}1${'}'.repeat(depth)}}`,
		});
	}
	return cases.map((c) => ({ ...c, category: 'deeply nested', headers: JSON_TYPE }));
}

/** 5 MB bodies; built lazily so a small sample does not allocate them. */
function hugeCases(random) {
	const pad = (n) => 'a'.repeat(n);
	const makers = [
		['5 MB task_id', () => JSON.stringify({ ...validCallback(), task_id: pad(5 * MB) })],
		[
			'5 MB of truncated JSON',
			() =>
				`{"task_id":"abc","data":{"data":{"data":[${'{"start_time":1,"end_time":2,"text":"x"},'.repeat(Math.ceil((5 * MB) / 41))}`,
		],
		['5 MB array', () => `[${'1,'.repeat((5 * MB) / 2)}1]`],
		[
			'5 MB of random bytes',
			() => Buffer.from(Array.from({ length: 5 * MB }, () => Math.floor(random() * 256))),
		],
		[
			'5 MB segments with a bad one last',
			() => {
				const segments = Array.from({ length: 60000 }, (_, i) => ({
					start_time: i,
					end_time: i + 1,
					text: ` word ${i} ${pad(60)}`,
				}));
				segments.push({ start_time: 'late', end_time: 1, text: 'x' });
				return JSON.stringify({
					...validCallback('huge-bad-last'),
					data: { data: { data: segments }, success: true },
				});
			},
		],
	];
	return makers.map(([name, make]) => ({
		name,
		category: '5 MB bodies',
		headers: JSON_TYPE,
		make,
	}));
}

/**
 * `count` hostile requests: every hand-written case, then truncations of a valid callback to
 * fill up. Each is { name, category, headers, body | make() }.
 */
function hostileRequests({ count = 500, seed = 6, includeHuge = true } = {}) {
	const random = createRandom(`hostile|${seed}`);
	const fixed = [
		...wrongTypeCases(),
		...missingTaskIdCases(),
		...shapeCases(),
		...contentTypeCases(),
		...nestedCases(),
		...(includeHuge ? hugeCases(random) : []),
	];
	const cases = fixed.slice(0, count);
	return [...cases, ...truncatedCases(Math.max(0, count - cases.length), random)];
}

/** `n` cases taken round-robin from every category, without the 5 MB ones (for `npm test`). */
function hostileSample(n = 20) {
	const groups = new Map();
	for (const request of hostileRequests({ count: 400, includeHuge: false })) {
		if (!groups.has(request.category)) groups.set(request.category, []);
		groups.get(request.category).push(request);
	}
	const lists = [...groups.values()];
	const sample = [];
	for (let round = 0; sample.length < n && round < 100; round++) {
		for (const list of lists) {
			// Spread the picks over each list, so a sample is not just its first few entries.
			const pick = list[(round * 7) % list.length];
			if (sample.length < n && !sample.includes(pick)) sample.push(pick);
		}
	}
	return sample;
}

const bodyOf = (request) => (request.make ? request.make() : request.body);

module.exports = { hostileRequests, hostileSample, validCallback, bodyOf };
