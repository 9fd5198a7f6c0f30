'use strict';
// Where the benchmark gets the package's code from: the compiled dist/ (what n8n loads; `npm run bench` builds it
// first), or another compiled copy named by PLUM_BENCH_DIST. The smoke test passes the TypeScript sources instead
// (ts-jest compiles them), so every bench code path is checked without a build.
const path = require('node:path');

const REPO_ROOT = path.resolve(__dirname, '..');

/**
 * The parts of the package the figures use, loaded from `root` (a folder laid out like dist/).
 * @returns {{ root: string, PlumOutbound: Function, PlumOutboundTrigger: Function, PlumVoiceApi: Function,
 *   writeCampaignCalls: Function, buildBulkCsv: Function, chooseColumns: Function, perItemParameter: Function }}
 */
function loadProject(root = process.env.PLUM_BENCH_DIST || path.join(REPO_ROOT, 'dist')) {
	const from = (file) => require(path.join(root, file));
	return {
		root,
		PlumOutbound: from('nodes/PlumOutbound/PlumOutbound.node').PlumOutbound,
		PlumOutboundTrigger: from('nodes/PlumOutboundTrigger/PlumOutboundTrigger.node').PlumOutboundTrigger,
		PlumVoiceApi: from('credentials/PlumVoiceApi.credentials').PlumVoiceApi,
		writeCampaignCalls: from('nodes/shared/csv/campaignCalls').writeCampaignCalls,
		buildBulkCsv: from('nodes/shared/csv/bulkCsv').buildBulkCsv,
		chooseColumns: from('nodes/shared/csv/bulkCsv').chooseColumns,
		perItemParameter: from('nodes/PlumOutbound/helpers/perItemParameter').perItemParameter,
	};
}

module.exports = { loadProject, REPO_ROOT };
