'use strict';
// The example pair for waiting on Mavi's result in one workflow (examples/wait-for-result-*.json),
// as the e2e and queue-mode tests use it: its Data Table, its start path and its output node.
const { loadExamples, prepareExample } = require('../../../tools/n8n-harness/examples');
const { E2E_API_KEY } = require('../../../tools/n8n-harness/secrets');
const { uploadWav } = require('../../simulator/support');

const TABLE = 'mavi_waiting_tasks';
const COLUMNS = ['task_id', 'execution_id', 'resume_url', 'state', 'item', 'result'];
const START_PATH = 'mavi-transcribe-recordings';
const OUTPUT = 'Each item with its transcript';

const examples = loadExamples();
/** The example workflow of `file` ('start' or 'callback'), ready to import with `credential`. */
const exampleWith = (file, credential) =>
	prepareExample(
		structuredClone(examples.find((e) => e.file === `wait-for-result-${file}.json`).workflow),
		{ credential },
	);

/**
 * Creates the examples' Data Table in the owner's project through n8n's own REST API (the same
 * path on 1.123 and 2.x; the public API has none on 1.123). Resolves { id, rows() }.
 */
async function createWaitingTable(client) {
	const rest = async (method, path, body) => {
		const res = await client.rest(method, path, body);
		if (res.status !== 200) {
			throw new Error(`${method} ${path}: HTTP ${res.status} ${JSON.stringify(res.body)}`);
		}
		return res.body.data;
	};
	const project = await rest('GET', '/projects/personal');
	const tables = `/projects/${project.id}/data-tables`;
	const table = await rest('POST', tables, {
		name: TABLE,
		columns: COLUMNS.map((name) => ({ name, type: 'string' })),
	});
	const rows = async () => (await rest('GET', `${tables}/${table.id}/rows?take=100`)).data;
	return { id: table.id, rows };
}

/** Uploads one WAV per recording ({ customer, fileName }); resolves { customer, asset_id }s. */
async function withAssets(simulator, recordings) {
	const out = [];
	for (const { customer, fileName } of recordings) {
		const assetId = await uploadWav(simulator, { fileName, seconds: 3, key: E2E_API_KEY });
		out.push({ customer, asset_id: assetId });
	}
	return out;
}

module.exports = { START_PATH, OUTPUT, exampleWith, createWaitingTable, withAssets };
