'use strict';

const path = require('node:path');
const { SIM_DIR } = require('./support');

const { parseMultipart, buildMultipart } = require(path.join(SIM_DIR, 'multipart.js'));
const { makeWav, wavDurationSeconds } = require(path.join(SIM_DIR, 'wav.js'));
const { maskSecret, redactUrl, mergeOptions, DEFAULTS } = require(path.join(SIM_DIR, 'options.js'));
const { buildTimeline } = require(path.join(SIM_DIR, 'transcripts.js'));

describe('simulator internals', () => {
	it('parses multipart bodies with binary data, quoted boundaries and UTF-8 names', () => {
		const data = Buffer.from([0, 13, 10, 45, 45, 255, 13, 10]);
		const { body, contentType } = buildMultipart([
			{ name: 'note', data: 'hi' },
			{ name: 'file', filename: 'réunion.wav', contentType: 'audio/wav', data },
		]);
		const parts = parseMultipart(body, contentType.replace(/boundary=(.*)$/, 'boundary="$1"'));
		expect(parts.map((part) => part.name)).toEqual(['note', 'file']);
		expect(parts[1]).toMatchObject({ filename: 'réunion.wav', contentType: 'audio/wav' });
		expect(parts[1].data.equals(data)).toBe(true);
		expect(() => parseMultipart(body.subarray(0, body.length - 20), contentType)).toThrow();
	});

	it('reads the duration of a real WAV and rejects other bytes', () => {
		expect(wavDurationSeconds(makeWav({ seconds: 2.5, sampleRate: 16000, channels: 2 }))).toBe(2.5);
		expect(wavDurationSeconds(Buffer.from('not a wav at all'))).toBeNull();
	});

	it('masks keys and redacts tokens', () => {
		expect(maskSecret('sk-mavi-abcdef')).toBe('sk-m****ef');
		expect(maskSecret('short')).toBe('****');
		expect(redactUrl('http://h/w?a=1&token=s3cret&x=2')).toBe('http://h/w?a=1&token=***&x=2');
	});

	it('rejects unknown or invalid options', () => {
		expect(() => mergeOptions({ ...DEFAULTS }, { rateLimitMS: 5 })).toThrow(/unknown option/);
		expect(() => mergeOptions({ ...DEFAULTS }, { faults: { kinds: ['boom'] } })).toThrow(/faults/);
		expect(() => mergeOptions({ ...DEFAULTS }, { webhookUrl: 'ftp://x' })).toThrow(/webhookUrl/);
	});

	it('derives segments from the duration, never overlapping, ending at the end', () => {
		const asset = {
			sha256: 'abc',
			data: makeWav({ seconds: 65, sampleRate: 1000 }),
			mime_type: 'audio/wav',
		};
		const options = { ...DEFAULTS, segments: null };
		const { duration, segments } = buildTimeline(asset, options);
		expect(duration).toBe(65);
		expect(segments[segments.length - 1].end).toBe(65);
		segments.slice(1).forEach((s, i) => expect(s.start).toBeGreaterThanOrEqual(segments[i].end));
		expect(buildTimeline(asset, { ...options, segments: 50000 }).segments).toHaveLength(50000);
	});

	it('spreads a fixed segment count over the media: 50,000 segments in a 3-hour recording', () => {
		const asset = { sha256: 'def', data: makeWav({ seconds: 1 }), mime_type: 'audio/wav' };
		const options = { ...DEFAULTS, segments: 50000, durationSeconds: 3 * 3600 };
		const { duration, segments } = buildTimeline(asset, options);
		expect(duration).toBe(10800);
		expect(segments).toHaveLength(50000);
		expect(segments[segments.length - 1].end).toBe(10800);
		segments.slice(1).forEach((s, i) => {
			if (!(s.start >= segments[i].end && s.end > s.start)) throw new Error(`bad segment ${i + 1}`);
		});
		const three = buildTimeline(asset, { ...DEFAULTS, segments: 3, durationSeconds: 30 }).segments;
		expect(three.map((s) => s.end)).toEqual([10, 20, 30]);
	});
});
