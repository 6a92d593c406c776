'use strict';
// What n8n reads from package.json, checked against the built dist/.
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '../..');
const pkg = require(path.join(ROOT, 'package.json'));

describe('package.json as n8n and its verification read it', () => {
	it('is the community package n8n-nodes-mavi with no runtime dependencies', () => {
		expect(pkg.name).toBe('n8n-nodes-mavi');
		expect(pkg.license).toBe('MIT');
		expect(pkg.keywords).toContain('n8n-community-node-package');
		expect(pkg.dependencies ?? {}).toEqual({});
		expect(pkg.peerDependencies).toEqual({ 'n8n-workflow': '*' });
		expect(pkg.files).toContain('dist');
		expect(pkg.n8n).toMatchObject({ n8nNodesApiVersion: 1, strict: true });
		expect(pkg.devDependencies.zod).toBe('3.25.76');
	});

	const expectedNames = {
		'dist/credentials/MaviApi.credentials.js': 'maviApi',
		'dist/nodes/Mavi/MaviTranscribe.node.js': 'maviTranscribe',
		'dist/nodes/Mavi/MaviTranscriptionTrigger.node.js': 'maviTranscriptionTrigger',
	};

	it.each([...pkg.n8n.credentials, ...pkg.n8n.nodes])(
		'%s exists after the build and exports a class with the right name',
		(file) => {
			const full = path.join(ROOT, file);
			if (!fs.existsSync(full)) throw new Error(`${file} is missing: run \`npm run build\` first`);
			const exported = Object.values(require(full));
			expect(exported).toHaveLength(1);
			const instance = new exported[0]();
			const name = instance.description ? instance.description.name : instance.name;
			expect(name).toBe(expectedNames[file]);
		},
	);

	it('ships the codex files and themed icons next to the built nodes', () => {
		for (const file of [
			'dist/nodes/Mavi/MaviTranscribe.node.json',
			'dist/nodes/Mavi/MaviTranscriptionTrigger.node.json',
			'dist/icons/mavi.svg',
			'dist/icons/mavi.dark.svg',
		]) {
			expect(fs.existsSync(path.join(ROOT, file))).toBe(true);
		}
	});
});
