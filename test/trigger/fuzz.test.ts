import fc from 'fast-check';

import { callWebhook, freshWorkflowId } from './fakeWebhook';
import type { FakeOutcome } from './fakeWebhook';

/**
 * 10,000 random and mutated bodies through the real webhook(): none may throw, and exactly the
 * broken envelopes (rule 1: not JSON, not an object, task_id missing, not a string or over 128
 * characters, data not an object) are answered 4xx. A sound envelope is answered 2xx or starts
 * an execution, and a transcript is emitted whatever its segments hold.
 */

type Body = Record<string, unknown>;

const segmentArb = fc.record({
	start_time: fc.double({ min: 0, max: 1e5, noNaN: true }),
	end_time: fc.double({ min: 0, max: 1e5, noNaN: true }),
	text: fc.string({ maxLength: 20 }),
	speaker: fc.option(fc.constantFrom('SPEAKER_00', 'SPEAKER_01'), { nil: null }),
});

const validBodyArb = fc.record({
	code: fc.constantFrom<string | number>(200, '200', '0000'),
	message: fc.constant('SUCCESS'),
	data: fc.record({
		data: fc.record({
			data: fc.array(segmentArb, { minLength: 1, maxLength: 12 }),
			usage_metadata: fc.record({ duration: fc.nat(), model: fc.constant('whisper-1') }),
		}),
		msg: fc.string({ maxLength: 10 }),
		success: fc.constant(true),
	}),
	task_id: fc.stringMatching(/^[0-9a-f]{32}$/),
});

const notString = fc.oneof(
	fc.integer(),
	fc.boolean(),
	fc.constant(null),
	fc.object(),
	fc.array(fc.nat()),
);
const notNumberLike = fc.oneof(
	fc.boolean(),
	fc.object(),
	fc.array(fc.nat()),
	fc.constantFrom('soon', '', ' ', 'NaN', 'Infinity', '1e999'),
);
const notTextLike = fc.oneof(fc.integer(), fc.boolean(), fc.object(), fc.array(fc.string()));
const notSpeakerLike = fc.oneof(fc.boolean(), fc.object(), fc.array(fc.string()));
const badTaskId = fc.oneof(
	notString,
	fc.constantFrom('', ' ', 'a b', 'x'.repeat(129), 'ta$k', '../../etc'),
);

type Mutation = (body: Body, index: number) => unknown;

function isRecord(value: unknown): value is Body {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Rule 1, written independently of the node: what the body looks like once parsed. */
function isBrokenEnvelope(body: unknown): boolean {
	let value = body;
	if (typeof value === 'string' || Buffer.isBuffer(value)) {
		try {
			value = JSON.parse(value.toString());
		} catch {
			return true;
		}
	}
	if (!isRecord(value)) return true;
	if (typeof value.task_id !== 'string' || value.task_id.trim() === '') return true;
	if (value.task_id.length > 128) return true;
	return value.data !== undefined && value.data !== null && !isRecord(value.data);
}
function segmentsOf(body: Body): Body[] {
	return ((body.data as Body).data as Body).data as Body[];
}

/** Each mutation makes the envelope, or a segment, odd; the oracle says which must be refused. */
const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
	fc.constant<Mutation>((body) => ({ ...body, task_id: undefined })),
	badTaskId.map<Mutation>((value) => (body) => ({ ...body, task_id: value })),
	fc
		.oneof(fc.boolean(), fc.object(), fc.array(fc.nat()))
		.map<Mutation>((value) => (body) => ({ ...body, code: value })),
	fc
		.oneof(fc.integer(), fc.boolean(), fc.object())
		.map<Mutation>((value) => (body) => ({ ...body, message: value })),
	fc
		.oneof(fc.string(), fc.integer(), fc.boolean(), fc.array(fc.nat()))
		.map<Mutation>((value) => (body) => ({ ...body, data: value })),
	fc.oneof(fc.string(), fc.integer(), fc.object()).map<Mutation>((value) => (body) => {
		(body.data as Body).success = value;
		return body;
	}),
	fc.oneof(fc.integer(), fc.boolean(), fc.object()).map<Mutation>((value) => (body) => {
		(body.data as Body).msg = value;
		return body;
	}),
	fc
		.tuple(fc.constantFrom('start_time', 'end_time'), notNumberLike)
		.map<Mutation>(([key, value]) => (body, i) => {
			const segments = segmentsOf(body);
			segments[i % segments.length][key] = value;
			return body;
		}),
	fc.constantFrom('start_time', 'end_time').map<Mutation>((key) => (body, i) => {
		const segments = segmentsOf(body);
		delete segments[i % segments.length][key];
		return body;
	}),
	notTextLike.map<Mutation>((value) => (body, i) => {
		const segments = segmentsOf(body);
		segments[i % segments.length].text = value;
		return body;
	}),
	notSpeakerLike.map<Mutation>((value) => (body, i) => {
		const segments = segmentsOf(body);
		segments[i % segments.length].speaker = value;
		return body;
	}),
	fc
		.oneof(fc.integer(), fc.string(), fc.constant(null), fc.array(fc.nat()))
		.map<Mutation>((value) => (body, i) => {
			const segments = segmentsOf(body) as unknown[];
			segments[i % segments.length] = value;
			return body;
		}),
	fc.constant<Mutation>((body, i) => {
		const text = JSON.stringify(body);
		return text.slice(0, i % text.length);
	}),
	fc.constant<Mutation>((body) => JSON.stringify([body])),
	fc.constant<Mutation>((body) => JSON.stringify(JSON.stringify(body))),
	fc.constant<Mutation>((body) => Buffer.from(JSON.stringify(body).slice(1))),
);

function expectAnswerFollowsRule1(body: unknown, outcome: FakeOutcome) {
	if (isBrokenEnvelope(body)) {
		expect(outcome.executionStarted).toBe(false);
		expect(outcome.items).toHaveLength(0);
		expect(outcome.status).toBe(400);
		expect(outcome.response).toEqual({ error: expect.any(String) });
		return;
	}
	if (outcome.executionStarted) {
		expect(outcome.items.length).toBeGreaterThan(0);
		return;
	}
	expect(outcome.status).toBe(200);
	expect(outcome.response).toEqual(expect.objectContaining({ received: true }));
}

/** A sound envelope holding a transcript: every segment becomes an item, in order. */
function expectTranscriptKept(body: unknown, outcome: FakeOutcome) {
	if (!isRecord(body) || isBrokenEnvelope(body)) return;
	const data = body.data as Body;
	const segments = isRecord(data) && isRecord(data.data) ? data.data.data : undefined;
	if (!Array.isArray(segments) || body.code !== 200 || data.success !== true) return;
	expect(outcome.items).toHaveLength(segments.length);
}

// Bounded by count; the generous timeout only keeps a loaded CI machine from failing them.
const FUZZ_TIMEOUT_MS = 120_000;

// 3,500 + 1,500 + 5,000 = 10,000 bodies; each test stands alone, in any order.
describe('fuzz: 10,000 hostile callback bodies through webhook(), 0 throws', () => {
	// A throw fails the property with its message (fast-check shrinks it), never escapes.
	async function run(body: unknown): Promise<FakeOutcome | undefined> {
		let thrown: string | undefined;
		let outcome: FakeOutcome | undefined;
		try {
			outcome = await callWebhook({ body, workflowId: freshWorkflowId() });
		} catch (error) {
			thrown = String(error);
		}
		expect(thrown).toBeUndefined();
		return outcome;
	}

	it(
		'3,500 random JSON values as parsed bodies',
		async () => {
			await fc.assert(
				fc.asyncProperty(fc.jsonValue(), async (value) => {
					const outcome = await run(value);
					if (outcome) expectAnswerFollowsRule1(value, outcome);
				}),
				{ numRuns: 3500 },
			);
		},
		FUZZ_TIMEOUT_MS,
	);

	it(
		'1,500 random texts and byte strings',
		async () => {
			const textArb = fc.oneof(
				fc.string({ unit: 'binary', maxLength: 200 }),
				fc.jsonValue().map((value) => JSON.stringify(value)),
				fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes)),
			);
			await fc.assert(
				fc.asyncProperty(textArb, async (text) => {
					const outcome = await run(text);
					if (outcome) expectAnswerFollowsRule1(text, outcome);
				}),
				{ numRuns: 1500 },
			);
		},
		FUZZ_TIMEOUT_MS,
	);

	it(
		'5,000 valid callbacks with one odd field or segment',
		async () => {
			await fc.assert(
				fc.asyncProperty(validBodyArb, mutationArb, fc.nat(), async (body, mutate, index) => {
					const mutated = mutate(structuredClone(body) as Body, index);
					const outcome = await run(mutated);
					if (!outcome) return;
					expectAnswerFollowsRule1(mutated, outcome);
					expectTranscriptKept(mutated, outcome);
				}),
				{ numRuns: 5000 },
			);
		},
		FUZZ_TIMEOUT_MS,
	);

	it(
		'1,000 arbitrary mutations never throw and answer consistently',
		async () => {
			const pathArb = fc.constantFrom(
				['task_id'],
				['code'],
				['message'],
				['data'],
				['data', 'data'],
				['data', 'data', 'data'],
				['data', 'success'],
				['data', 'data', 'usage_metadata'],
			);
			await fc.assert(
				fc.asyncProperty(validBodyArb, pathArb, fc.jsonValue(), async (body, path, value) => {
					const copy = structuredClone(body) as Body;
					let target = copy;
					for (const key of path.slice(0, -1)) target = target[key] as Body;
					target[path[path.length - 1]] = value;
					const outcome = await callWebhook({ body: copy, workflowId: freshWorkflowId() });
					expectAnswerFollowsRule1(copy, outcome);
				}),
				{ numRuns: 1000 },
			);
		},
		FUZZ_TIMEOUT_MS,
	);
});
