import { NodeOperationError, type INode } from 'n8n-workflow';

import { describeProblem, type PlumInputError } from '../../shared/validation/InputProblem';

const MAX_LISTED_PROBLEMS = 10;

/** Turns pure validation problems into the NodeOperationError n8n shows, naming item, field, rule and fix. */
export function toNodeOperationError(
	node: INode,
	error: PlumInputError,
	totalInvalidItems = error.totalInvalid,
): NodeOperationError {
	const problems = error.problems;
	const first = problems[0];
	const itemIndex = first?.itemIndex ?? 0;
	if (problems.length === 1 && totalInvalidItems <= 1) {
		return new NodeOperationError(node, describeProblem(first), {
			itemIndex,
			description: `Nothing was sent to Plum. Fix: ${first.fix}`,
		});
	}
	const listed = problems.slice(0, MAX_LISTED_PROBLEMS).map(describeProblem);
	const more = totalInvalidItems - listed.length;
	return new NodeOperationError(
		node,
		`Nothing was sent to Plum: ${totalInvalidItems} ${totalInvalidItems === 1 ? 'value is' : 'values are'} invalid. First: ${describeProblem(first)}`,
		{
			itemIndex,
			description: listed.join('\n') + (more > 0 ? `\n…and ${more} more` : ''),
		},
	);
}
