// Run awesome-lint (bench/node_modules) on one readme and print its messages as JSON:
// [{line, column, rule, message, fatal}], rule without the "remark-lint:" prefix.
// Usage: node bench/awesome_lint_json.mjs FILE   (run inside a git repository holding FILE)
import process from 'node:process';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const {default: lint} = await import(path.join(here, 'node_modules', 'awesome-lint', 'index.js'));

const filename = process.argv[2] ?? 'readme.md';
const vfiles = await lint({filename});
const out = [];
for (const vfile of vfiles) {
	for (const message of vfile.messages) {
		out.push({
			file: path.basename(vfile.path),
			line: message.line ?? 1,
			column: message.column ?? 1,
			rule: String(message.ruleId ?? message.source ?? '?').replace(/^remark-lint:/, ''),
			message: message.reason,
			fatal: message.fatal ?? null,
		});
	}
}
process.stdout.write(JSON.stringify(out));
