/** Field expressions read without n8n's evaluator, against n8n's legacy expression engine (n8n-workflow's default). */
import { Expression } from 'n8n-workflow';

import { compareFieldExpressionsWithN8n } from '../helpers/fieldExpressionComparison';

describe("field expressions read without n8n's evaluator give what n8n's legacy engine gives", () => {
	test('the legacy engine is the one evaluating', () => {
		expect(Expression.getActiveImplementation()).toBe('legacy');
	});
	compareFieldExpressionsWithN8n();
});
