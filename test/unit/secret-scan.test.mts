import assert from 'node:assert/strict';
import { test } from 'node:test';

import { captureOutput, findSecrets, secretsOf } from '../helpers/secret-scan.mts';

test('the leak scanner finds a token in plain and URL-encoded form, and ignores expressions', async () => {
	const secrets = secretsOf({ longLivedToken: 'THQVJabc/def+ghi', appSecret: 'app-secret-1', session: '={{ 1 }}', accessToken: '' });
	assert.equal(secrets.length, 2);
	assert.equal(findSecrets('nothing here', secrets).length, 0);
	assert.equal(findSecrets('url?access_token=THQVJabc%2Fdef%2Bghi', secrets).length, 1);
	const { output } = await captureOutput(async () => {
		process.stderr.write('log line app-secret-1\n');
	});
	assert.equal(findSecrets(output, secrets).length, 1);
});
