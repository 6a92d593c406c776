import {
	PAUSE_SECONDS,
	readSpeechResult,
	speakerLabel,
	wordsToSegments,
} from '../../nodes/Mavi/helpers/speechToText';

// ElevenLabs, as documented: seconds, spacing entries, audio events, speaker_id.
const elevenLabsWords = [
	{ text: 'Hello', start: 0.1, end: 0.5, type: 'word', speaker_id: 'speaker_0' },
	{ text: ' ', start: 0.5, end: 0.6, type: 'spacing', speaker_id: 'speaker_0' },
	{ text: 'there.', start: 0.6, end: 1.0, type: 'word', speaker_id: 'speaker_0' },
	{ text: 'How', start: 1.1, end: 1.3, type: 'word', speaker_id: 'speaker_0' },
	{ text: 'are', start: 1.3, end: 1.5, type: 'word', speaker_id: 'speaker_0' },
	{ text: '(laughs)', start: 1.5, end: 1.9, type: 'audio_event', speaker_id: 'speaker_0' },
	{ text: 'Fine', start: 2.0, end: 2.4, type: 'word', speaker_id: 'speaker_1' },
	{ text: 'thanks', start: 2.4, end: 2.8, type: 'word', speaker_id: 'speaker_1' },
];

// AssemblyAI, as documented: milliseconds, letters for speakers, no spacing entries.
const assemblyAiWords = [
	{ text: 'Hello', start: 100, end: 500, confidence: 0.9, speaker: 'A' },
	{ text: 'there.', start: 600, end: 1000, confidence: 0.9, speaker: 'A' },
	{ text: 'How', start: 1100, end: 1300, confidence: 0.9, speaker: 'A' },
	{ text: 'are', start: 1300, end: 1500, confidence: 0.9, speaker: 'A' },
	{ text: 'Fine', start: 2000, end: 2400, confidence: 0.9, speaker: 'B' },
	{ text: 'thanks', start: 2400, end: 2800, confidence: 0.9, speaker: 'B' },
];

describe('speech-to-text word lists to segments', () => {
	it('ElevenLabs: splits on sentence ends and speaker changes, keeps audio events', () => {
		expect(wordsToSegments(elevenLabsWords, 'elevenlabs', true)).toEqual([
			{ start_time: 0.1, end_time: 1, text: 'Hello there.', speaker: 'SPEAKER_00' },
			{ start_time: 1.1, end_time: 1.9, text: 'How are (laughs)', speaker: 'SPEAKER_00' },
			{ start_time: 2, end_time: 2.8, text: 'Fine thanks', speaker: 'SPEAKER_01' },
		]);
	});

	it('AssemblyAI: milliseconds become seconds, letters become SPEAKER_NN', () => {
		expect(wordsToSegments(assemblyAiWords, 'assemblyai', true)).toEqual([
			{ start_time: 0.1, end_time: 1, text: 'Hello there.', speaker: 'SPEAKER_00' },
			{ start_time: 1.1, end_time: 1.5, text: 'How are', speaker: 'SPEAKER_00' },
			{ start_time: 2, end_time: 2.8, text: 'Fine thanks', speaker: 'SPEAKER_01' },
		]);
	});

	it('without speakers requested every speaker is null and a speaker change is no boundary', () => {
		const segments = wordsToSegments(assemblyAiWords, 'assemblyai', false);
		expect(segments.map((s) => [s.text, s.speaker])).toEqual([
			['Hello there.', null],
			['How are Fine thanks', null],
		]);
	});

	it(`a pause longer than ${PAUSE_SECONDS} s starts a new segment`, () => {
		const words = [
			{ text: 'one', start: 0, end: 0.5 },
			{ text: 'two', start: 0.5 + PAUSE_SECONDS + 0.01, end: 2 },
			{ text: 'three', start: 2.1, end: 2.5 },
		];
		expect(wordsToSegments(words, 'elevenlabs', false).map((s) => s.text)).toEqual([
			'one',
			'two three',
		]);
	});

	it('odd entries lose nothing and never throw: missing times, junk, non-string text', () => {
		const words = [
			null,
			42,
			{ text: 7, start: 0, end: 1 },
			{ text: 'first', start: 'x', end: null },
			{ text: 'second.', start: '0.5', end: '0.9' },
			{ text: 'third', start: -3, end: 1.2 },
			{ text: '   ', start: 1, end: 2 },
		];
		expect(wordsToSegments(words, 'elevenlabs', false)).toEqual([
			{ start_time: 0, end_time: 0.9, text: 'first second.', speaker: null },
			{ start_time: 0, end_time: 1.2, text: 'third', speaker: null },
		]);
	});

	it.each([
		['speaker_3', 'SPEAKER_03'],
		['SPEAKER_12', 'SPEAKER_12'],
		['C', 'SPEAKER_02'],
		[1, 'SPEAKER_01'],
		['Alice', 'Alice'],
		['', null],
		[null, null],
		[{}, null],
	])('speakerLabel(%j) = %j', (raw, label) => {
		expect(speakerLabel(raw)).toBe(label);
	});
});

describe('readSpeechResult', () => {
	it('takes language, duration and model from the response', () => {
		const result = readSpeechResult(
			{
				text: 'x',
				words: assemblyAiWords,
				language_code: 'en_us',
				audio_duration: 3,
				speech_model: 'best',
			},
			'assemblyai',
			true,
			null,
		);
		expect(result).toMatchObject({ languageCode: 'en_us', audioDuration: 3, model: 'best' });
		expect(result.segments).toHaveLength(3);
	});

	it('falls back to the requested language, the last word end and the provider name', () => {
		const result = readSpeechResult({ words: elevenLabsWords }, 'elevenlabs', true, 'de');
		expect(result).toMatchObject({ languageCode: 'de', audioDuration: 2.8, model: 'elevenlabs' });
	});

	it('a response with text but no words still gives the transcript as one segment', () => {
		const result = readSpeechResult(
			{ text: ' Hello world ', audio_duration: 4 },
			'assemblyai',
			false,
			null,
		);
		expect(result.segments).toEqual([
			{ start_time: 0, end_time: 4, text: 'Hello world', speaker: null },
		]);
		expect(readSpeechResult({}, 'elevenlabs', false, null)).toMatchObject({
			segments: [],
			languageCode: null,
			audioDuration: null,
		});
	});
});

describe('segment text in any script', () => {
	const timed = (texts: string[]) =>
		texts.map((text, i) => ({ text, start: i * 0.2, end: i * 0.2 + 0.2, type: 'word' }));

	it('Japanese words are joined without spaces and split at 。 (the provider text shows none)', () => {
		const words = timed([
			'今日',
			'は',
			'いい',
			'天気',
			'です',
			'ね。',
			'会議',
			'を',
			'始め',
			'ます。',
		]);
		const text = '今日はいい天気ですね。会議を始めます。';
		const segments = wordsToSegments(words, 'elevenlabs', false, text);
		expect(segments.map((s) => s.text)).toEqual(['今日はいい天気ですね。', '会議を始めます。']);
		// Without the provider's text, Chinese and Japanese characters still get no spaces.
		expect(wordsToSegments(words, 'elevenlabs', false).map((s) => s.text)).toEqual([
			'今日はいい天気ですね。',
			'会議を始めます。',
		]);
	});

	it('Chinese ends sentences on ！ and ？ too', () => {
		const words = timed(['你好', '！', '你', '是', '谁', '？', '我', '是', '李', '。']);
		expect(wordsToSegments(words, 'assemblyai', false).map((s) => s.text)).toEqual([
			'你好！',
			'你是谁？',
			'我是李。',
		]);
	});

	it('Latin text keeps the spacing the provider shows, even around CJK names', () => {
		const words = timed(['We', 'met', '東京', 'today.']);
		const segments = wordsToSegments(words, 'assemblyai', false, 'We met 東京 today.');
		expect(segments.map((s) => s.text)).toEqual(['We met 東京 today.']);
	});

	it.each([['Dr.'], ['Mr.'], ['Mrs.'], ['J.'], ['e.g.']])(
		'"%s Smith" is no sentence end',
		(title) => {
			const words = timed(['I', 'saw', title, 'Smith', 'today.', 'Bye.']);
			expect(wordsToSegments(words, 'assemblyai', false).map((s) => s.text)).toEqual([
				`I saw ${title} Smith today.`,
				'Bye.',
			]);
		},
	);
});
