// n8n-core writes an encryption-key file under $N8N_USER_FOLDER/.n8n: keep it out of the home folder.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
if (!process.env.N8N_USER_FOLDER) {
	process.env.N8N_USER_FOLDER = fs.mkdtempSync(path.join(os.tmpdir(), 'plum-n8n-user-'));
}
