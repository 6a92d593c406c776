'use strict';
// Malformed callbacks, part 1: valid JSON of the wrong shape (wrong types in every field the
// trigger validates, missing task_id, non-object bodies). Assembled in hostile-bodies.js.
const {
	DOCUMENTED_TASK_ID,
	transcriptionCallback,
} = require('../../tools/mavi-simulator/callbackFixtures');

const JSON_TYPE = { 'content-type': 'application/json' };

/** The documented success callback with two segments: the valid body every mutation starts from. */
function validCallback(taskId = DOCUMENTED_TASK_ID) {
	return transcriptionCallback(taskId, [
		{ start_time: 0.0, end_time: 2.0, text: ' Oh', speaker: null },
		{ start_time: 2.0, end_time: 3.5, text: ' hello', speaker: 'SPEAKER_01' },
	]);
}

// Fields the trigger validates, and values of a type each one must refuse.
const FIELD_PATHS = [
	['task_id'],
	['code'],
	['message'],
	['msg'],
	['success'],
	['failed'],
	['data'],
	['data', 'msg'],
	['data', 'success'],
	['data', 'data', 'data', 0],
	['data', 'data', 'data', 0, 'start_time'],
	['data', 'data', 'data', 0, 'end_time'],
	['data', 'data', 'data', 0, 'text'],
	['data', 'data', 'data', 1, 'speaker'],
];
const WRONG_VALUES = {
	string: ['not a number', '', 'true'],
	number: [12345, -1, 1.5],
	boolean: [true, false],
	null: [null],
	array: [[], ['0000'], [{ a: 1 }]],
	object: [{}, { nested: { deep: 1 } }],
};
// Types a field accepts: mutating into one of these is not a wrong type.
const ACCEPTED = {
	task_id: ['string'],
	code: ['number', 'string'],
	message: ['string', 'null'],
	msg: ['string', 'null'],
	success: ['boolean', 'null'],
	failed: ['boolean', 'null'],
	data: ['object', 'null'],
	'data.msg': ['string', 'null'],
	'data.success': ['boolean', 'null'],
	'data.data.data.0': ['object'],
	'data.data.data.0.start_time': ['number'],
	'data.data.data.0.end_time': ['number'],
	'data.data.data.0.text': ['string', 'null'],
	'data.data.data.1.speaker': ['string', 'null', 'number'],
};

function setPath(target, keys, value) {
	let node = target;
	for (const key of keys.slice(0, -1)) node = node[key];
	node[keys[keys.length - 1]] = value;
}

function wrongTypeCases() {
	const cases = [];
	for (const keys of FIELD_PATHS) {
		const field = keys.join('.');
		for (const [type, values] of Object.entries(WRONG_VALUES)) {
			if (ACCEPTED[field].includes(type)) continue;
			// A well-formed task_id with a string-y type is valid; its wrong strings are below.
			values.forEach((value, i) => {
				const body = validCallback();
				setPath(body, keys, value);
				cases.push({ name: `wrong-type ${field}=${type}#${i}`, body: JSON.stringify(body) });
			});
		}
	}
	for (const taskId of ['', ' ', 'has space', 'a'.repeat(129), '../../etc', 'x\u0000y', '💥']) {
		cases.push({
			name: `bad task_id ${JSON.stringify(taskId).slice(0, 20)}`,
			body: JSON.stringify(validCallback(taskId)),
		});
	}
	const allWrong = {
		task_id: 1,
		code: [],
		message: 2,
		msg: {},
		success: 'x',
		failed: 'y',
		data: 'z',
	};
	cases.push({ name: 'wrong-type every field at once', body: JSON.stringify(allWrong) });
	return cases.map((c) => ({ ...c, category: 'wrong types', headers: JSON_TYPE }));
}

function missingTaskIdCases() {
	const bodies = [
		(() => {
			const body = validCallback();
			delete body.task_id;
			return body;
		})(),
		{ ...validCallback(), task_id: undefined, taskId: 'abc' },
		{ ...validCallback(), task_id: undefined, TASK_ID: 'abc' },
		{ code: '0000', message: 'SUCCESS' },
		{ data: validCallback().data },
	];
	return bodies.map((body, i) => ({
		name: `missing task_id #${i}`,
		category: 'missing task_id',
		headers: JSON_TYPE,
		body: JSON.stringify(body),
	}));
}

function shapeCases() {
	const valid = JSON.stringify(validCallback());
	const bodies = [
		'null',
		'[]',
		`[${valid}]`,
		`[${valid},${valid}]`,
		'"just a string"',
		'123',
		'true',
		'false',
		'0',
		'{}',
		'[[[]]]',
		'{"":""}',
		'{"task_id":null}',
		'{"task_id":{}}',
		'{"task_id":[]}',
		'{"__proto__":{"task_id":"abc"}}',
		'{"constructor":{"prototype":{"task_id":"x"}}}',
		'""',
		'[null]',
		'{"task_id":"abc","task_id":5}',
	];
	return bodies.map((body, i) => ({
		name: `shape #${i} ${body.slice(0, 24)}`,
		category: 'shapes',
		headers: JSON_TYPE,
		body,
	}));
}

module.exports = { JSON_TYPE, validCallback, wrongTypeCases, missingTaskIdCases, shapeCases };
