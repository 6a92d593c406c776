import { describeZodError, envelopeSchema, isSuccessCode } from '../helpers/schemas';

/** What one HTTP answer means, before any retry decision. Pure. */
export type Interpretation =
	| { kind: 'success'; data: unknown }
	| {
			kind: 'failure';
			status: number;
			message: string;
			/** The body is not Mavi's JSON envelope: a gateway (or proxy) answered. */
			gateway?: true;
	  }
	| { kind: 'unexpected'; problem: string };

function textOf(body: unknown): string {
	if (typeof body === 'string') return body.trim().slice(0, 300);
	if (Buffer.isBuffer(body)) return body.toString('utf8').trim().slice(0, 300);
	return '';
}

// A 200 whose envelope says otherwise still failed; its `code` is then the real status.
function statusFromCode(code: unknown): number {
	const numeric = typeof code === 'number' ? code : Number(code);
	return Number.isInteger(numeric) && numeric >= 400 && numeric <= 599 ? numeric : 400;
}

export function interpretResponse(statusCode: number, body: unknown): Interpretation {
	const httpOk = statusCode >= 200 && statusCode < 300;
	const parsed = envelopeSchema.safeParse(body);
	if (!parsed.success) {
		if (!httpOk) {
			return { kind: 'failure', status: statusCode, message: textOf(body), gateway: true };
		}
		if (typeof body !== 'object' || body === null) {
			return { kind: 'unexpected', problem: 'the body is not a JSON object' };
		}
		return { kind: 'unexpected', problem: describeZodError(parsed.error, 'body') };
	}
	const envelope = parsed.data;
	const message = (envelope.msg ?? envelope.message ?? '').trim();
	if (!httpOk) return { kind: 'failure', status: statusCode, message };
	if (envelope.code === undefined) {
		return { kind: 'unexpected', problem: 'body.code is missing (expected 200, "200" or "0000")' };
	}
	const succeeded =
		isSuccessCode(envelope.code) && envelope.success !== false && envelope.failed !== true;
	if (!succeeded) return { kind: 'failure', status: statusFromCode(envelope.code), message };
	return { kind: 'success', data: envelope.data };
}
