import {
	checkAssetId,
	checkBaseUrl,
	checkFileSize,
	checkMediaType,
	checkSeconds,
} from '../../nodes/Mavi/helpers/validation';

describe('checkAssetId', () => {
	it.each(['re_1', 're_657929111888723968', '  re_42\n'])('accepts %j (trimmed)', (raw) => {
		expect(checkAssetId(raw)).toEqual({ ok: true, value: raw.trim() });
	});

	it.each([
		['', /is empty/],
		['   ', /is empty/],
		[undefined, /is empty/],
		[null, /is empty/],
		['abc', /must look like re_123456789.*"abc"/],
		['re_', /must look like/],
		['re_12a', /must look like/],
		['RE_12', /must look like/],
		['re_1 2', /must look like/],
		[{ id: 're_1' }, /must be text/],
	])('rejects %j naming the field', (raw, message) => {
		const result = checkAssetId(raw);
		expect(result.ok).toBe(false);
		if (!result.ok) {
			expect(result.error).toMatch(/^The "Asset ID" field/);
			expect(result.error).toMatch(message);
		}
	});

	it('keeps messages short for huge values', () => {
		const result = checkAssetId('x'.repeat(10_000));
		expect(!result.ok && result.error.length).toBeLessThan(200);
	});
});

describe('checkBaseUrl', () => {
	it('accepts http and https URLs without a trailing slash', () => {
		expect(checkBaseUrl(' https://mavi-backend.memories.ai/serve/api/v2 ')).toEqual({
			ok: true,
			value: 'https://mavi-backend.memories.ai/serve/api/v2',
		});
		expect(checkBaseUrl('http://127.0.0.1:4000/serve/api/v2').ok).toBe(true);
	});

	it.each([
		['https://mavi-backend.memories.ai/serve/api/v2/', /trailing|slash/],
		['ftp://example.com/api', /http:\/\/ or https:\/\//],
		['javascript:alert(1)', /http:\/\/ or https:\/\//],
		['not a url', /not a valid URL/],
		['', /is empty/],
		[undefined, /is empty/],
	])('rejects %j naming the field', (raw, message) => {
		const result = checkBaseUrl(raw);
		expect(result.ok).toBe(false);
		if (!result.ok) {
			expect(result.error).toMatch(/"Base URL"/);
			expect(result.error).toMatch(message);
		}
	});
});

describe('checkMediaType', () => {
	it.each([
		['audio/wav', 'a.wav'],
		['audio/mpeg', undefined],
		['video/mp4; codecs="avc1"', 'clip.mp4'],
		['image/png', 'frame.png'],
		['application/ogg', 'a.ogg'],
		['application/octet-stream', 'Recording.M4A'],
		[undefined, 'meeting.mp3'],
	])('accepts %s (%s)', (mime, fileName) => {
		expect(checkMediaType(mime, fileName)).toBeUndefined();
	});

	it.each([
		['text/plain', 'notes.txt'],
		['application/pdf', 'doc.pdf'],
		['application/octet-stream', 'archive.zip'],
		['application/octet-stream', undefined],
		[undefined, undefined],
	])('rejects %s (%s)', (mime, fileName) => {
		expect(checkMediaType(mime, fileName)).toMatch(/cannot transcribe/);
	});
});

describe('checkFileSize and checkSeconds', () => {
	it('rejects empty files only', () => {
		expect(checkFileSize(1, 'a.wav', 'data')).toBeUndefined();
		expect(checkFileSize(0, 'a.wav', 'data')).toMatch(/"data" is empty \(0 bytes\)/);
	});

	it('bounds polling options', () => {
		expect(checkSeconds(2, 'Poll Interval', 1, 60)).toEqual({ ok: true, value: 2 });
		expect(checkSeconds('5', 'Timeout', 1, 60)).toEqual({ ok: true, value: 5 });
		expect(checkSeconds(0, 'Poll Interval', 1, 60).ok).toBe(false);
		expect(checkSeconds(Number.NaN, 'Timeout', 1, 60).ok).toBe(false);
	});
});
