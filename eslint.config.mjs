// n8n's community-node rules, as n8n's scanner (@n8n/scan-community-package) applies them, on the rule set
// for packages with runtime dependencies. Two deliberate settings, both here and never inline:
// - no-runtime-dependencies is off: fast-xml-parser and form-data are our only runtime dependencies
//   (the design card's fixed choice), the one known gap to n8n Cloud verification;
// - no-restricted-globals (a Cloud rule) stays on: nothing else stands between us and Cloud.
import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';
import tsParser from '@typescript-eslint/parser';
import n8nNodesPlugin from 'eslint-plugin-n8n-nodes-base';

const ruleSet = n8nCommunityNodesPlugin.configs.recommendedWithoutN8nCloudSupport;

export default [
	{ ignores: ['dist/**', 'node_modules/**', 'package-lock.json', 'test/**', 'sandbox/**', 'scripts/**'] },
	{ files: ['**/*.ts'], languageOptions: { parser: tsParser } },
	{
		...ruleSet,
		rules: {
			...ruleSet.rules,
			'@n8n/community-nodes/no-runtime-dependencies': 'off',
			'@n8n/community-nodes/no-restricted-globals': 'error',
			'no-console': 'error',
		},
	},
	{ plugins: { 'n8n-nodes-base': n8nNodesPlugin } },
	{
		files: ['package.json'],
		languageOptions: { parser: tsParser, parserOptions: { extraFileExtensions: ['.json'] } },
		rules: { ...n8nNodesPlugin.configs.community.rules },
	},
	{
		files: ['credentials/**/*.ts'],
		rules: {
			...n8nNodesPlugin.configs.credentials.rules,
			// Not valid for community nodes (n8n scanner override).
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
			// The community-nodes credential-password-field rule is the accurate one (n8n scanner override).
			'n8n-nodes-base/cred-class-field-type-options-password-missing': 'off',
		},
	},
	{
		files: ['nodes/**/*.ts'],
		rules: {
			...n8nNodesPlugin.configs.nodes.rules,
			// Inputs and outputs use the NodeConnectionTypes enum (n8n scanner override).
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
			// Plum documents real maximums (10 retries, 172800 s), so maxValue is right (n8n scanner override).
			'n8n-nodes-base/node-param-type-options-max-value-present': 'off',
		},
	},
];
