import { describeFaults } from './support/faultSuite';
import { OPERATIONS } from './support/operations';

describeFaults(
	'faults: DEV webservice',
	OPERATIONS.filter((operation) => operation.product === 'dev'),
);
