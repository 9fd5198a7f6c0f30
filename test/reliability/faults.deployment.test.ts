import { describeFaults } from './support/faultSuite';
import { OPERATIONS } from './support/operations';

describeFaults(
	'faults: deployment API',
	OPERATIONS.filter((operation) => operation.product === 'deployment'),
);
