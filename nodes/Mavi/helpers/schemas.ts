import { z } from 'zod';

/**
 * Shapes of Mavi's synchronous responses. Loose where Mavi's docs
 * disagree: `code` as number or string, `msg` or `message`, numbers sent as strings.
 */

const numberLike = z.union([z.number(), z.string()]);

export const envelopeSchema = z
	.object({
		code: numberLike.optional(),
		msg: z.string().nullish(),
		message: z.string().nullish(),
		data: z.unknown().optional(),
		success: z.boolean().optional(),
		failed: z.boolean().optional(),
	})
	.passthrough();

export const uploadDataSchema = z
	.object({ asset_id: z.string().regex(/^re_\d+$/, 'must look like re_<digits>') })
	.passthrough();

export const UPLOAD_STATUSES = ['WAITING', 'UPLOADING', 'SUCCESS', 'FAILED'] as const;

export const metadataDataSchema = z
	.object({
		resource: z
			.array(
				z
					.object({
						upload_status: z.enum(UPLOAD_STATUSES),
						file_name: z.string().nullish(),
						mime_type: z.string().nullish(),
						file_size: numberLike.nullish(),
						create_time: numberLike.nullish(),
						modify_time: numberLike.nullish(),
					})
					.passthrough(),
			)
			.min(1, 'must contain the asset'),
	})
	.passthrough();

export type AssetMetadata = z.infer<typeof metadataDataSchema>['resource'][number];

/**
 * Mavi documents 32 hex characters; live-stream tasks have 36-character UUIDs. Anything much
 * longer is not a task ID (and would flood every item that carries it).
 */
export const MAX_TASK_ID_LENGTH = 128;

export const taskDataSchema = z
	.object({
		task_id: z
			.string()
			.min(1, 'must not be empty')
			.max(MAX_TASK_ID_LENGTH, `must be at most ${MAX_TASK_ID_LENGTH} characters`),
	})
	.passthrough();

/**
 * Only the outer shape: detectResultShape decides what the entries are, and transcriptItems reads
 * each segment (naming the field of a bad one), so items stay unknown here.
 */
export const transcriptDataSchema = z
	.object({
		model: z.string().nullish(),
		items: z.array(z.unknown()),
		duration: numberLike.nullish(),
		usage_metadata: z.object({ duration: numberLike.nullish() }).passthrough().nullish(),
	})
	.passthrough();

export const anyDataSchema = z.unknown();

/** `data.resource[0].upload_status: Invalid enum value...` — the path the user can look for. */
export function describeZodError(error: z.ZodError, root = 'data'): string {
	const issue = error.issues[0];
	if (!issue) return `${root} has an unexpected shape`;
	let path = root;
	for (const part of issue.path) path += typeof part === 'number' ? `[${part}]` : `.${part}`;
	return `${path}: ${issue.message}`;
}

export function isSuccessCode(code: unknown): boolean {
	return code === 200 || code === '200' || code === '0000';
}

/** POST /transcriptions/speech-to-text: the provider's own result; words are read leniently. */
export const speechToTextDataSchema = z
	.object({
		text: z.string().nullish(),
		words: z.array(z.unknown()).nullish(),
		language_code: z.string().nullish(),
		status: z.string().nullish(),
		error: z.string().nullish(),
	})
	.passthrough();
