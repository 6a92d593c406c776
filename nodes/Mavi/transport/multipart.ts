import { randomBytes } from 'crypto';

/** One file to send as a multipart/form-data field, read afresh for every attempt. */
export interface MultipartFile {
	field: string;
	fileName: string;
	mimeType: string;
	/** Exact byte count: it goes into Content-Length before a byte is read. */
	size: number;
	open: () => Promise<AsyncIterable<Uint8Array> | Iterable<Uint8Array>>;
}

// A part's Content-Type is a bare type/subtype; anything else (parameters, a line break that
// would start a header of its own) is sent as a generic type.
function mediaType(value: string): string {
	return /^[\w.+-]+\/[\w.+-]+$/.test(value) ? value : 'application/octet-stream';
}

// RFC 7578 §4.2: a quote or line break cannot appear raw in a quoted header value.
function quoted(value: string): string {
	return value.replace(/"/g, '%22').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/**
 * A multipart body that streams the file instead of holding it. n8n's HTTP client (axios)
 * streams any Blob and sends `size` as Content-Length, so this object presents itself as a Blob:
 * the only way to hand it a stream without importing `stream`, which community nodes may not.
 * axios reads a Blob through `stream()` if it has one, else through its async iterator: this one
 * has only the iterator, so the file's chunks go to axios as they are read, without a web stream
 * (and its promises per chunk) in between. Each instance reads the file once; build a new one per
 * attempt.
 */
export class MultipartBody {
	readonly boundary = `----MaviFormBoundary${randomBytes(12).toString('hex')}`;
	readonly head: Buffer;
	readonly tail: Buffer;
	/** Why reading the file failed, if it did: the request then failed on our side, not Mavi's. */
	readError: Error | undefined;

	constructor(private readonly file: MultipartFile) {
		const disposition = `form-data; name="${quoted(file.field)}"; filename="${quoted(file.fileName)}"`;
		this.head = Buffer.from(
			`--${this.boundary}\r\nContent-Disposition: ${disposition}\r\nContent-Type: ${mediaType(file.mimeType)}\r\n\r\n`,
		);
		this.tail = Buffer.from(`\r\n--${this.boundary}--\r\n`);
	}

	get [Symbol.toStringTag](): string {
		return 'Blob';
	}

	get type(): string {
		return `multipart/form-data; boundary=${this.boundary}`;
	}

	get size(): number {
		return this.head.length + this.file.size + this.tail.length;
	}

	/** Head, the file's chunks as they are read, tail; fails if the file is not `size` bytes. */
	async *chunks(): AsyncGenerator<Uint8Array> {
		yield this.head;
		let sent = 0;
		try {
			for await (const chunk of await this.file.open()) {
				sent += chunk.length;
				if (sent > this.file.size) break;
				yield chunk;
			}
			if (sent !== this.file.size) {
				const comparison = sent > this.file.size ? 'more' : 'fewer';
				throw new Error(
					`the file "${this.file.fileName}" has ${comparison} bytes than the ${this.file.size} its metadata gives`,
				);
			}
		} catch (error) {
			this.readError = error as Error;
		}
		// Failing the stream aborts the request, so Mavi never sees a truncated file as complete.
		if (this.readError) throw this.readError;
		yield this.tail;
	}

	/** What axios reads: head, file, tail (see `chunks()`). */
	[Symbol.asyncIterator](): AsyncGenerator<Uint8Array> {
		return this.chunks();
	}
}
