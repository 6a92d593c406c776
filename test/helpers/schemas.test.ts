import {
	describeZodError,
	envelopeSchema,
	isSuccessCode,
	metadataDataSchema,
	taskDataSchema,
	transcriptDataSchema,
	uploadDataSchema,
} from '../../nodes/Mavi/helpers/schemas';

describe('isSuccessCode', () => {
	it.each([200, '200', '0000'])('%j is success', (code) => expect(isSuccessCode(code)).toBe(true));
	it.each([0, '0', 400, '400', '0001', null, undefined])('%j is not', (code) =>
		expect(isSuccessCode(code)).toBe(false),
	);
});

describe('response schemas', () => {
	it('accepts both envelope styles', () => {
		expect(envelopeSchema.safeParse({ code: '0000', msg: 'ok', data: null }).success).toBe(true);
		expect(
			envelopeSchema.safeParse({ code: 200, message: 'SUCCESS', data: {}, success: true }).success,
		).toBe(true);
		expect(envelopeSchema.safeParse({ code: true }).success).toBe(false);
	});

	it('reads metadata with numbers sent as strings', () => {
		const parsed = metadataDataSchema.parse({
			resource: [
				{
					upload_status: 'SUCCESS',
					file_name: 'a.wav',
					file_size: '1024',
					create_time: '1763900000000',
					extra: 'kept',
				},
			],
		});
		expect(parsed.resource[0]).toMatchObject({
			upload_status: 'SUCCESS',
			file_size: '1024',
			extra: 'kept',
		});
	});

	it.each([
		[{ resource: [] }, 'data.resource: must contain the asset'],
		[{ resource: [{ upload_status: 'DONE' }] }, 'data.resource[0].upload_status'],
		[{ resource: [{ upload_status: 7 }] }, 'data.resource[0].upload_status'],
		[{}, 'data.resource'],
	])('names the field of bad metadata %j', (data, path) => {
		const result = metadataDataSchema.safeParse(data);
		expect(result.success).toBe(false);
		if (!result.success) expect(describeZodError(result.error)).toContain(path);
	});

	it('checks upload, task and transcript data', () => {
		expect(uploadDataSchema.safeParse({ asset_id: 're_123' }).success).toBe(true);
		expect(uploadDataSchema.safeParse({ asset_id: 'abc' }).success).toBe(false);
		expect(taskDataSchema.safeParse({ task_id: '016c7052f8224d5c971e35b7d08972fc' }).success).toBe(
			true,
		);
		expect(taskDataSchema.safeParse({ task_id: '' }).success).toBe(false);
		expect(transcriptDataSchema.safeParse({ model: 'whisper-1', items: [] }).success).toBe(true);
		const missing = transcriptDataSchema.safeParse({ model: 'whisper-1' });
		expect(!missing.success && describeZodError(missing.error)).toContain('data.items');
	});
});
