import type { IDataObject } from 'n8n-workflow';

/**
 * The item of an Async Summary result. Mavi documents `data.data = {summary: <text>, usage}`; a
 * summary of another kind (an object, a list) or fields the docs do not show are emitted as they
 * came, with a warning, so nothing Mavi sent is lost and nothing is refused.
 */

const DOCUMENTED_FIELDS = new Set(['summary', 'usage']);

export function summaryItem(taskId: string, result: Record<string, unknown>): IDataObject {
	const item: IDataObject = { task_id: taskId, kind: 'summary', summary: result.summary as string };
	const warnings: string[] = [];
	if (typeof result.summary !== 'string') {
		const found = Array.isArray(result.summary) ? 'a list' : typeof result.summary;
		warnings.push(`summary is ${found}, not text: kept as Mavi sent it`);
	}
	const undocumented: string[] = [];
	for (const [key, value] of Object.entries(result)) {
		if (key in item) continue;
		item[key] = value as IDataObject[keyof IDataObject];
		if (!DOCUMENTED_FIELDS.has(key)) undocumented.push(key);
	}
	if (undocumented.length > 0) {
		warnings.push(`fields the Mavi docs do not show, kept as sent: ${undocumented.join(', ')}`);
	}
	if (warnings.length > 0) item.warnings = warnings;
	return item;
}
