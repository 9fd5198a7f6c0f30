// Removes the previous build so deleted sources never linger in dist/.
const fs = require('node:fs');
fs.rmSync(require('node:path').join(__dirname, '..', 'dist'), { recursive: true, force: true });
