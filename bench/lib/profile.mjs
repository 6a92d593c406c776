// Reads n8n's --cpu-prof profiles and attributes the samples taken while P1 delivered to each
// variant: where did the time of one POST go, by function and file.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const shortUrl = (url) =>
	url
		.replace(/^file:\/\//, '')
		.replace(/^.*\/node_modules\//, '')
		.replace(/^.*\/\.n8n\/nodes\/node_modules\//, '');

function frameName(node) {
	const { functionName, url, lineNumber } = node.callFrame;
	return `${functionName || '(anonymous)'} ${shortUrl(url)}:${lineNumber + 1}`;
}

/** Per window set: self and inclusive sample time (ms) by function, top `limit` each. */
function attribute(profile, windowSets, limit) {
	const byId = new Map(profile.nodes.map((n) => [n.id, n]));
	const parent = new Map();
	for (const n of profile.nodes) for (const child of n.children || []) parent.set(child, n.id);
	const result = {};
	for (const [name, windows] of Object.entries(windowSets)) {
		const self = new Map();
		const inclusive = new Map();
		let total = 0;
		let time = profile.startTime;
		for (let i = 0; i < profile.samples.length; i++) {
			time += profile.timeDeltas[i];
			const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
			if (!windows.some(([a, b]) => time >= a && time <= b)) continue;
			total += dt;
			let node = byId.get(profile.samples[i]);
			const key = frameName(node);
			self.set(key, (self.get(key) || 0) + dt);
			const seen = new Set();
			while (node) {
				const frame = frameName(node);
				if (!seen.has(frame)) {
					seen.add(frame);
					inclusive.set(frame, (inclusive.get(frame) || 0) + dt);
				}
				node = byId.get(parent.get(node.id));
			}
		}
		const top = (map) =>
			[...map.entries()]
				.sort((a, b) => b[1] - a[1])
				.slice(0, limit)
				.map(([frame, ms]) => ({ frame, ms: Math.round(ms) }));
		result[name] = {
			sampledMs: Math.round(total),
			windows: windows.length,
			self: top(self),
			inclusive: top(inclusive),
		};
	}
	return result;
}

/** The main n8n thread is the profile that was busiest (not idle) inside the windows. */
export function analyzeProfiles(dir, windowSets, limit = 25) {
	const files = readdirSync(dir).filter((file) => file.endsWith('.cpuprofile'));
	let best;
	for (const file of files) {
		const profile = JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
		const analysis = attribute(profile, windowSets, limit);
		const idle = (a) => (a.self.find((entry) => entry.frame.startsWith('(idle)')) || { ms: 0 }).ms;
		const sampled = Object.values(analysis).reduce((sum, a) => sum + a.sampledMs - idle(a), 0);
		if (!best || sampled > best.sampled) best = { file, sampled, analysis };
	}
	if (!best) throw new Error(`no .cpuprofile in ${dir} (did n8n exit cleanly?)`);
	return { file: best.file, ...best.analysis };
}

export function profileText(analysis) {
	const lines = [`profile ${analysis.file}`];
	for (const [name, a] of Object.entries(analysis)) {
		if (name === 'file') continue;
		lines.push(
			'',
			`== ${name}: ${a.sampledMs} ms sampled over ${a.windows} deliveries`,
			'-- inclusive',
		);
		for (const { frame, ms } of a.inclusive) lines.push(`${String(ms).padStart(7)} ms  ${frame}`);
		lines.push('-- self');
		for (const { frame, ms } of a.self) lines.push(`${String(ms).padStart(7)} ms  ${frame}`);
	}
	return lines.join('\n');
}
