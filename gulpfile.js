// Copies what tsc does not: node and credential icons, and the codex .node.json files.
const { src, dest, task } = require('gulp');

task('build:assets', () =>
	src(['nodes/**/*.{png,svg,json}', 'credentials/**/*.{png,svg}'], { base: '.', encoding: false }).pipe(
		dest('dist'),
	),
);
