'use strict';
// In a real browser: Debian's chromium signs in to the real n8n, opens imported
// examples, and checks what a user sees in the Mavi Transcribe and trigger panels, on n8n 2.x
// and 1.x. Screenshots go to test/artifacts/browser/ (browser-1x/ for 1.x; git-ignored); with
// MAVI_DOC_SCREENSHOTS=1 the two README images in docs/images/ are refreshed from the 2.x shots.
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const browser = require('./support/browser');
const { loadExamples, prepareExample } = require('../../tools/n8n-harness/examples');
const { useN8n } = require('./support/instance');
const { ROOT, n8nLine } = require('../../tools/n8n-harness/n8n');
const { E2E_API_KEY, E2E_WEBHOOK_TOKEN } = require('../../tools/n8n-harness/secrets');

jest.setTimeout(180000);

const LINE = n8nLine();
const ARTIFACTS = path.join(
	ROOT,
	LINE === '2x' ? 'test/artifacts/browser' : `test/artifacts/browser-${LINE}`,
);
const DOC_IMAGES = path.join(ROOT, 'docs/images');
const TRANSCRIBE_EXAMPLE = 'transcribe-and-wait-srt.json';
const TRIGGER_EXAMPLE = 'trigger-segments-filter-speaker.json';
const TRIGGER_NAME = 'Mavi Transcription Trigger';

let n8n;
let session; // { page, close }
const workflowIds = {};
const webhookId = crypto.randomUUID();

const example = (file) => loadExamples().find((entry) => entry.file === file).workflow;

/** Saves a screenshot under test/artifacts/browser/ and, on request, as a README image. */
async function shot(name, docImage) {
	const file = await browser.screenshot(session.page, path.join(ARTIFACTS, `${name}.png`));
	if (docImage && LINE === '2x' && process.env.MAVI_DOC_SCREENSHOTS === '1') {
		fs.mkdirSync(DOC_IMAGES, { recursive: true });
		fs.copyFileSync(file, path.join(DOC_IMAGES, docImage));
	}
	return file;
}

/** Runs a step; when it fails, the page as it was goes to test/artifacts/browser/failed-*.png. */
async function step(name, fn) {
	try {
		return await fn();
	} catch (error) {
		await shot(`failed-${name}`).catch(() => undefined);
		throw error;
	}
}

beforeAll(async () => {
	fs.rmSync(ARTIFACTS, { recursive: true, force: true });
	n8n = await useN8n();
	const credential = await n8n.client.createCredential({
		name: 'Mavi account',
		apiKey: E2E_API_KEY,
		baseUrl: 'http://127.0.0.1:9/serve/api/v2',
		webhookToken: E2E_WEBHOOK_TOKEN,
	});
	const transcribe = prepareExample(example(TRANSCRIBE_EXAMPLE), { credential });
	const trigger = prepareExample(example(TRIGGER_EXAMPLE), {
		credential,
		webhookIds: { [TRIGGER_NAME]: webhookId },
	});
	workflowIds.transcribe = (await n8n.client.createWorkflow(transcribe)).id;
	workflowIds.trigger = (await n8n.client.createWorkflow(trigger)).id;
	session = await browser.launchBrowser({ width: 1280, height: 800 });
});

afterAll(async () => {
	if (session) await session.close();
	if (n8n) await n8n.close();
});

test('signs in through the n8n sign-in page', async () => {
	await step('signin', () => browser.signIn(session.page, n8n.state.url, n8n.state.owner));
	expect(new URL(session.page.url()).pathname).not.toMatch(/^\/signin/);
});

test('opens the imported "transcribe and wait" example on the canvas', async () => {
	await step('canvas', () =>
		browser.openWorkflow(session.page, n8n.state.url, workflowIds.transcribe),
	);
	for (const name of ['Upload to Mavi', 'Transcribe and wait', 'Write SRT file']) {
		await expect(browser.canvasNode(session.page, name).count()).resolves.toBe(1);
	}
	await shot('01-canvas-transcribe-example');
});

test('Mavi Transcribe: the asset panel lists the resources and the asset operations', async () => {
	const { page } = session;
	await step('asset-panel', () => browser.openNode(page, 'Upload to Mavi'));
	expect(await browser.selectedOption(page, 'resource')).toBe('Asset');
	expect(await browser.selectedOption(page, 'operation')).toBe('Upload');
	const resources = await step('resources', () => browser.openDropdown(page, 'resource'));
	expect(resources).toEqual(expect.arrayContaining(['Asset', 'Speaker', 'Transcription']));
	await browser.closeDropdown(page, 'resource');
	const operations = await step('asset-ops', () => browser.openDropdown(page, 'operation'));
	expect(operations).toEqual(expect.arrayContaining(['Upload', 'Get Status', 'Delete']));
	await shot('02-transcribe-asset-operations');
	await browser.closeDropdown(page, 'operation');
	await browser.closeNode(page);
});

test('Mavi Transcribe: the transcription panel lists Start and Transcribe and Wait', async () => {
	const { page } = session;
	await step('transcription-panel', () => browser.openNode(page, 'Transcribe and wait'));
	expect(await browser.selectedOption(page, 'resource')).toBe('Transcription');
	expect(await browser.selectedOption(page, 'operation')).toBe('Transcribe and Wait');
	await shot('03-transcribe-panel');
	const operations = await step('transcription-ops', () => browser.openDropdown(page, 'operation'));
	expect(operations).toEqual(expect.arrayContaining(['Start', 'Transcribe and Wait']));
	await shot('04-transcribe-operations', 'mavi-transcribe.png');
	await browser.closeDropdown(page, 'operation');
	await browser.closeNode(page);
});

test('Mavi Transcription Trigger: the panel shows the production and test webhook URLs', async () => {
	const { page } = session;
	const { url } = n8n.state;
	await step('trigger-canvas', () => browser.openWorkflow(page, url, workflowIds.trigger));
	await step('trigger-panel', () => browser.openNode(page, TRIGGER_NAME));
	const testUrl = await step('test-url', () => browser.webhookUrl(page, 'test'));
	expect(testUrl).toBe(`${url}/webhook-test/${webhookId}/mavi`);
	const productionUrl = await step('production-url', () => browser.webhookUrl(page, 'production'));
	expect(productionUrl).toBe(`${url}/webhook/${webhookId}/mavi`);
	await shot('05-trigger-webhook-urls', 'mavi-trigger.png');
	await browser.closeNode(page);
});

test('writes at least two screenshots to its artifacts folder', () => {
	const pngs = fs.readdirSync(ARTIFACTS).filter((file) => /^\d\d-.*\.png$/.test(file));
	expect(pngs.length).toBeGreaterThanOrEqual(2);
});
