/**
 * The one check every property uses for bad input: the pure code throws PlumInputError naming the field
 * (never another exception), and the node glue turns it into a NodeOperationError that names it too.
 */
import assert from 'node:assert/strict';

import { NodeOperationError, type INode } from 'n8n-workflow';

import { toNodeOperationError } from '../../../nodes/PlumOutbound/helpers/inputErrors';
import { PlumInputError } from '../../../nodes/shared/validation/InputProblem';

const NODE: INode = {
	id: 'reliability-node',
	name: 'Plum Outbound',
	type: 'n8n-nodes-plumvoice.plumOutbound',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

export type Outcome<T> = { accepted: true; value: T } | { accepted: false; error: PlumInputError };

/**
 * Runs `call`; a thrown PlumInputError whose problems name only `fields` is a rejection, anything else
 * thrown fails the property with the exception's type and message.
 */
export function outcomeOf<T>(call: () => T, fields: readonly string[]): Outcome<T> {
	let value: T;
	try {
		value = call();
	} catch (error) {
		checkRejection(error, fields);
		return { accepted: false, error: error as PlumInputError };
	}
	return { accepted: true, value };
}

export function checkRejection(error: unknown, fields: readonly string[]): asserts error is PlumInputError {
	if (!(error instanceof PlumInputError)) {
		const kind = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
		assert.fail(`expected a PlumInputError, got ${kind}`);
	}
	assert.ok(error.problems.length > 0, 'a PlumInputError without problems');
	for (const problem of error.problems) {
		assert.ok(fields.includes(problem.field), `problem names "${problem.field}", expected one of ${fields.join(', ')}`);
		assert.ok(problem.rule.length > 0 && problem.fix.length > 0, 'a problem without a rule or a fix');
	}
	const nodeError = toNodeOperationError(NODE, error);
	assert.ok(nodeError instanceof NodeOperationError, 'toNodeOperationError did not give a NodeOperationError');
	assert.ok(nodeError.message.includes(error.problems[0].field), `"${nodeError.message}" does not name the field`);
}

/** For properties where every case must be rejected. */
export function expectRejected(call: () => unknown, fields: readonly string[]): PlumInputError {
	const outcome = outcomeOf(call, fields);
	if (outcome.accepted) assert.fail(`accepted bad input, returning ${JSON.stringify(outcome.value)}`);
	return outcome.error;
}

/** Counts accepted and rejected cases, so a property that never reaches one side is noticed. */
export class OutcomeCounter {
	accepted = 0;

	rejected = 0;

	note(outcome: Outcome<unknown>): void {
		if (outcome.accepted) this.accepted++;
		else this.rejected++;
	}
}
