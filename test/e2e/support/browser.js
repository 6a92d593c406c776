'use strict';
// Drives the real n8n editor with playwright-core and Debian's chromium (no bundled browser;
// the e2e globalSetup installs it when missing). Selectors are the editor's own data-test-id
// attributes (n8n 2.41 and 1.123); every wait is bounded.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const CHROMIUM_PATH = process.env.MAVI_CHROMIUM || '/usr/bin/chromium';
// Without the background-networking flags Chromium floods the closed network with connections.
const CHROMIUM_FLAGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];
// A cold editor loads hundreds of chunks; on a busy CI machine that alone took 15-25 s.
const STEP_TIMEOUT_MS = 30000;
const NAVIGATION_TIMEOUT_MS = 90000;
const loaded = { timeout: NAVIGATION_TIMEOUT_MS };

/** A fresh headless Chromium with a new empty profile; close() also removes the profile. */
async function launchBrowser({ width = 1280, height = 800 } = {}) {
	if (!fs.existsSync(CHROMIUM_PATH)) {
		throw new Error(
			process.env.MAVI_CHROMIUM_MISSING ||
				`${CHROMIUM_PATH} is missing: install Debian's chromium (apt-get install chromium) ` +
					'or set MAVI_CHROMIUM.',
		);
	}
	const { chromium } = require('playwright-core');
	const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mavi-chromium-'));
	let context;
	try {
		// launchPersistentContext passes userDataDir as --user-data-dir.
		context = await chromium.launchPersistentContext(userDataDir, {
			executablePath: CHROMIUM_PATH,
			headless: true,
			args: CHROMIUM_FLAGS,
			viewport: { width, height },
			deviceScaleFactor: 1,
			timeout: NAVIGATION_TIMEOUT_MS,
		});
	} catch (error) {
		fs.rmSync(userDataDir, { recursive: true, force: true });
		throw error;
	}
	context.setDefaultTimeout(STEP_TIMEOUT_MS);
	context.setDefaultNavigationTimeout(NAVIGATION_TIMEOUT_MS);
	const page = context.pages()[0] || (await context.newPage());
	return {
		context,
		page,
		close: async () => {
			await context.close();
			fs.rmSync(userDataDir, { recursive: true, force: true });
		},
	};
}

/** Signs in through n8n's own sign-in page and waits until the editor has left it. */
async function signIn(page, baseUrl, { email, password }) {
	await page.goto(`${baseUrl}/signin`, { waitUntil: 'domcontentloaded' });
	const emailInput = page.locator('[data-test-id=signin-form] input[name=emailOrLdapLoginId]');
	await emailInput.waitFor(loaded);
	await emailInput.fill(email);
	await page.locator('[data-test-id=signin-form] input[name=password]').fill(password);
	await page.locator('[data-test-id=form-submit-button]').click();
	await page.waitForURL((url) => !url.pathname.startsWith('/signin'), { waitUntil: 'commit' });
	await page.locator('[data-test-id=project-home-menu-item]').waitFor(loaded);
}

/** Opens a workflow in the editor and waits until its nodes are on the canvas. */
async function openWorkflow(page, baseUrl, workflowId) {
	await page.goto(`${baseUrl}/workflow/${workflowId}`, { waitUntil: 'domcontentloaded' });
	await page.locator('[data-test-id=canvas-node]').first().waitFor(loaded);
}

function canvasNode(page, nodeName) {
	return page.locator('[data-test-id=canvas-node]').filter({
		has: page.getByText(nodeName, { exact: true }),
	});
}

/** Double-clicks a canvas node and waits for its parameter panel (the NDV). */
async function openNode(page, nodeName) {
	await canvasNode(page, nodeName).dblclick();
	const ndv = page.locator('[data-test-id=ndv]');
	await ndv.locator('[data-test-id=node-title-container]', { hasText: nodeName }).waitFor();
	await ndv.locator('[data-test-id=node-parameters]').waitFor();
	return ndv;
}

async function closeNode(page) {
	// 2.x: a close button; 1.x: "Back to canvas".
	await page
		.locator('[data-test-id=ndv-close-button], [data-test-id=ndv] [data-test-id=back-to-canvas]')
		.first()
		.click();
	await page.locator('[data-test-id=ndv]').waitFor({ state: 'hidden' });
}

/** The value shown by an options parameter (e.g. 'operation') of the open node. */
async function selectedOption(page, parameterName) {
	const input = comboboxOf(page, parameterName);
	await input.waitFor();
	return (await input.inputValue()) || (await input.getAttribute('placeholder'));
}

function comboboxOf(page, parameterName) {
	return page.locator(
		`[data-test-id=ndv] [data-test-id=parameter-input-${parameterName}] input[role=combobox]`,
	);
}

async function waitExpanded(page, input, expanded) {
	const handle = await input.elementHandle();
	await page.waitForFunction(
		([el, value]) => el.getAttribute('aria-expanded') === value,
		[handle, String(expanded)],
	);
}

/** Opens an options parameter's dropdown and returns the option titles it lists (left open). */
async function openDropdown(page, parameterName) {
	const input = comboboxOf(page, parameterName);
	await input.click();
	await waitExpanded(page, input, true);
	// The listbox is rendered in a popper; the combobox names it in aria-controls.
	const listId = await input.getAttribute('aria-controls');
	const titles = page.locator(
		`[id="${listId}"] [data-test-id=parameter-input-item] .option-headline`,
	);
	await titles.first().waitFor();
	return titles.allInnerTexts();
}

async function closeDropdown(page, parameterName) {
	await page.keyboard.press('Escape');
	await waitExpanded(page, comboboxOf(page, parameterName), false);
}

/** Expands the trigger's "Webhook URLs" section, picks Test or Production, returns the URL. */
async function webhookUrl(page, which = 'production') {
	const section = page.locator('[data-test-id=ndv] .webhooks');
	const urls = section.locator('.node-webhooks');
	if (!(await urls.isVisible())) await section.locator('.headline').click();
	await section.locator(`[data-test-id=radio-button-${which}]`).click();
	// 2.x marks the button itself as checked, 1.x the label around it.
	const button = `[data-test-id=radio-button-${which}]`;
	await section.locator(`${button}[aria-checked=true], [aria-checked=true] > ${button}`).waitFor();
	const url = section.locator('.webhook-url');
	await url.waitFor();
	return (await url.innerText()).trim();
}

/** A PNG of the viewport; animations are finished first so popups are not caught half-way. */
async function screenshot(page, file) {
	fs.mkdirSync(path.dirname(file), { recursive: true });
	await page.screenshot({ path: file, animations: 'disabled', caret: 'hide' });
	return file;
}

module.exports = {
	CHROMIUM_PATH,
	CHROMIUM_FLAGS,
	launchBrowser,
	signIn,
	openWorkflow,
	canvasNode,
	openNode,
	closeNode,
	selectedOption,
	openDropdown,
	closeDropdown,
	webhookUrl,
	screenshot,
};
