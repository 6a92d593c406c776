#!/usr/bin/env node
'use strict';
// `npm run simulator`: starts the Mavi simulator from flags and MAVI_SIM_* environment variables.

const { startSimulator } = require('./server');
const { DEFAULTS } = require('./options');

const DEFAULT_CLI_PORT = 8790;

const asInt = (value) => {
	if (!/^\s*\d+\s*$/.test(value)) throw new Error(`"${value}" is not a whole number`);
	return Number(value);
};
const asFloat = (value) => {
	const number = Number(value);
	if (value.trim() === '' || !Number.isFinite(number))
		throw new Error(`"${value}" is not a number`);
	return number;
};
const asBool = (value) => {
	if (/^(1|true|yes|on)$/i.test(value)) return true;
	if (/^(0|false|no|off)$/i.test(value)) return false;
	throw new Error(`"${value}" is not a boolean`);
};
const asList = (value) =>
	value
		.split(',')
		.map((item) => item.trim())
		.filter(Boolean);
const asText = (value) => value;
const asSeed = (value) => (/^\d+$/.test(value) ? Number(value) : value);
const asKeyStatus = (value) =>
	Object.fromEntries(
		asList(value).map((pair) => {
			const at = pair.lastIndexOf('=');
			return [pair.slice(0, at), asInt(pair.slice(at + 1))];
		}),
	);
const asKeys = (value) => {
	const keys = asList(value);
	return keys.length === 1 ? keys[0] : keys;
};

// [option path, environment variable, flag, parser]
const SETTINGS = [
	['port', 'MAVI_SIM_PORT', 'port', asInt],
	['host', 'MAVI_SIM_HOST', 'host', asText],
	['apiKey', 'MAVI_SIM_API_KEY', 'key', asKeys],
	['keyStatus', 'MAVI_SIM_KEY_STATUS', 'key-status', asKeyStatus],
	['webhookUrl', 'MAVI_SIM_WEBHOOK_URL', 'webhook', asText],
	['rateLimit', 'MAVI_SIM_RATE_LIMIT', 'rate-limit', asBool],
	['rateLimitMs', 'MAVI_SIM_RATE_LIMIT_MS', 'rate-limit-ms', asInt],
	['rateLimitStyle', 'MAVI_SIM_RATE_LIMIT_STYLE', 'rate-limit-style', asText],
	['assetReadyMs', 'MAVI_SIM_ASSET_READY_MS', 'asset-ready-ms', asInt],
	['failFilePattern', 'MAVI_SIM_FAIL_FILE_PATTERN', 'fail-file-pattern', asText],
	['failTaskPattern', 'MAVI_SIM_FAIL_TASK_PATTERN', 'fail-task-pattern', asText],
	['codeStyle', 'MAVI_SIM_CODE_STYLE', 'code-style', asText],
	['segments', 'MAVI_SIM_SEGMENTS', 'segments', asInt],
	['durationSeconds', 'MAVI_SIM_DURATION_SECONDS', 'duration-seconds', asFloat],
	['speakers', 'MAVI_SIM_SPEAKERS', 'speakers', asInt],
	['callbackDelayMs', 'MAVI_SIM_CALLBACK_DELAY_MS', 'callback-delay-ms', asInt],
	['duplicateDeliveries', 'MAVI_SIM_DUPLICATE_DELIVERIES', 'duplicates', asInt],
	['outOfOrder', 'MAVI_SIM_OUT_OF_ORDER', 'out-of-order', asBool],
	['faults.rate', 'MAVI_SIM_FAULT_RATE', 'fault-rate', asFloat],
	['faults.kinds', 'MAVI_SIM_FAULT_KINDS', 'fault-kinds', asList],
	['faults.slowMs', 'MAVI_SIM_SLOW_MS', 'slow-ms', asInt],
	['seed', 'MAVI_SIM_SEED', 'seed', asSeed],
	['logFile', 'MAVI_SIM_LOG_FILE', 'log-file', asText],
];
const BOOLEAN_FLAGS = new Set(['rate-limit', 'out-of-order']);

function usage() {
	const lines = SETTINGS.map(
		([option, env, flag]) => `  --${flag.padEnd(18)} ${env.padEnd(30)} ${option}`,
	);
	return [
		'Usage: node tools/mavi-simulator/cli.js [flags]   (flags win over environment variables)',
		'',
		`  flag                 environment variable           option`,
		...lines,
		'',
		`Defaults: port ${DEFAULT_CLI_PORT}, key "${DEFAULTS.apiKey}". Boolean flags accept --no-<flag>.`,
		'Lists (key, fault-kinds) are comma-separated; key-status is "key=402,other=403".',
	].join('\n');
}

function setOption(options, path, value) {
	const [head, tail] = path.split('.');
	if (tail) options[head] = { ...(options[head] || {}), [tail]: value };
	else options[head] = value;
}

/** Options from the environment, then from argv (flags win). */
function parseSettings(argv, env) {
	const options = { port: DEFAULT_CLI_PORT };
	for (const [path, name, , parse] of SETTINGS) {
		if (env[name] !== undefined && env[name] !== '') setOption(options, path, parse(env[name]));
	}
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		if (arg === '--help' || arg === '-h') return null;
		const match = /^--(no-)?([a-z-]+)(?:=(.*))?$/.exec(arg);
		const setting = match && SETTINGS.find(([, , flag]) => flag === match[2]);
		if (!setting) throw new Error(`unknown argument "${arg}"`);
		const [path, , flag, parse] = setting;
		let raw = match[3];
		if (match[1]) {
			if (!BOOLEAN_FLAGS.has(flag)) throw new Error(`--no-${flag} is not a boolean flag`);
			raw = 'false';
		} else if (raw === undefined) {
			const next = argv[i + 1];
			const takesNext = next !== undefined && !next.startsWith('--');
			if (
				BOOLEAN_FLAGS.has(flag) &&
				!(takesNext && /^(true|false|0|1|yes|no|on|off)$/i.test(next))
			) {
				raw = 'true';
			} else if (takesNext) {
				raw = argv[++i];
			} else {
				throw new Error(`--${flag} needs a value`);
			}
		}
		setOption(options, path, parse(raw));
	}
	return options;
}

async function main() {
	let options;
	try {
		options = parseSettings(process.argv.slice(2), process.env);
	} catch (error) {
		process.stderr.write(`mavi-simulator: ${error.message}\n\n${usage()}\n`);
		process.exit(2);
	}
	if (options === null) {
		process.stdout.write(`${usage()}\n`);
		return;
	}
	const sim = await startSimulator(options);
	process.stdout.write(
		[
			`Mavi simulator listening on ${sim.url}`,
			`Base URL: ${sim.baseUrl}`,
			`Admin: GET ${sim.url}/__admin/stats, POST ${sim.url}/__admin/config, POST ${sim.url}/__admin/reset`,
			`Options: ${JSON.stringify(sim.describeOptions())}`,
			'',
		].join('\n'),
	);
	let stopping = false;
	const stop = (signal) => {
		if (stopping) process.exit(1); // a second signal forces the exit
		stopping = true;
		process.stdout.write(`Mavi simulator: ${signal}, stopping\n`);
		sim.stop().then(
			() => process.exit(0),
			() => process.exit(1),
		);
	};
	process.on('SIGINT', () => stop('SIGINT'));
	process.on('SIGTERM', () => stop('SIGTERM'));
}

if (require.main === module) {
	main().catch((error) => {
		process.stderr.write(`mavi-simulator: ${error.message}\n`);
		process.exit(1);
	});
}

module.exports = { parseSettings, usage };
